package io.github.edp4j.sweep;

import io.github.edp4j.examples.training.ProgressPrinter;
import java.util.Locale;

/**
 * The driver's progress line: runs done, running, failed and waiting out of the sweep's total, the time so far and
 * an estimate of the time left, from the pace of the runs finished in this invocation (which reflects how many run
 * at once). Immutable.
 *
 * @param total runs in the sweep
 * @param skipped runs complete before this invocation (not trained again)
 * @param done runs completed in this invocation
 * @param failed runs failed in this invocation
 * @param running runs training now
 * @param elapsedSeconds seconds since this invocation started its runs
 */
record SweepProgress(int total, int skipped, int done, int failed, int running, double elapsedSeconds) {

    /** @return runs not yet finished in this invocation (running or waiting) */
    int remaining() {
        return total - skipped - done - failed;
    }

    /**
     * @return the estimated seconds left: the remaining runs at the pace of those finished so far; NaN before the
     *     first finishes
     */
    double etaSeconds() {
        int finished = done + failed;
        if (remaining() == 0) {
            return 0;
        }
        return finished == 0 ? Double.NaN : elapsedSeconds / finished * remaining();
    }

    /** @return the line, such as {@code sweep: 5/12 done (2 skipped), 2 running, 1 failed, 4 waiting; 1m20s, ETA 2m} */
    String line() {
        int waiting = Math.max(0, remaining() - running);
        double eta = etaSeconds();
        return String.format(Locale.ROOT, "sweep: %d/%d done%s, %d running, %d failed, %d waiting; %s elapsed, ETA %s",
                skipped + done, total, skipped > 0 ? " (" + skipped + " complete before)" : "", running, failed,
                waiting, ProgressPrinter.duration(elapsedSeconds),
                Double.isNaN(eta) ? "unknown" : ProgressPrinter.duration(eta));
    }
}
