package io.github.edp4j.algos.improvement;

import ai.djl.ndarray.NDArray;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.ActorPass;
import io.github.edp4j.algos.nets.DtqlActor;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * Diffusion Trusted Q-Learning (DTQL; Chen, Wang, Zhou 2024, arXiv 2405.19690), with a {@link DtqlActor}.
 *
 * <ul>
 *   <li>Critic, IQL-style: {@code V} by expectile regression of {@code min(Q1, Q2)(s, a) - V(s)} on the
 *       online Q networks (without gradient), {@code Q_i} regressing {@code r + gamma (1 - done) V(s')}; the Q
 *       networks carry LayerNorm, and the Polyak-averaged target critic is used only to pick actions at evaluation.
 *   <li>Behaviour cloning (the diffusion loss of Sec. 2): the actor's EDM diffusion model on dataset actions, with
 *       its own optimizer, run
 *       by the trainer before the policy loss of every step ({@link Actor#behaviourLoss}).
 *   <li>Policy loss (the one-step policy objective of Sec. 2): {@code alpha L_TR(a_theta) - mean min(Q1, Q2)(s,
 *       a_theta) + gamma_nll L_NLL}, with
 *       {@code a_theta} the one-step policy's reparameterised action, {@code L_TR} the diffusion trust-region loss
 *       ({@link DtqlActor#trustRegionLoss}, no gradient into the diffusion model) and {@code L_NLL} the
 *       negative log-likelihood of the dataset actions under the one-step policy. As in the official code the Q
 *       term is not normalised.
 *   <li>Schedule: the first {@code pretrainIterations} iterations train only the critics and the diffusion model
 *       (the paper: 50 epochs of 1000 steps); joint training follows.
 * </ul>
 *
 * <p>Metrics recorded per step: {@code trust_region_loss}, {@code q_loss} and, only when {@code gamma_nll > 0}
 * (the likelihood is part of the loss), {@code dataset_action_nll}: the mean negative log-likelihood in nats of the
 * dataset actions under the one-step tanh-Gaussian policy, exactly as the loss uses it. It is not recorded when
 * {@code gamma_nll = 0}: the policy is then not trained to cover the dataset, and dataset actions at the action
 * bounds (where the tanh-Gaussian density vanishes) give values in the tens of thousands that say nothing about
 * training.
 *
 * <p>Differences from the official code that this library applies to every algorithm: acting uses the EMA copy of
 * the one-step policy (rate {@code emaTau}, every step), gradients are clipped to the trainer's {@code maxGradNorm},
 * and learning rates are constant (the official code decays some tasks' rates with a cosine schedule).
 */
public final class Dtql implements PolicyImprovement {

    private final double alpha;
    private final double nllWeight;
    private final double expectile;
    private final long pretrainIterations;

    /**
     * @param alpha weight of the trust-region loss, finite and positive (official presets: 1 to 1500 by dataset)
     * @param nllWeight weight {@code gamma} of the likelihood term, finite and non-negative (1 for antmaze, 0
     *     otherwise)
     * @param expectile expectile of the value regression, in (0, 1) (0.7; 0.9 for antmaze)
     * @param pretrainIterations iterations before the one-step policy is trained, non-negative
     */
    public Dtql(double alpha, double nllWeight, double expectile, long pretrainIterations) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("DTQL alpha must be finite and > 0, got " + alpha);
        }
        if (!(nllWeight >= 0) || !Double.isFinite(nllWeight)) {
            throw new IllegalArgumentException("DTQL nllWeight must be finite and >= 0, got " + nllWeight);
        }
        if (!(expectile > 0 && expectile < 1)) {
            throw new IllegalArgumentException("DTQL expectile must be in (0, 1), got " + expectile);
        }
        if (pretrainIterations < 0) {
            throw new IllegalArgumentException("DTQL pretrainIterations must be >= 0, got " + pretrainIterations);
        }
        this.alpha = alpha;
        this.nllWeight = nllWeight;
        this.expectile = expectile;
        this.pretrainIterations = pretrainIterations;
    }

    /** @return the weight of the trust-region loss */
    public double alpha() {
        return alpha;
    }

    /** @return the weight of the likelihood term */
    public double nllWeight() {
        return nllWeight;
    }

    /** @return the iterations of the pre-training phase */
    public long pretrainIterations() {
        return pretrainIterations;
    }

    @Override
    public String name() {
        return "DTQL";
    }

    @Override
    public boolean usesValueNetwork() {
        return true;
    }

    @Override
    public boolean updatesPolicy(long iteration) {
        return iteration >= pretrainIterations;
    }

    @Override
    public NDArray criticLoss(Networks nets, Batch batch, StepContext ctx) {
        NDArray s = batch.observations();
        NDArray[] q = nets.critic().both(s, batch.actions());
        NDArray minQ = q[0].minimum(q[1]).stopGradient();
        NDArray v = nets.value().value(s);
        NDArray valueLoss = Iql.expectileLoss(minQ.sub(v), expectile);
        return valueLoss.add(Iql.twinTdLoss(nets, batch, ctx, q, v, valueLoss));
    }

    @Override
    public NDArray policyLoss(Networks nets, Batch batch, ActorPass pass, StepContext ctx) {
        DtqlActor actor = dtqlActor(nets.actor());
        NDArray s = batch.observations();
        NDArray trustRegion = actor.trustRegionLoss(s, pass.action());
        NDArray qLoss = nets.critic().min(s, pass.action()).mean().neg();
        ctx.record("trust_region_loss", trustRegion);
        ctx.record("q_loss", qLoss);
        NDArray loss = NativeConstants.mul(trustRegion, (float) alpha).add(qLoss);
        if (nllWeight == 0) {
            return loss;
        }
        ctx.record("dataset_action_nll", pass.behaviorLoss());
        return loss.add(NativeConstants.mul(pass.behaviorLoss(), (float) nllWeight));
    }

    private static DtqlActor dtqlActor(Actor actor) {
        if (actor instanceof DtqlActor d) {
            return d;
        }
        throw new IllegalArgumentException("DTQL needs its one-step actor with a diffusion model, got a " + actor.kind()
                + " actor");
    }

    @Override
    public String toString() {
        return "Dtql{alpha=" + alpha + ", nllWeight=" + nllWeight + ", expectile=" + expectile
                + ", pretrainIterations=" + pretrainIterations + "}";
    }
}
