package io.github.edp4j.algos;

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
 * directory, flushing every line so that a crash loses nothing already reported.
 */
final class MetricsLog implements AutoCloseable {

    private final BufferedWriter training;
    private final BufferedWriter evaluations;
    private List<String> columns;

    MetricsLog(Path dir, boolean append) {
        try {
            Files.createDirectories(dir);
            Path t = dir.resolve("training.csv");
            Path e = dir.resolve("evaluations.csv");
            boolean freshT = !append || !Files.exists(t);
            boolean freshE = !append || !Files.exists(e);
            this.training = open(t, freshT);
            this.evaluations = open(e, freshE);
            if (freshE) {
                evaluations.write("iteration,mean_return,normalized_score,episodes\n");
                evaluations.flush();
            }
            if (!freshT) {
                List<String> lines = Files.readAllLines(t, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    String[] head = lines.get(0).split(",");
                    columns = new ArrayList<>(List.of(head).subList(2, head.length));
                }
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
            if (columns == null) {
                columns = new ArrayList<>(r.metrics().keySet());
                training.write("iteration,iterations_per_second," + String.join(",", columns) + "\n");
            }
            StringBuilder sb = new StringBuilder();
            sb.append(r.iteration()).append(',').append(String.format(Locale.ROOT, "%.3f", r.iterationsPerSecond()));
            for (String c : columns) {
                Double v = r.metrics().get(c);
                sb.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.6g", v));
            }
            training.write(sb.append('\n').toString());
            training.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void record(Evaluation e) {
        try {
            evaluations.write(String.format(Locale.ROOT, "%d,%.6g,%.6g,%d%n", e.iteration(), e.meanReturn(),
                    e.normalizedScore(), e.episodes()));
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
