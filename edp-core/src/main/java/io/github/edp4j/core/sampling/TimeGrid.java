package io.github.edp4j.core.sampling;

import io.github.edp4j.core.schedule.NoiseSchedule;

/**
 * How DPM-Solver places its time points between {@code t_T} and {@code t_0} (Lu et al. 2022, arXiv
 * 2206.00927, Sec. 3.3 and the official code's {@code skip_type}).
 */
public enum TimeGrid {
    /** Uniform in {@code t} (EDP's choice). */
    TIME_UNIFORM,
    /** Uniform in {@code lambda = log(alpha/sigma)}, mapped back with the inverse of lambda. */
    LOGSNR,
    /** Uniform in {@code sqrt(t)}, squared. */
    TIME_QUADRATIC;

    /**
     * The {@code n + 1} grid points from {@code tStart} down to {@code tEnd}.
     *
     * @param schedule the schedule (for the logSNR grid)
     * @param tStart {@code t_T}
     * @param tEnd {@code t_0}
     * @param n number of intervals
     * @return the points, first {@code tStart}, last {@code tEnd}
     */
    double[] points(NoiseSchedule schedule, double tStart, double tEnd, int n) {
        double[] ts = new double[n + 1];
        switch (this) {
            case TIME_UNIFORM -> {
                for (int i = 0; i <= n; i++) {
                    ts[i] = tStart + (tEnd - tStart) * i / n;
                }
            }
            case TIME_QUADRATIC -> {
                double a = Math.sqrt(tStart);
                double b = Math.sqrt(tEnd);
                for (int i = 0; i <= n; i++) {
                    double r = a + (b - a) * i / n;
                    ts[i] = r * r;
                }
            }
            case LOGSNR -> {
                double la = schedule.lambda(tStart);
                double lb = schedule.lambda(tEnd);
                for (int i = 0; i <= n; i++) {
                    ts[i] = schedule.inverseLambda(la + (lb - la) * i / n);
                }
            }
            default -> throw new IllegalStateException("unreachable: " + this);
        }
        ts[0] = tStart;
        ts[n] = tEnd;
        return ts;
    }
}
