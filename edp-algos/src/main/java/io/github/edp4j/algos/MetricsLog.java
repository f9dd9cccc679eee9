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
 * Appends the training curve to {@code training.csv} and evaluations to {@code evaluations.csv} in an output
 * directory, flushing every line so that a crash loses nothing already reported. Rows are written with the shared
 * {@link Csv} quoting.
 *
 * <p>Columns of {@code training.csv}: {@code iteration}, {@code iterations_per_second}, then every metric any
 * record has carried, in the order of first appearance. The header grows: when a record brings a metric the file
 * has no column for (DTQL's policy metrics start only after its pre-training), the file is rewritten atomically
 * with the wider header and the earlier rows padded with blank cells (a blank cell is a metric not recorded in that
 * window), and appending continues. A reader therefore always sees one header that covers every row. A resumed
 * run continues the existing file and its columns.
 */
final class MetricsLog implements AutoCloseable {

    private static final List<String> FIXED = List.of("iteration", "iterations_per_second");

    private final Path trainingFile;
    private BufferedWriter training;
    private final BufferedWriter evaluations;
    private final List<String> columns = new ArrayList<>();
    private boolean headerWritten;

    MetricsLog(Path dir, boolean append) {
        try {
            Files.createDirectories(dir);
            this.trainingFile = dir.resolve("training.csv");
            Path e = dir.resolve("evaluations.csv");
            boolean freshT = !append || !Files.exists(trainingFile);
            boolean freshE = !append || !Files.exists(e);
            if (!freshT) {
                List<String> lines = Files.readAllLines(trainingFile, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    List<String> head = Csv.parseRow(lines.get(0));
                    columns.addAll(head.subList(Math.min(FIXED.size(), head.size()), head.size()));
                    headerWritten = true;
                }
            }
            this.training = open(trainingFile, freshT);
            this.evaluations = open(e, freshE);
            if (freshE) {
                evaluations.write(Csv.formatRow(List.of("iteration", "mean_return", "normalized_score", "episodes"))
                        + "\n");
                evaluations.flush();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write metrics to " + dir + ": " + ex.getMessage(), ex);
        }
    }

    private static BufferedWriter open(Path p, boolean fresh) throws IOException {
        return fresh ? Files.newBufferedWriter(p, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    void record(TrainingRecord r) {
        try {
            List<String> added = new ArrayList<>();
            for (String k : r.metrics().keySet()) {
                if (!columns.contains(k)) {
                    added.add(k);
                }
            }
            if (!headerWritten) {
                columns.addAll(added);
                training.write(header() + "\n");
                headerWritten = true;
            } else if (!added.isEmpty()) {
                widen(added);
            }
            List<String> row = new ArrayList<>(FIXED.size() + columns.size());
            row.add(Long.toString(r.iteration()));
            row.add(String.format(Locale.ROOT, "%.3f", r.iterationsPerSecond()));
            for (String c : columns) {
                Double v = r.metrics().get(c);
                row.add(v == null ? "" : String.format(Locale.ROOT, "%.6g", v));
            }
            training.write(Csv.formatRow(row) + "\n");
            training.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + trainingFile + ": " + e.getMessage(), e);
        }
    }

    private String header() {
        List<String> head = new ArrayList<>(FIXED);
        head.addAll(columns);
        return Csv.formatRow(head);
    }

    /** Rewrites the file with new columns at the end of the header and blank cells for them in the earlier rows. */
    private void widen(List<String> added) throws IOException {
        training.close();
        List<String> lines = Files.readAllLines(trainingFile, StandardCharsets.UTF_8);
        columns.addAll(added);
        String pad = ",".repeat(added.size());
        AtomicFile.write(trainingFile, out -> {
            StringBuilder sb = new StringBuilder(header()).append('\n');
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (!line.isEmpty()) {
                    sb.append(line).append(pad).append('\n');
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        });
        training = open(trainingFile, false);
    }

    void record(Evaluation e) {
        try {
            evaluations.write(Csv.formatRow(List.of(Long.toString(e.iteration()),
                    String.format(Locale.ROOT, "%.6g", e.meanReturn()),
                    String.format(Locale.ROOT, "%.6g", e.normalizedScore()), Integer.toString(e.episodes()))) + "\n");
            evaluations.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            training.close();
            evaluations.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
