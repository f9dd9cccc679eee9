package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.sampling.NoisePredictor;
import io.github.edp4j.core.schedule.NoiseSchedule;
import java.util.List;

/**
 * The full reverse DDPM chain (Ho et al. 2020, Algorithm 2; docs/design.md, section 4) written so that automatic
 * differentiation sees every step: Diffusion-QL's {@code a_theta} (Wang et al. 2023, arXiv 2208.06193, Eq. 3-4),
 * whose Q term is back-propagated through all {@code K} network calls. Each step predicts the noise, forms the
 * clean action {@code a0_hat = (a_k - sqrt(1 - abar_k) eps) / sqrt(abar_k)} clipped to the action bounds, and moves
 * to the posterior mean plus {@code sqrt(beta_k (1 - abar_{k-1}) / (1 - abar_k)) z}; the last step adds no noise, so
 * the result lies inside the bounds.
 *
 * <p>The arithmetic and the order in which noise is drawn from the engine's generator are those of
 * {@link io.github.edp4j.core.sampling.DdpmSampler}, so for the same seed both give the same actions. Unlike that
 * sampler, which frees each step's intermediates as it goes, this chain keeps every intermediate in the manager of
 * the starting noise (a training step's manager), as a backward pass needs them.
 *
 * <p>Immutable apart from its coefficient table, which lives in the manager given at construction.
 */
public final class DifferentiableDdpm {

    private static final int COEFFICIENTS = 5;

    private final NoiseSchedule schedule;
    private final ActionBounds bounds;
    private final NDArray table;
    private final NDArray low;
    private final NDArray high;

    /**
     * @param schedule the schedule of the model, {@code K} steps
     * @param bounds action bounds that {@code a0_hat} is clipped to
     * @param manager owner of the coefficient table and the bounds (a long-lived manager)
     */
    public DifferentiableDdpm(NoiseSchedule schedule, ActionBounds bounds, NDManager manager) {
        if (schedule == null || bounds == null || manager == null) {
            throw new IllegalArgumentException("DifferentiableDdpm: schedule, bounds and manager must not be null");
        }
        this.schedule = schedule;
        this.bounds = bounds;
        int steps = schedule.steps();
        // row K - k for step k: 1/sqrt(abar), sqrt(1-abar)/sqrt(abar), coef clean, coef noisy, std
        float[] c = new float[COEFFICIENTS * steps];
        for (int k = steps; k >= 1; k--) {
            int o = COEFFICIENTS * (steps - k);
            double sa = schedule.sqrtAlphaBar(k);
            c[o] = (float) (1 / sa);
            c[o + 1] = (float) (schedule.sqrtOneMinusAlphaBar(k) / sa);
            c[o + 2] = (float) schedule.posteriorMeanCoefClean(k);
            c[o + 3] = (float) schedule.posteriorMeanCoefNoisy(k);
            c[o + 4] = (float) Math.sqrt(schedule.posteriorVariance(k));
        }
        this.table = NativeConstants.array(manager, c, new Shape(steps, COEFFICIENTS));
        this.low = NativeConstants.array(manager, bounds.low(), new Shape(1, bounds.dim()));
        this.high = NativeConstants.array(manager, bounds.high(), new Shape(1, bounds.dim()));
    }

    /** @return the schedule */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** @return {@code K}, the number of steps and of model calls per sample */
    public int steps() {
        return schedule.steps();
    }

    /** @return the action bounds */
    public ActionBounds bounds() {
        return bounds;
    }

    /**
     * Runs the chain from {@code x_K ~ N(0, I)}, drawing the start and every step's noise from the engine's
     * generator.
     *
     * @param model the noise predictor (a trainable policy records gradients inside a gradient collector)
     * @param states {@code (B, obsDim)} states; their manager owns the result and every intermediate
     * @return {@code (B, actDim)} actions
     */
    public NDArray sample(NoisePredictor model, NDArray states) {
        NDArray start = states.getManager().randomNormal(0f, 1f, new Shape(states.getShape().get(0), bounds.dim()),
                DataType.FLOAT32);
        return sample(model, states, start);
    }

    /**
     * Runs the chain from a given start, drawing each step's noise from the engine's generator in the order of
     * {@link io.github.edp4j.core.sampling.DdpmSampler} (one {@code (B, actDim)} draw for each of {@code k = K,
     * ..., 2}).
     *
     * @param model the noise predictor
     * @param states {@code (B, obsDim)} states, or {@code null} for an unconditional model
     * @param start {@code (B, actDim)} {@code x_K}; its manager owns the result and every intermediate
     * @return {@code (B, actDim)} actions
     */
    public NDArray sample(NoisePredictor model, NDArray states, NDArray start) {
        checkStart(start);
        NDManager m = start.getManager();
        NDArray x = start;
        for (int k = steps(); k >= 1; k--) {
            NDArray z = k > 1 ? m.randomNormal(0f, 1f, start.getShape(), start.getDataType()) : null;
            x = step(model, x, k, states, z);
        }
        return x;
    }

    /**
     * Runs the chain with given noise for every step (deterministic; used to test the gradient).
     *
     * @param model the noise predictor
     * @param states {@code (B, obsDim)} states, or {@code null}
     * @param start {@code (B, actDim)} {@code x_K}; its manager owns the result and every intermediate
     * @param stepNoise {@code K - 1} arrays shaped like {@code start}: element {@code i} is the noise of step
     *     {@code k = K - i}
     * @return {@code (B, actDim)} actions
     */
    public NDArray sample(NoisePredictor model, NDArray states, NDArray start, List<NDArray> stepNoise) {
        checkStart(start);
        if (stepNoise == null || stepNoise.size() != steps() - 1) {
            throw new IllegalArgumentException("DifferentiableDdpm: " + (steps() - 1)
                    + " noise arrays expected for K = " + steps() + ", got "
                    + (stepNoise == null ? "null" : stepNoise.size()));
        }
        NDArray x = start;
        for (int k = steps(); k >= 1; k--) {
            x = step(model, x, k, states, k > 1 ? stepNoise.get(steps() - k) : null);
        }
        return x;
    }

    /**
     * One reverse step {@code a_k -> a_{k-1}}.
     *
     * @param model the noise predictor, called with time index {@code k - 1}
     * @param x {@code (B, actDim)} {@code a_k}; its manager owns the result
     * @param k the step, {@code 1..K}
     * @param states {@code (B, obsDim)} states, or {@code null}
     * @param noise {@code (B, actDim)} standard normal noise for {@code k > 1}; ignored (may be {@code null}) for
     *     {@code k = 1}
     * @return {@code (B, actDim)} {@code a_{k-1}}
     */
    public NDArray step(NoisePredictor model, NDArray x, int k, NDArray states, NDArray noise) {
        if (k < 1 || k > steps()) {
            throw new IllegalArgumentException("DifferentiableDdpm: step k = " + k + " is outside 1.." + steps());
        }
        if (k > 1 && noise == null) {
            throw new IllegalArgumentException("DifferentiableDdpm: step k = " + k + " needs noise");
        }
        // An op's result belongs to the manager of its first input: move this step's row of coefficients into
        // the manager of x so that nothing is left behind in the long-lived manager of the table.
        NDArray c = table.get(steps() - k);
        c.attach(x.getManager());
        NDArray eps = model.predict(x, k - 1, states);
        NDArray a0 = x.mul(c.get(0)).sub(eps.mul(c.get(1))).maximum(low).minimum(high);
        NDArray next = a0.mul(c.get(2)).add(x.mul(c.get(3)));
        return k > 1 ? next.add(noise.mul(c.get(4))) : next;
    }

    private void checkStart(NDArray start) {
        Shape s = start.getShape();
        if (s.dimension() != 2 || s.get(1) != bounds.dim()) {
            throw new IllegalArgumentException("DifferentiableDdpm: start must have shape (B, " + bounds.dim()
                    + "), got " + s);
        }
    }

    @Override
    public String toString() {
        return "DifferentiableDdpm{K=" + steps() + ", " + schedule.kind() + "}";
    }
}
