package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * Training noise levels of DTQL's diffusion model (arXiv 2405.19690, as in its official code): a log-logistic
 * distribution, {@code
 * log(sigma) = loc + scale * logit(u)}, truncated to {@code [sigmaMin, sigmaMax]} by drawing {@code u} uniformly
 * between the two truncation points of the logistic CDF (inverse-CDF sampling). DTQL uses {@code loc = log(0.5)}
 * (that is, {@code log(sigma_d)}), {@code scale = 0.5} and the range {@code [0.002, 80]}. Draws come from the
 * engine's generator, so a seeded step repeats them.
 */
final class LogLogisticSigmaSampler {

    private final double loc;
    private final double scale;
    private final double min;
    private final double max;
    private final double minCdf;
    private final double maxCdf;

    LogLogisticSigmaSampler(double loc, double scale, double min, double max) {
        if (!(scale > 0) || !(min > 0) || !(max > min) || !Double.isFinite(loc) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("log-logistic sampler needs scale > 0 and 0 < min < max, got loc="
                    + loc + ", scale=" + scale + ", range [" + min + ", " + max + "]");
        }
        this.loc = loc;
        this.scale = scale;
        this.min = min;
        this.max = max;
        this.minCdf = cdfOfLog(Math.log(min));
        this.maxCdf = cdfOfLog(Math.log(max));
    }

    /** DTQL's sampler: {@code loc = log(0.5)}, {@code scale = 0.5}, range {@code [0.002, 80]}. */
    static LogLogisticSigmaSampler dtql() {
        return new LogLogisticSigmaSampler(Math.log(EdmPreconditioning.SIGMA_DATA), 0.5, EdmPreconditioning.SIGMA_MIN,
                EdmPreconditioning.SIGMA_MAX);
    }

    private double cdfOfLog(double logSigma) {
        return 1 / (1 + Math.exp(-(logSigma - loc) / scale));
    }

    /**
     * The quantile function of the truncated distribution.
     *
     * @param p probability in [0, 1]
     * @return the noise level {@code sigma} with {@code P(sigma' <= sigma) = p}
     */
    double quantile(double p) {
        double u = minCdf + p * (maxCdf - minCdf);
        double s = Math.exp(loc + scale * Math.log(u / (1 - u)));
        return Math.min(max, Math.max(min, s));
    }

    /**
     * @param manager owner of the result
     * @param n number of draws
     * @return {@code (n, 1)} float32 noise levels inside the range
     */
    NDArray sample(NDManager manager, long n) {
        NDArray u = manager.randomUniform((float) minCdf, (float) maxCdf, new Shape(n, 1), DataType.FLOAT32);
        NDArray logit = u.log().sub(NativeConstants.subFrom(1f, u).log());
        return NativeConstants.clamp(NativeConstants.add(NativeConstants.mul(logit, (float) scale), (float) loc).exp(),
                (float) min, (float) max);
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }
}
