package io.github.edp4j.algos;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reports long training as it runs, one line at a fixed interval (iteration, it/s, ETA, latest losses and latest
 * score), to a sink: the trainer passes its SLF4J logger, so the library never writes to a terminal itself; an
 * application that wants a live status line registers a {@link TrainingListener} (the CLI does) and turns this off
 * with {@code progress(false)}.
 */
final class ProgressReporter {

    private final Consumer<String> sink;
    private final long total;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastPrint;
    private long startIteration = -1;

    ProgressReporter(Consumer<String> sink, long total, double intervalSeconds) {
        this.sink = sink;
        this.total = total;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.lastPrint = start;
    }

    void update(long iteration, Map<String, Float> latest, Evaluation lastEvaluation, boolean force) {
        long now = System.nanoTime();
        if (startIteration < 0) {
            startIteration = iteration - 1;
        }
        if (!force && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double rate = (iteration - startIteration) / Math.max(seconds, 1e-9);
        double eta = (total - iteration) / Math.max(rate, 1e-9);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "it %d/%d (%.0f%%) %.1f it/s ETA %s", iteration, total, 100.0 * iteration / total, rate,
                formatSeconds(eta)));
        if (latest != null) {
            for (String k : new String[] {"critic_loss", "policy_loss", "q_mean"}) {
                Float v = latest.get(k);
                if (v != null) {
                    sb.append(String.format(Locale.ROOT, " %s %.4g", k, v));
                }
            }
        }
        if (lastEvaluation != null) {
            sb.append(String.format(Locale.ROOT, " score %.1f", lastEvaluation.normalizedScore()));
        }
        sink.accept(sb.toString());
    }

    static String formatSeconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
