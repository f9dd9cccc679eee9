package io.github.edp4j.algos;

import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.io.Csv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the training curve to {@code training.csv} and evaluations to {@code evaluations.csv} in an output
 * directory, flushing every line so that a crash loses nothing already reported. Rows are written with the shared
 * {@link Csv} quoting.
 *
 * <p>Both files start from the run's history: empty for a new run, the checkpoint's records for a resumed one. They
 * are rewritten atomically from it before anything is appended, so rows a killed run wrote after its last checkpoint
 * disappear and every iteration appears once, with the values an uninterrupted run writes.
 *
 * <p>Columns of {@code training.csv}: {@code iteration}, {@code iterations_per_second}, then every metric any
 * record has carried, in the order of first appearance. The header grows: when a record brings a metric the file
 * has no column for (DTQL's policy metrics start only after its pre-training), the file is rewritten atomically from
 * the history with the wider header, earlier rows getting blank cells (a blank cell is a metric not recorded in that
 * window), and appending continues. A reader therefore always sees one header that covers every row.
 */
final class MetricsLog implements AutoCloseable {

    static final String TRAINING_FILE = "training.csv";
    static final String EVALUATIONS_FILE = "evaluations.csv";
    private static final List<String> FIXED = List.of("iteration", "iterations_per_second");
    private static final List<String> EVALUATION_COLUMNS = List.of("iteration", "mean_return", "normalized_score",
            "episodes");

    private final Path trainingFile;
    private final Path evaluationsFile;
    private final List<TrainingRecord> history = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();
    private BufferedWriter training;
    private final BufferedWriter evaluations;

    /**
     * @param dir the output directory, created if missing
     * @param curve the training records so far (empty for a new run)
     * @param evals the evaluations so far (empty for a new run)
     */
    MetricsLog(Path dir, List<TrainingRecord> curve, List<Evaluation> evals) {
        this.trainingFile = dir.resolve(TRAINING_FILE);
        this.evaluationsFile = dir.resolve(EVALUATIONS_FILE);
        history.addAll(curve);
        for (TrainingRecord r : curve) {
            addColumns(r);
        }
        StringBuilder e = new StringBuilder(Csv.formatRow(EVALUATION_COLUMNS)).append('\n');
        for (Evaluation ev : evals) {
            e.append(line(ev));
        }
        write(trainingFile, trainingText());
        write(evaluationsFile, e.toString());
        this.training = open(trainingFile);
        BufferedWriter ev;
        try {
            ev = open(evaluationsFile);
        } catch (UncheckedIOException ex) {
            closeQuietly(training);
            throw ex;
        }
        this.evaluations = ev;
    }

    /** @return whether {@code r} brought metrics the header had no column for (they are added) */
    private boolean addColumns(TrainingRecord r) {
        boolean added = false;
        for (String k : r.metrics().keySet()) {
            if (!columns.contains(k)) {
                columns.add(k);
                added = true;
            }
        }
        return added;
    }

    /** @return the whole of {@code training.csv} for the history: the header (once there is a record) and rows */
    private String trainingText() {
        if (history.isEmpty()) {
            return "";
        }
        List<String> head = new ArrayList<>(FIXED);
        head.addAll(columns);
        StringBuilder sb = new StringBuilder(Csv.formatRow(head)).append('\n');
        for (TrainingRecord r : history) {
            sb.append(line(r));
        }
        return sb.toString();
    }

    private String line(TrainingRecord r) {
        List<String> row = new ArrayList<>(FIXED.size() + columns.size());
        row.add(Long.toString(r.iteration()));
        row.add(String.format(Locale.ROOT, "%.3f", r.iterationsPerSecond()));
        for (String c : columns) {
            Double v = r.metrics().get(c);
            row.add(v == null ? "" : String.format(Locale.ROOT, "%.6g", v));
        }
        return Csv.formatRow(row) + "\n";
    }

    private static String line(Evaluation e) {
        return Csv.formatRow(List.of(Long.toString(e.iteration()), String.format(Locale.ROOT, "%.6g", e.meanReturn()),
                String.format(Locale.ROOT, "%.6g", e.normalizedScore()), Integer.toString(e.episodes()))) + "\n";
    }

    private static void write(Path file, String content) {
        try {
            AtomicFile.write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException ex) {
            throw failure(file, ex);
        }
    }

    private static BufferedWriter open(Path file) {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw failure(file, ex);
        }
    }

    /** An I/O failure whose message names the file (a full disk's own message, "No space left on device", does not). */
    static UncheckedIOException failure(Path file, IOException ex) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return new UncheckedIOException(message.contains(file.toString()) ? message
                : "cannot write " + file + ": " + message, ex);
    }

    void record(TrainingRecord r) {
        history.add(r);
        boolean widened = addColumns(r);
        try {
            if (widened || history.size() == 1) {
                // a new column (or the first record, which brings the header): rewrite the file from the history
                training.close();
                write(trainingFile, trainingText());
                training = open(trainingFile);
            } else {
                training.write(line(r));
                training.flush();
            }
        } catch (IOException e) {
            throw failure(trainingFile, e);
        }
    }

    void record(Evaluation e) {
        try {
            evaluations.write(line(e));
            evaluations.flush();
        } catch (IOException ex) {
            throw failure(evaluationsFile, ex);
        }
    }

    private static void closeQuietly(BufferedWriter w) {
        try {
            w.close();
        } catch (IOException ignored) {
            // the first failure is the one reported
        }
    }

    @Override
    public void close() {
        try {
            training.close();
        } catch (IOException e) {
            closeQuietly(evaluations);
            throw failure(trainingFile, e);
        }
        try {
            evaluations.close();
        } catch (IOException e) {
            throw failure(evaluationsFile, e);
        }
    }
}
