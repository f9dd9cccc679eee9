package io.github.edp4j.core.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.schedule.NoiseSchedule;
import java.util.Arrays;

/**
 * Ancestral DDPM sampling (Ho et al. 2020, Algorithm 2) over all {@code K} steps with the fixed small posterior
 * variance: at each step the clean action is predicted from the noise estimate and clipped to the action bounds,
 * then {@code a_{k-1}} is drawn from {@code q(a_{k-1} | a_k, a0_hat)}; the last step adds no noise. This is the
 * chain the EDP paper avoids during training (arXiv 2305.20081, Sec. 4.1) and the sampler of Diffusion-QL.
 */
public final class DdpmSampler implements ActionSampler {

    private final NoiseSchedule schedule;
    private final ActionBounds bounds;
    private final double[] coefficients;

    /**
     * @param schedule the schedule of the model
     * @param bounds clip the predicted clean action to these bounds, or {@code null} for none
     */
    public DdpmSampler(NoiseSchedule schedule, ActionBounds bounds) {
        if (schedule == null) {
            throw new IllegalArgumentException("DDPM sampler: schedule must not be null");
        }
        this.schedule = schedule;
        this.bounds = bounds;
        int steps = schedule.steps();
        // per step k (stored at 5 (K - k)): 1/sqrt(abar), sqrt(1-abar)/sqrt(abar), coef clean, coef noisy, std
        this.coefficients = new double[5 * steps];
        for (int k = steps; k >= 1; k--) {
            int o = 5 * (steps - k);
            double sa = schedule.sqrtAlphaBar(k);
            coefficients[o] = 1 / sa;
            coefficients[o + 1] = schedule.sqrtOneMinusAlphaBar(k) / sa;
            coefficients[o + 2] = schedule.posteriorMeanCoefClean(k);
            coefficients[o + 3] = schedule.posteriorMeanCoefNoisy(k);
            coefficients[o + 4] = Math.sqrt(schedule.posteriorVariance(k));
        }
    }

    @Override
    public NDArray sample(NoisePredictor model, NDArray states, NDArray noise) {
        return sample(model, states, noise, null);
    }

    /**
     * Runs the chain like {@link #sample(NoisePredictor, NDArray, NDArray)} with the noise of every step given instead
     * of drawn from the engine's generator (so that another backend given the same noise can be compared).
     *
     * @param model the noise predictor
     * @param states {@code (B, obsDim)} conditioning states, or {@code null}
     * @param noise {@code (B, actDim)} starting noise {@code x_K}
     * @param stepNoise {@code (K - 1, B, actDim)} the standard normal noise added at steps {@code k = K, ..., 2} (row
     *     {@code K - k}), or {@code null} to draw it
     * @return {@code (B, actDim)} samples, owned by the manager of {@code noise}
     * @throws IllegalArgumentException if {@code stepNoise} does not have shape {@code (K - 1, B, actDim)}
     */
    public NDArray sample(NoisePredictor model, NDArray states, NDArray noise, NDArray stepNoise) {
        DpmSolver.checkNoise(noise, states);
        if (stepNoise != null && !stepNoise.getShape().equals(new Shape(schedule.steps() - 1, noise.getShape().get(0),
                noise.getShape().get(1)))) {
            throw new IllegalArgumentException("DDPM: step noise must have shape (" + (schedule.steps() - 1) + ", "
                    + noise.getShape().get(0) + ", " + noise.getShape().get(1) + "), got " + stepNoise.getShape());
        }
        NDManager parent = noise.getManager();
        int steps = schedule.steps();
        try (NDManager sub = parent.newSubManager()) {
            DataType dtype = noise.getDataType();
            NDArray all = NativeConstants.array(sub, coefficients, new Shape(coefficients.length), dtype);
            NDArray low = null;
            NDArray high = null;
            Shape shape = noise.getShape();
            if (bounds != null) {
                low = NativeConstants.array(sub, bounds.low(), new Shape(1, shape.get(1)), dtype);
                high = NativeConstants.array(sub, bounds.high(), new Shape(1, shape.get(1)), dtype);
            }
            NDArray x = noise.duplicate();
            x.attach(sub);
            for (int k = steps; k >= 1; k--) {
                // Results belong to the manager of their first input: moving x into a per-step scope makes
                // every intermediate of this step (network activations included) die with the scope.
                NDArray next;
                try (NDManager scope = sub.newSubManager()) {
                    x.attach(scope);
                    int o = 5 * (steps - k);
                    NDArray eps = model.predict(x, k - 1, states);
                    NDArray a0 = x.mul(all.get(o)).sub(eps.mul(all.get(o + 1)));
                    if (low != null) {
                        a0 = a0.maximum(low).minimum(high);
                    }
                    next = a0.mul(all.get(o + 2)).add(x.mul(all.get(o + 3)));
                    if (k > 1) {
                        NDArray z = stepNoise != null ? stepNoise.get(steps - k)
                                : scope.randomNormal(0f, 1f, shape, dtype);
                        next = next.add(z.mul(all.get(o + 4)));
                    }
                    next.attach(sub);
                }
                x = next;
            }
            x.attach(parent);
            return x;
        }
    }

    /**
     * The coefficients of step {@code k} (for code that re-expresses the chain elsewhere, such as the ONNX export):
     * {@code a0 = c0 x - c1 eps}, clipped to the bounds, then {@code x <- c2 a0 + c3 x + c4 z} ({@code z} standard
     * normal, none at {@code k = 1}).
     *
     * @param k the step, {@code K} down to 1
     * @return {@code {c0, c1, c2, c3, c4}}: {@code 1/sqrt(abar_k)}, {@code sqrt(1 - abar_k)/sqrt(abar_k)}, the
     *     posterior mean's coefficients of the clean and the noisy action, the posterior standard deviation
     */
    public double[] stepCoefficients(int k) {
        if (k < 1 || k > schedule.steps()) {
            throw new IllegalArgumentException("DDPM: step must be in [1, " + schedule.steps() + "], got " + k);
        }
        int o = 5 * (schedule.steps() - k);
        return Arrays.copyOfRange(coefficients, o, o + 5);
    }

    /** @return the bounds the predicted clean action is clipped to, or {@code null} */
    public ActionBounds bounds() {
        return bounds;
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public int modelCalls() {
        return schedule.steps();
    }

    @Override
    public String toString() {
        return "DdpmSampler{K=" + schedule.steps() + ", clip=" + (bounds != null) + "}";
    }
}
