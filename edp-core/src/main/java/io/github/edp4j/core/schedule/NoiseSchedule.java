package io.github.edp4j.core.schedule;

import ai.djl.ndarray.NDManager;

/**
 * A discrete diffusion noise schedule with {@code K} steps and its continuous-time view.
 *
 * <p>Discrete quantities use the paper's 1-based index {@code k = 1..K}: {@code beta_k}, {@code alpha_k = 1 -
 * beta_k}, {@code abar_k = prod_{i<=k} alpha_i}, the forward process {@code a_k = sqrt(abar_k) a_0 +
 * sqrt(1 - abar_k) eps} (EDP, arXiv 2305.20081, Eq. 2) and the DDPM posterior {@code q(a_{k-1} | a_k, a_0)}
 * (Ho et al. 2020, Eq. 7). All tables are computed in double precision; {@link #toDevice(NDManager)} puts
 * float32 copies on a device for the training hot path.
 *
 * <p>The continuous-time view is the "discrete" noise schedule of DPM-Solver (Lu et al. 2022, arXiv
 * 2206.00927, App. D): {@code t_k = k/K}, {@code log alpha(t)} is the piecewise-linear interpolation of
 * {@code (t_k, 0.5 log abar_k)}, anchored at {@code (0, 0)} (that is {@code abar_0 = 1}) and extended linearly
 * beyond {@code t = 1}; {@code sigma(t) = sqrt(1 - alpha(t)^2)} and {@code lambda(t) = log alpha(t) - log
 * sigma(t)}. The anchor at zero only matters for {@code t < 1/K}; it keeps {@code alpha(t) < 1} there for every
 * {@code K}, where extrapolating the first segment (as the official code does) can leave the unit interval.
 *
 * <p>Immutable and thread-safe.
 */
public final class NoiseSchedule {

    private static final double BETA_CAP = 0.999;

    private final ScheduleKind kind;
    private final int steps;
    private final double[] betas;
    private final double[] alphaBars;
    /** Knots of log alpha(t) at t = k/K, k = 0..K (index 0 is the anchor log alpha = 0). */
    private final double[] logAlphaKnots;

    private NoiseSchedule(ScheduleKind kind, double[] betas) {
        this.kind = kind;
        this.steps = betas.length;
        this.betas = betas;
        this.alphaBars = new double[steps];
        this.logAlphaKnots = new double[steps + 1];
        double logAbar = 0;
        for (int i = 0; i < steps; i++) {
            logAbar += Math.log1p(-betas[i]);
            alphaBars[i] = Math.exp(logAbar);
            logAlphaKnots[i + 1] = 0.5 * logAbar;
        }
    }

    /**
     * Creates a schedule of the given kind.
     *
     * @param kind the schedule kind
     * @param steps {@code K >= 1}
     * @return the schedule
     */
    public static NoiseSchedule of(ScheduleKind kind, int steps) {
        if (kind == null) {
            throw new IllegalArgumentException("noise schedule: kind must not be null");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("noise schedule: steps (K) must be >= 1, got " + steps);
        }
        double[] betas = new double[steps];
        switch (kind) {
            case LINEAR -> {
                double scale = 1000.0 / steps;
                double start = 1e-4 * scale;
                double end = 0.02 * scale;
                for (int i = 0; i < steps; i++) {
                    double b = steps == 1 ? start : start + (end - start) * i / (steps - 1);
                    betas[i] = Math.min(b, BETA_CAP);
                }
            }
            case COSINE -> {
                double s = 0.008;
                double f0 = cosineF(0, steps, s);
                double prev = 1.0;
                for (int k = 1; k <= steps; k++) {
                    double abar = cosineF(k, steps, s) / f0;
                    betas[k - 1] = Math.min(1 - abar / prev, BETA_CAP);
                    prev = abar;
                }
            }
            case VP -> {
                double bMin = 0.1;
                double bMax = 10.0;
                double kk = steps;
                for (int k = 1; k <= steps; k++) {
                    betas[k - 1] = -Math.expm1(-bMin / kk - 0.5 * (bMax - bMin) * (2.0 * k - 1) / (kk * kk));
                }
            }
            default -> throw new IllegalStateException("unreachable: " + kind);
        }
        return new NoiseSchedule(kind, betas);
    }

    private static double cosineF(int k, int steps, double s) {
        double c = Math.cos(((double) k / steps + s) / (1 + s) * Math.PI / 2);
        return c * c;
    }

    /**
     * @param steps K
     * @return the linear schedule (official EDP default)
     */
    public static NoiseSchedule linear(int steps) {
        return of(ScheduleKind.LINEAR, steps);
    }

    /**
     * @param steps K
     * @return the cosine schedule
     */
    public static NoiseSchedule cosine(int steps) {
        return of(ScheduleKind.COSINE, steps);
    }

    /**
     * @param steps K
     * @return the VP schedule of Diffusion-QL
     */
    public static NoiseSchedule vp(int steps) {
        return of(ScheduleKind.VP, steps);
    }

    /** @return the schedule kind */
    public ScheduleKind kind() {
        return kind;
    }

    /** @return K, the number of diffusion steps */
    public int steps() {
        return steps;
    }

    private int check(int k) {
        if (k < 1 || k > steps) {
            throw new IndexOutOfBoundsException("diffusion step k must be in [1, " + steps + "], got " + k);
        }
        return k - 1;
    }

    /**
     * @param k step in 1..K
     * @return {@code beta_k}
     */
    public double beta(int k) {
        return betas[check(k)];
    }

    /**
     * @param k step in 1..K
     * @return {@code alpha_k = 1 - beta_k}
     */
    public double alpha(int k) {
        return 1 - betas[check(k)];
    }

    /**
     * @param k step in 0..K ({@code abar_0 = 1})
     * @return {@code abar_k}
     */
    public double alphaBar(int k) {
        return k == 0 ? 1.0 : alphaBars[check(k)];
    }

    /**
     * @param k step in 1..K
     * @return {@code sqrt(abar_k)}, the signal coefficient of the forward process
     */
    public double sqrtAlphaBar(int k) {
        return Math.sqrt(alphaBars[check(k)]);
    }

    /**
     * @param k step in 1..K
     * @return {@code sqrt(1 - abar_k)}, the noise coefficient of the forward process
     */
    public double sqrtOneMinusAlphaBar(int k) {
        return Math.sqrt(oneMinusAlphaBar(k));
    }

    private double oneMinusAlphaBar(int k) {
        // 1 - exp(log abar) without cancellation for abar close to 1.
        return -Math.expm1(2 * logAlphaKnots[check(k) + 1]);
    }

    /**
     * Coefficient of {@code a_0} in the DDPM posterior mean, {@code sqrt(abar_{k-1}) beta_k / (1 - abar_k)}.
     *
     * @param k step in 1..K
     * @return the coefficient
     */
    public double posteriorMeanCoefClean(int k) {
        return Math.sqrt(alphaBar(k - 1)) * beta(k) / oneMinusAlphaBar(k);
    }

    /**
     * Coefficient of {@code a_k} in the DDPM posterior mean, {@code sqrt(alpha_k) (1 - abar_{k-1}) / (1 -
     * abar_k)}.
     *
     * @param k step in 1..K
     * @return the coefficient
     */
    public double posteriorMeanCoefNoisy(int k) {
        double oneMinusPrev = k == 1 ? 0.0 : oneMinusAlphaBar(k - 1);
        return Math.sqrt(alpha(k)) * oneMinusPrev / oneMinusAlphaBar(k);
    }

    /**
     * The DDPM posterior ("fixed small") variance {@code beta_k (1 - abar_{k-1}) / (1 - abar_k)}.
     *
     * @param k step in 1..K
     * @return the variance, zero at {@code k = 1}
     */
    public double posteriorVariance(int k) {
        double oneMinusPrev = k == 1 ? 0.0 : oneMinusAlphaBar(k - 1);
        return beta(k) * oneMinusPrev / oneMinusAlphaBar(k);
    }

    // ---- continuous-time view (DPM-Solver) ----

    /**
     * {@code log alpha(t)}: piecewise-linear in {@code t} through {@code (k/K, 0.5 log abar_k)}, {@code k = 0..K}.
     *
     * @param t continuous time, {@code t > 0}
     * @return {@code log alpha(t)}
     */
    public double logAlpha(double t) {
        double u = t * steps;
        int seg;
        if (u >= steps) {
            seg = steps - 1;
        } else if (u <= 0) {
            seg = 0;
        } else {
            seg = Math.min((int) Math.floor(u), steps - 1);
        }
        double frac = u - seg;
        return logAlphaKnots[seg] + (logAlphaKnots[seg + 1] - logAlphaKnots[seg]) * frac;
    }

    /**
     * @param t continuous time
     * @return {@code alpha(t) = exp(log alpha(t))}
     */
    public double alphaAt(double t) {
        return Math.exp(logAlpha(t));
    }

    /**
     * @param t continuous time
     * @return {@code sigma(t) = sqrt(1 - alpha(t)^2)}
     */
    public double sigmaAt(double t) {
        return Math.sqrt(-Math.expm1(2 * logAlpha(t)));
    }

    /**
     * @param t continuous time
     * @return the half log signal-to-noise ratio {@code lambda(t) = log alpha(t) - log sigma(t)}
     */
    public double lambda(double t) {
        double la = logAlpha(t);
        return la - 0.5 * Math.log(-Math.expm1(2 * la));
    }

    /**
     * The inverse of {@link #lambda(double)}: {@code log alpha = -0.5 log(1 + exp(-2 lambda))}, then the
     * piecewise-linear interpolation inverted.
     *
     * @param lambda half log-SNR
     * @return the time {@code t} with {@code lambda(t) = lambda}
     */
    public double inverseLambda(double lambda) {
        double z = -2 * lambda;
        double la = z > 30 ? -0.5 * (z + Math.log1p(Math.exp(-z))) : -0.5 * Math.log1p(Math.exp(z));
        // knots are strictly decreasing in k; find the segment with knots[seg] >= la >= knots[seg+1]
        int seg;
        if (la <= logAlphaKnots[steps]) {
            seg = steps - 1;
        } else {
            int lo = 0;
            int hi = steps;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (logAlphaKnots[mid] >= la) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            seg = lo;
        }
        double frac = (la - logAlphaKnots[seg]) / (logAlphaKnots[seg + 1] - logAlphaKnots[seg]);
        return (seg + frac) / steps;
    }

    /**
     * The network's time input for continuous time {@code t}: {@code (t - 1/K) K}, on the scale of the 0-based
     * index {@code k - 1} used in training, so {@code t = k/K} maps to {@code k - 1}.
     *
     * @param t continuous time
     * @return the fractional model time index
     */
    public double modelTimeIndex(double t) {
        return (t - 1.0 / steps) * steps;
    }

    /**
     * Copies the tables the training hot path gathers from onto the device of {@code manager}.
     *
     * @param manager a long-lived manager that owns the tables
     * @return the device tables
     */
    public ScheduleTables toDevice(NDManager manager) {
        return new ScheduleTables(this, manager);
    }

    @Override
    public String toString() {
        return "NoiseSchedule{" + kind + ", K=" + steps + "}";
    }
}
