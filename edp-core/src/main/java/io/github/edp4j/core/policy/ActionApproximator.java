package io.github.edp4j.core.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.schedule.ScheduleTables;

/**
 * Action approximation (EDP, arXiv 2305.20081, Sec. 4.1, Eq. 9): the clean action implied by one noise
 * prediction, {@code a0_hat = (a_k - sqrt(1 - abar_k) eps_theta(a_k, k; s)) / sqrt(abar_k)}, clipped to the
 * action bounds. It replaces the K-step sampling chain inside policy-improvement losses: one network pass per
 * training step whatever K is. Every operation is differentiable (the clip passes gradients inside the box).
 */
public final class ActionApproximator {

    private final ScheduleTables tables;
    private final NDArray low;
    private final NDArray high;

    /**
     * @param tables device schedule tables
     * @param bounds action bounds
     * @param manager long-lived manager owning the bound arrays
     */
    public ActionApproximator(ScheduleTables tables, ActionBounds bounds, NDManager manager) {
        this.tables = tables;
        this.low = NativeConstants.array(manager, bounds.low(), new Shape(1, bounds.dim()));
        this.high = NativeConstants.array(manager, bounds.high(), new Shape(1, bounds.dim()));
    }

    /**
     * @param noisy {@code (B, actDim)} noisy actions {@code a_k}
     * @param stepIndex {@code (B,)} int64 0-based step indices {@code k - 1}
     * @param predictedNoise {@code (B, actDim)} {@code eps_theta(a_k, k; s)}
     * @return {@code (B, actDim)} clipped {@code a0_hat}, owned by the manager of {@code noisy}
     */
    public NDArray approximate(NDArray noisy, NDArray stepIndex, NDArray predictedNoise) {
        NDManager m = noisy.getManager();
        NDArray sa = tables.sqrtAlphaBar(m, stepIndex);
        NDArray s1m = tables.sqrtOneMinusAlphaBar(m, stepIndex);
        return noisy.sub(predictedNoise.mul(s1m)).div(sa).maximum(low).minimum(high);
    }

    /**
     * Like {@link #approximate} without clipping (for the exactness tests of the identity).
     *
     * @param noisy noisy actions
     * @param stepIndex 0-based step indices
     * @param predictedNoise predicted noise
     * @return unclipped {@code a0_hat}
     */
    public NDArray approximateUnclipped(NDArray noisy, NDArray stepIndex, NDArray predictedNoise) {
        NDManager m = noisy.getManager();
        NDArray sa = tables.sqrtAlphaBar(m, stepIndex);
        NDArray s1m = tables.sqrtOneMinusAlphaBar(m, stepIndex);
        return noisy.sub(predictedNoise.mul(s1m)).div(sa);
    }

    /**
     * The forward process {@code a_k = sqrt(abar_k) a_0 + sqrt(1 - abar_k) eps} (EDP Eq. 2).
     *
     * @param clean {@code (B, actDim)} clean actions
     * @param stepIndex {@code (B,)} int64 0-based step indices
     * @param noise {@code (B, actDim)} standard normal noise
     * @return {@code (B, actDim)} noisy actions, owned by the manager of {@code clean}
     */
    public NDArray corrupt(NDArray clean, NDArray stepIndex, NDArray noise) {
        NDManager m = clean.getManager();
        return clean.mul(tables.sqrtAlphaBar(m, stepIndex)).add(noise.mul(tables.sqrtOneMinusAlphaBar(m, stepIndex)));
    }
}
