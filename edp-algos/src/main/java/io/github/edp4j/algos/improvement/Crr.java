package io.github.edp4j.algos.improvement;

import ai.djl.ndarray.NDArray;
import io.github.edp4j.algos.nets.ActorPass;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * Critic-regularised regression with a diffusion policy (EDP, arXiv 2305.20081, Sec. 4.3; Wang et al. 2020):
 * critics as TD3+BC; advantage {@code A(s, a) = min Q(s, a) - mean_j min Q(s, a_j)} with {@code a_j} drawn
 * around the approximated action; weights {@code w = min(exp(A / beta), cap)}; policy loss {@code L_diff + mean(w
 * ||a - a0_hat||^2)} (a weighted log-likelihood for the Gaussian baseline).
 */
public final class Crr implements PolicyImprovement {

    private final int samples;
    private final double beta;
    private final double weightCap;

    /**
     * @param samples {@code N}, actions in the advantage baseline (official: 10), at least 1
     * @param beta temperature of the exponential weights (official: 1.0), positive
     * @param weightCap upper limit of the weights (official: 20), positive
     */
    public Crr(int samples, double beta, double weightCap) {
        if (samples < 1) {
            throw new IllegalArgumentException("CRR samples must be >= 1, got " + samples);
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("CRR beta must be finite and > 0, got " + beta);
        }
        if (!(weightCap > 0)) {
            throw new IllegalArgumentException("CRR weightCap must be > 0, got " + weightCap);
        }
        this.samples = samples;
        this.beta = beta;
        this.weightCap = weightCap;
    }

    @Override
    public String name() {
        return "CRR";
    }

    @Override
    public boolean usesValueNetwork() {
        return false;
    }

    @Override
    public NDArray criticLoss(Networks nets, Batch batch, StepContext ctx) {
        return TwinQTargets.loss(nets, batch, ctx);
    }

    @Override
    public NDArray policyLoss(Networks nets, Batch batch, ActorPass pass, StepContext ctx) {
        NDArray weights = weights(nets, batch, pass, ctx);
        ctx.record("bc_loss", pass.behaviorLoss());
        ctx.record("weight_mean", weights.mean());
        return nets.actor().weightedImitationLoss(pass, batch.actions(), weights);
    }

    /** {@code (B, 1)} capped exponential advantage weights, without gradient. */
    NDArray weights(Networks nets, Batch batch, ActorPass pass, StepContext ctx) {
        NDArray s = batch.observations();
        long b = s.getShape().get(0);
        // the weights need no gradient: computed with gradient mode off (nothing recorded for the N * B critic
        // passes, fast Mish)
        NDArray advantage = TorchRuntime.withoutGradients(() -> {
            NDArray qData = nets.critic().min(s, batch.actions());
            NDArray baseline = nets.critic().min(s.repeat(0, samples), nets.actor().baselineActions(pass, s, samples))
                    .reshape(b, samples).mean(new int[] {1}, true);
            return qData.sub(baseline);
        });
        ctx.record("advantage_mean", advantage.mean());
        return TorchRuntime.withoutGradients(() -> NativeConstants.minimum(NativeConstants.div(advantage, (float) beta).exp(), (float) weightCap))
                .stopGradient();
    }
}
