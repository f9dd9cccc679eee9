package io.github.edp4j.algos.improvement;

import ai.djl.ndarray.NDArray;
import io.github.edp4j.algos.nets.ActorPass;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * TD3+BC with a diffusion policy (EDP, arXiv 2305.20081, Eq. 12; Fujimoto and Gu 2021): critics by clipped
 * double Q-learning with target actions from the EMA policy; policy loss {@code L_bc + eta * (-lambda Q_i(s,
 * a0_hat))} with {@code lambda = alpha / stopgrad(mean |Q_i(s, a0_hat)|)} and {@code i} drawn from {1, 2} every
 * step.
 */
public final class Td3Bc implements PolicyImprovement {

    private final double alpha;
    private final double eta;

    /**
     * @param alpha the TD3+BC normaliser numerator (official EDP: 2.0), positive
     * @param eta weight of the Q term (locomotion 1.0, antmaze 1.0, adroit 0.1, kitchen 0.005), non-negative
     */
    public Td3Bc(double alpha, double eta) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("TD3+BC alpha must be finite and > 0, got " + alpha);
        }
        if (!(eta >= 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("TD3+BC eta must be finite and >= 0, got " + eta);
        }
        this.alpha = alpha;
        this.eta = eta;
    }

    @Override
    public String name() {
        return "TD3+BC";
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
        int i = ctx.random().nextInt(2);
        NDArray q = nets.critic().q(i, batch.observations(), pass.action());
        NDArray scale = NativeConstants.add(q.abs().mean().stopGradient(), 1e-6f);
        NDArray qTerm = NativeConstants.mul(q.mean().div(scale), (float) (-alpha * eta));
        ctx.record("bc_loss", pass.behaviorLoss());
        ctx.record("lambda", NativeConstants.mul(NativeConstants.pow(scale, -1f), (float) alpha));
        return pass.behaviorLoss().add(qTerm);
    }
}
