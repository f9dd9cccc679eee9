package io.github.edp4j.algos.improvement;

import ai.djl.ndarray.NDArray;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.ActorPass;
import io.github.edp4j.algos.nets.DiffusionActor;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * Diffusion-QL (Wang, Hunt, Zhou, ICLR 2023, arXiv 2208.06193, Eq. 3-5), the baseline whose training cost EDP
 * removes (EDP, arXiv 2305.20081, Sec. 4.1; docs/design.md, section 5).
 *
 * <ul>
 *   <li>Critics as TD3+BC: clipped double Q-learning, {@code y = r + gamma (1 - done) min(Q1', Q2')(s', a')} with
 *       {@code a'} drawn from the EMA policy by its sampler (the full DDPM chain for this algorithm).
 *   <li>Policy loss {@code L_diff + eta * (-Q_i(s, a_theta) / stopgrad(mean |Q_j(s, a_theta)|))}, where {@code
 *       a_theta} comes from the full reverse DDPM chain with gradients through every one of its {@code K} steps
 *       ({@link DiffusionActor#sampleThroughChain}), {@code i} is drawn from {1, 2} every step and {@code j} is
 *       the other critic, as in the official Diffusion-QL code ({@code q_loss = -q1.mean() /
 *       q2.abs().mean().detach()} or the reverse, with probability 1/2 each). A small {@code 1e-6} keeps the
 *       normaliser away from zero, as in {@link Td3Bc}.
 * </ul>
 *
 * <p>Needs a {@link DiffusionActor}; the paper's settings are the vp schedule with {@code K = 5} and {@code eta =
 * 1} for locomotion. Differences from the official code that this library applies to every algorithm: the EMA
 * policy is updated every step with rate {@code emaTau} from the start (official: every 5 steps after 1000, decay
 * 0.995), and the gradient-norm clip is the trainer's {@code maxGradNorm}.
 */
public final class DiffusionQl implements PolicyImprovement {

    private final double eta;

    /**
     * @param eta weight of the Q term (Diffusion-QL: 1.0 for locomotion), finite and non-negative
     */
    public DiffusionQl(double eta) {
        if (!(eta >= 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("Diffusion-QL eta must be finite and >= 0, got " + eta);
        }
        this.eta = eta;
    }

    /** @return the weight of the Q term */
    public double eta() {
        return eta;
    }

    @Override
    public String name() {
        return "Diffusion-QL";
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
        DiffusionActor actor = diffusionActor(nets.actor());
        int i = ctx.random().nextInt(2);
        NDArray s = batch.observations();
        NDArray action = actor.sampleThroughChain(s);
        NDArray[] q = nets.critic().both(s, action);
        NDArray scale = NativeConstants.add(q[1 - i].abs().mean().stopGradient(), 1e-6f);
        NDArray qLoss = q[i].mean().neg().div(scale);
        ctx.record("bc_loss", pass.behaviorLoss());
        ctx.record("q_loss", qLoss);
        return pass.behaviorLoss().add(NativeConstants.mul(qLoss, (float) eta));
    }

    private static DiffusionActor diffusionActor(Actor actor) {
        if (actor instanceof DiffusionActor d) {
            return d;
        }
        throw new IllegalArgumentException("Diffusion-QL needs a diffusion policy, got a " + actor.kind()
                + " actor");
    }

    @Override
    public String toString() {
        return "DiffusionQl{eta=" + eta + "}";
    }
}
