package io.github.edp4j.algos;

import io.github.edp4j.core.io.AtomicFile;
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
 * directory, flushing every line so that a crash loses nothing already reported.
 *
 * <p>Both files start from the run's history: empty for a new run, the checkpoint's records for a resumed one.
 * They are rewritten atomically from it before anything is appended, so rows a killed run wrote after its last
 * checkpoint disappear and every iteration appears once, with the values an uninterrupted run writes.
 */
final class MetricsLog implements AutoCloseable {

    static final String TRAINING_FILE = "training.csv";
    static final String EVALUATIONS_FILE = "evaluations.csv";
    private static final String EVALUATIONS_HEADER = "iteration,mean_return,normalized_score,episodes\n";

    private final Path trainingFile;
    private final Path evaluationsFile;
    private final BufferedWriter training;
    private final BufferedWriter evaluations;
    private List<String> columns;

    /**
     * @param dir the output directory, created if missing
     * @param curve the training records so far (empty for a new run)
     * @param evals the evaluations so far (empty for a new run)
     */
    MetricsLog(Path dir, List<TrainingRecord> curve, List<Evaluation> evals) {
        this.trainingFile = dir.resolve(TRAINING_FILE);
        this.evaluationsFile = dir.resolve(EVALUATIONS_FILE);
        StringBuilder t = new StringBuilder();
        for (TrainingRecord r : curve) {
            t.append(line(r));
        }
        StringBuilder e = new StringBuilder(EVALUATIONS_HEADER);
        for (Evaluation ev : evals) {
            e.append(line(ev));
        }
        write(trainingFile, t.toString());
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

    private String line(TrainingRecord r) {
        StringBuilder sb = new StringBuilder();
        if (columns == null) {
            columns = new ArrayList<>(r.metrics().keySet());
            sb.append("iteration,iterations_per_second,").append(String.join(",", columns)).append('\n');
        }
        sb.append(r.iteration()).append(',').append(String.format(Locale.ROOT, "%.3f", r.iterationsPerSecond()));
        for (String c : columns) {
            Double v = r.metrics().get(c);
            sb.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.6g", v));
        }
        return sb.append('\n').toString();
    }

    private static String line(Evaluation e) {
        return String.format(Locale.ROOT, "%d,%.6g,%.6g,%d%n", e.iteration(), e.meanReturn(), e.normalizedScore(),
                e.episodes());
    }

    void record(TrainingRecord r) {
        try {
            training.write(line(r));
            training.flush();
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
