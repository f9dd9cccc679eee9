package io.github.edp4j.examples.training;

import io.github.edp4j.algos.Evaluation;
import io.github.edp4j.algos.TrainingListener;
import io.github.edp4j.algos.TrainingRecord;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints a training run's progress, one line at a time (safe for log files and pipes): a line after every
 * evaluation, and between them at most one line per interval when training goes on for long without one; a run
 * without evaluations also gets a line for its last record. A line holds the run's name, the iteration, the latest normalized score, the latest losses
 * and mean Q, the throughput and the estimated time left, such as
 *
 * <pre>
 *   EDP-IQL    it  2400/8000  30%  score  87.2  critic_loss 0.0102  policy_loss 0.384  71 it/s  ETA 1m19s
 * </pre>
 *
 * Register it with {@link io.github.edp4j.algos.EdpTrainer.Builder#listener}; it is called on the training thread.
 */
public final class ProgressPrinter implements TrainingListener {

    private static final String[] SHOWN = {"critic_loss", "value_loss", "policy_loss", "q_mean"};

    private final PrintWriter out;
    private final String name;
    private final long intervalNanos;
    private final int nameWidth;
    private final long evalEvery;
    private long lastPrint;
    private long startNanos = -1;
    private long startIteration;
    private long total;
    private TrainingRecord latest;
    private Evaluation lastEvaluation;

    /**
     * @param out where the lines go; flushed after each line
     * @param name the run's name, such as {@code EDP-IQL}
     * @param totalIterations the run's iteration budget
     * @param evalEvery iterations between evaluations, 0 for a run without evaluations (the trainer also evaluates
     *     at the last iteration; the lines of evaluated iterations carry the new score)
     * @param intervalSeconds at most one line per this many seconds between evaluations, {@code > 0}
     * @param nameWidth the name column's width, so that the lines of several runs line up
     */
    public ProgressPrinter(PrintWriter out, String name, long totalIterations, long evalEvery,
            double intervalSeconds, int nameWidth) {
        this.out = Objects.requireNonNull(out, "out");
        this.name = Objects.requireNonNull(name, "name");
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("progress interval must be > 0 seconds, got " + intervalSeconds);
        }
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.nameWidth = Math.max(1, nameWidth);
        if (evalEvery < 0) {
            throw new IllegalArgumentException("evalEvery must be >= 0 (0 = no evaluations), got " + evalEvery);
        }
        this.evalEvery = evalEvery;
        this.total = totalIterations;
        this.lastPrint = System.nanoTime();
    }

    @Override
    public void onRecord(TrainingRecord record, long totalIterations) {
        total = totalIterations;
        if (startNanos < 0) {
            startNanos = System.nanoTime();
            startIteration = record.iteration();
        }
        latest = record;
        long it = record.iteration();
        boolean evaluated = evalEvery > 0 && (it % evalEvery == 0 || it >= totalIterations);
        if (evaluated) {
            return; // the evaluation's line follows, with the new score
        }
        if (it >= totalIterations || System.nanoTime() - lastPrint >= intervalNanos) {
            print(it, null);
        }
    }

    @Override
    public void onEvaluation(Evaluation evaluation) {
        lastEvaluation = evaluation;
        print(evaluation.iteration(), evaluation);
    }

    private void print(long iteration, Evaluation evaluation) {
        long now = System.nanoTime();
        lastPrint = now;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s  it %" + digits(total) + "d/%d %4.0f%%", name,
                iteration, total, total > 0 ? 100.0 * iteration / total : 0));
        Evaluation e = evaluation != null ? evaluation : lastEvaluation;
        if (e != null && Double.isFinite(e.normalizedScore())) {
            sb.append(String.format(Locale.ROOT, "  score %6.1f", e.normalizedScore()));
        }
        if (latest != null) {
            for (String k : SHOWN) {
                Double v = latest.metrics().get(k);
                if (v != null) {
                    sb.append(String.format(Locale.ROOT, "  %s %.4g", k, v));
                }
            }
        }
        double seconds = startNanos < 0 ? 0 : (now - startNanos) / 1e9;
        long done = iteration - startIteration;
        if (seconds > 0.5 && done > 0) {
            double rate = done / seconds;
            sb.append(String.format(Locale.ROOT, "  %.0f it/s  ETA %s", rate, duration((total - iteration) / rate)));
        }
        out.println(sb);
        out.flush();
    }

    private static int digits(long n) {
        return Long.toString(Math.max(1, n)).length();
    }

    /**
     * @param seconds a duration
     * @return it for a person: {@code 42s}, {@code 3m05s}, {@code 2h07m}; {@code ?} if not finite
     */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long t = Math.round(seconds);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
