package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * DTQL's one-step policy (arXiv 2405.19690, Sec. 2, and its official code): a ReLU MLP (3 x 256 in the paper) with
 * orthogonal weights and zero biases maps the state to a mean {@code mu} and a log standard deviation clamped to
 * {@code [-5, 2]}; the action is {@code centre + halfWidth * tanh(z)}, {@code z ~ N(mu, sd^2)}, reparameterised as
 * {@code z = mu + sd * eps} so that losses on the action differentiate into the network.
 *
 * <p>Log-likelihood of a dataset action {@code a} (for the likelihood term of the policy objective): with {@code u =
 * (a - centre) /
 * (halfWidth (1 + 1e-3))} (shrunk slightly towards the centre so that actions on the bounds, common in D4RL, keep a
 * finite pre-tanh value, as in the official code) and {@code z = atanh(u)}, {@code log p(a) = sum_i [log N(z_i;
 * mu_i, sd_i^2) - log(halfWidth_i (1 + 1e-3) (1 - u_i^2))]}. The change-of-variables term does not depend on the
 * parameters, so its gradient equals that of the official code's Gaussian log-density of the pre-tanh value.
 */
final class OneStepPolicy {

    static final float LOG_STD_MIN = -5f;
    static final float LOG_STD_MAX = 2f;
    static final double SHRINK = 1 + 1e-3;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final ParameterSet params;
    private final int actionDim;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final BoundsScaling scaling;
    private final NDArray logStdMin;
    private final NDArray logStdMax;
    private final float logJacobianConstant;
    private final boolean unitBox;

    OneStepPolicy(ParameterSet params, int observationDim, ActionBounds bounds, int[] hidden, long seed) {
        this.params = params;
        this.actionDim = bounds.dim();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x6a09e667f3bcc909L);
        int width = observationDim;
        int[] widths = new int[hidden.length + 1];
        System.arraycopy(hidden, 0, widths, 0, hidden.length);
        widths[hidden.length] = 2 * actionDim;
        for (int i = 0; i < widths.length; i++) {
            // stored (out, in) for the fused x W^T + b of libtorch's linear
            weights.add(params.add("policy." + i + ".weight", OrthogonalInit.weight(widths[i], width, rng),
                    new Shape(widths[i], width)));
            biases.add(params.add("policy." + i + ".bias", new float[widths[i]], new Shape(widths[i])));
            width = widths[i];
        }
        NDManager m = params.manager();
        this.scaling = new BoundsScaling(bounds, m);
        this.logStdMin = m.full(new Shape(1), LOG_STD_MIN);
        this.logStdMax = m.full(new Shape(1), LOG_STD_MAX);
        double c = 0;
        float[] lo = bounds.low();
        float[] hi = bounds.high();
        for (int i = 0; i < actionDim; i++) {
            c += Math.log((hi[i] - lo[i]) / 2 * SHRINK);
        }
        this.logJacobianConstant = (float) c;
        boolean unit = true;
        for (int i = 0; i < actionDim; i++) {
            unit &= lo[i] == -1f && hi[i] == 1f;
        }
        this.unitBox = unit;
    }

    ParameterSet parameters() {
        return params;
    }

    BoundsScaling scaling() {
        return scaling;
    }

    /** @return {@code {mu, logStd}} before clamping, each {@code (B, actDim)}, owned by the states' manager */
    NDArray[] raw(NDArray states) {
        NDArray h = states;
        int last = weights.size() - 1;
        for (int i = 0; i < last; i++) {
            h = Activation.relu(Linear.linear(h, weights.get(i), biases.get(i)).singletonOrThrow());
        }
        NDArray out = Linear.linear(h, weights.get(last), biases.get(last)).singletonOrThrow();
        return out.split(new long[] {actionDim}, 1).toArray(new NDArray[0]);
    }

    private NDArray clampLogStd(NDArray logStd) {
        return logStd.maximum(logStdMin).minimum(logStdMax);
    }

    /**
     * A reparameterised sample, differentiable in the parameters.
     *
     * @param states {@code (B, obsDim)}
     * @return {@code (B, actDim)} actions inside the bounds
     */
    NDArray sample(NDArray states) {
        return sample(states, null);
    }

    /** {@link #sample(NDArray)} with the standard normal {@code eps} given ({@code null}: drawn here). */
    NDArray sample(NDArray states, NDArray noise) {
        NDArray[] r = raw(states);
        NDArray sd = clampLogStd(r[1]).exp();
        NDArray eps = noise != null ? noise
                : states.getManager().randomNormal(0f, 1f, r[0].getShape(), DataType.FLOAT32);
        return toBounds(r[0].add(sd.mul(eps)).tanh());
    }

    /** @return {@code centre + halfWidth * tanh(mu)}, the deterministic action */
    NDArray meanAction(NDArray states) {
        return toBounds(raw(states)[0].tanh());
    }

    /** Scales a unit-box action to the bounds (nothing to do for the box {@code [-1, 1]}, saving two ops). */
    private NDArray toBounds(NDArray unit) {
        return unitBox ? unit : scaling.fromUnit(unit);
    }

    /**
     * @param states {@code (B, obsDim)}
     * @param actions {@code (B, actDim)} actions inside the bounds
     * @return {@code (B, 1)} log-likelihoods
     */
    NDArray logLikelihood(NDArray states, NDArray actions) {
        NDArray[] r = raw(states);
        return logLikelihood(r[0], r[1], actions);
    }

    /**
     * The log-likelihood for given network outputs (exposed for tests).
     *
     * @param mu {@code (B, actDim)} means of the pre-tanh Gaussian
     * @param logStd {@code (B, actDim)} log standard deviations before clamping
     * @param actions {@code (B, actDim)} actions inside the bounds
     * @return {@code (B, 1)}
     */
    NDArray logLikelihood(NDArray mu, NDArray logStd, NDArray actions) {
        NDArray ls = clampLogStd(logStd);
        NDArray u = NativeConstants.div(scaling.toUnit(actions), (float) SHRINK);
        // atanh(u)
        NDArray z = NativeConstants.mul(NativeConstants.add(u, 1f).log().sub(NativeConstants.subFrom(1f, u).log()), 0.5f);
        NDArray gauss = NativeConstants.sub(NativeConstants.mul(z.sub(mu).div(ls.exp()).square(), -0.5f).sub(ls),
                (float) HALF_LOG_2PI);
        NDArray jacobian = NativeConstants.subFrom(1f, u.square()).log();
        return NativeConstants.sub(gauss.sub(jacobian).sum(new int[] {1}, true), logJacobianConstant);
    }
}
