package io.github.edp4j.algos;

import java.util.Map;
import org.slf4j.Logger;

/**
 * Shows long training as it runs: on an interactive terminal a status line rewritten in place on standard error,
 * otherwise a plain SLF4J log line at a fixed interval: iteration, it/s, ETA, latest losses and latest score.
 */
final class ProgressReporter {

    private final Logger log;
    private final long total;
    private final boolean interactive;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastPrint;
    private long startIteration = -1;

    ProgressReporter(Logger log, long total, boolean interactive, double intervalSeconds) {
        this.log = log;
        this.total = total;
        this.interactive = interactive;
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
        sb.append(String.format("it %d/%d (%.0f%%) %.1f it/s ETA %s", iteration, total, 100.0 * iteration / total, rate,
                formatSeconds(eta)));
        if (latest != null) {
            for (String k : new String[] {"critic_loss", "policy_loss", "q_mean"}) {
                Float v = latest.get(k);
                if (v != null) {
                    sb.append(String.format(" %s %.4g", k, v));
                }
            }
        }
        if (lastEvaluation != null) {
            sb.append(String.format(" score %.1f", lastEvaluation.normalizedScore()));
        }
        if (interactive) {
            System.err.print("\r" + sb + "   ");
            System.err.flush();
        } else {
            log.info("{}", sb);
        }
    }

    void finish() {
        if (interactive) {
            System.err.println();
        }
    }

    static String formatSeconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format("%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
