package io.github.edp4j.core.sampling;

import ai.djl.ndarray.NDArray;
import io.github.edp4j.core.schedule.NoiseSchedule;

/**
 * Ideal noise predictors for data whose distribution is known in closed form (docs/design.md, section 4): for a
 * Gaussian mixture, {@code eps*(x, t)} is the posterior-weighted mix of the per-component terms {@code sigma_t
 * (x - alpha_t mu_i) / (alpha_t^2 s_i^2 + sigma_t^2)}.
 */
final class AnalyticModels {

    private AnalyticModels() {}

    /** Continuous time of a model time index. */
    static double time(NoiseSchedule schedule, double timeIndex) {
        return (timeIndex + 1) / schedule.steps();
    }

    /** eps* for 1-D data ~ N(mu, s^2). */
    static NoisePredictor gaussian(NoiseSchedule schedule, double mu, double s) {
        return (x, timeIndex, states) -> {
            double t = time(schedule, timeIndex);
            double a = schedule.alphaAt(t);
            double sg = schedule.sigmaAt(t);
            return x.sub(a * mu).mul(sg / (a * a * s * s + sg * sg));
        };
    }

    /** eps* for a 1-D Gaussian mixture. */
    static NoisePredictor mixture(NoiseSchedule schedule, double[] weights, double[] means, double[] stds) {
        return (x, timeIndex, states) -> {
            double t = time(schedule, timeIndex);
            double a = schedule.alphaAt(t);
            double sg = schedule.sigmaAt(t);
            NDArray logits = null;
            NDArray terms = null;
            for (int i = 0; i < weights.length; i++) {
                double var = a * a * stds[i] * stds[i] + sg * sg;
                NDArray centred = x.sub(a * means[i]);
                // log w_i + log N(x; a mu_i, var) up to a shared constant
                NDArray logit = centred.square().mul(-0.5 / var).add(Math.log(weights[i]) - 0.5 * Math.log(var));
                NDArray term = centred.mul(sg / var);
                logits = logits == null ? logit : logits.concat(logit, 1);
                terms = terms == null ? term : terms.concat(term, 1);
            }
            NDArray post = logits.softmax(1);
            return post.mul(terms).sum(new int[] {1}, true);
        };
    }

    /** eps* for 2-D data: an equal-weight mixture of isotropic Gaussians with standard deviation {@code s}. */
    static NoisePredictor isotropicMixture2d(NoiseSchedule schedule, double[][] means, double s) {
        return (x, timeIndex, states) -> {
            double t = time(schedule, timeIndex);
            double a = schedule.alphaAt(t);
            double sg = schedule.sigmaAt(t);
            double var = a * a * s * s + sg * sg;
            NDArray logits = null;
            NDArray terms = null;
            for (double[] m : means) {
                NDArray centred = x.sub(x.getManager().create(new double[] {a * m[0], a * m[1]}, new ai.djl.ndarray.types.Shape(1, 2))
                        .toType(x.getDataType(), false));
                NDArray logit = centred.square().sum(new int[] {1}, true).mul(-0.5 / var);
                NDArray term = centred.mul(sg / var).expandDims(2);
                logits = logits == null ? logit : logits.concat(logit, 1);
                terms = terms == null ? term : terms.concat(term, 2);
            }
            return terms.mul(logits.softmax(1).expandDims(1)).sum(new int[] {2});
        };
    }
}
