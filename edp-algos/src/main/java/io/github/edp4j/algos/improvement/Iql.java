package io.github.edp4j.algos.improvement;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.github.edp4j.algos.nets.ActorPass;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * Implicit Q-learning with a diffusion policy (EDP, arXiv 2305.20081, Sec. 4.3; Kostrikov et al. 2022): {@code V}
 * by expectile regression of {@code min Q_target(s, a) - V(s)}, {@code Q_i} regressing {@code r + gamma (1 -
 * done) V(s')}, and advantage-weighted policy extraction with {@code w = min(exp(temperature (min Q_target(s, a) -
 * V(s))), cap)}: {@code L_diff + mean(w ||a - a0_hat||^2)}. No action is sampled during training.
 */
public final class Iql implements PolicyImprovement {

    private final double expectile;
    private final double temperature;
    private final double weightCap;

    /**
     * @param expectile tau of the expectile loss, in (0, 1) (0.7; 0.9 for antmaze)
     * @param temperature inverse temperature of the weights (official EDP: 3.0; paper: 1.0), positive
     * @param weightCap upper limit of the weights (official: 100), positive
     */
    public Iql(double expectile, double temperature, double weightCap) {
        if (!(expectile > 0 && expectile < 1)) {
            throw new IllegalArgumentException("IQL expectile must be in (0, 1), got " + expectile);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("IQL temperature must be finite and > 0, got " + temperature);
        }
        if (!(weightCap > 0)) {
            throw new IllegalArgumentException("IQL weightCap must be > 0, got " + weightCap);
        }
        this.expectile = expectile;
        this.temperature = temperature;
        this.weightCap = weightCap;
    }

    @Override
    public String name() {
        return "IQL";
    }

    @Override
    public boolean usesValueNetwork() {
        return true;
    }

    /**
     * The asymmetric squared loss {@code mean(|tau - 1(u < 0)| u^2)}.
     *
     * @param u residuals
     * @param tau expectile
     * @return the scalar loss
     */
    static NDArray expectileLoss(NDArray u, double tau) {
        NDArray below = NativeConstants.convert(u.lt(0f), DataType.FLOAT32);
        NDArray weight = NativeConstants.subFrom((float) tau, below).abs();
        return weight.mul(u.square()).mean();
    }

    @Override
    public NDArray criticLoss(Networks nets, Batch batch, StepContext ctx) {
        NDArray s = batch.observations();
        NDArray a = batch.actions();
        // targets need no gradient: computed with gradient mode off (nothing recorded, fast Mish)
        NDArray targetQ = TorchRuntime.withoutGradients(() -> nets.targetCritic().min(s, a)).stopGradient();
        NDArray v = nets.value().value(s);
        NDArray valueLoss = expectileLoss(targetQ.sub(v), expectile);
        return valueLoss.add(twinTdLoss(nets, batch, ctx, nets.critic().both(s, a), v, valueLoss));
    }

    /**
     * The TD loss of both Q networks against {@code y = r + gamma (1 - done) V(s')}, with {@code V(s')} computed
     * without gradients; records {@code q_mean}, {@code v_mean} and {@code value_loss}. Shared by IQL and DTQL,
     * whose critics differ only in what the value network regresses.
     *
     * @param q {@code Q1(s, a)} and {@code Q2(s, a)}
     * @param v {@code V(s)}, for the record
     * @param valueLoss the value network's loss, for the record
     * @return {@code mean((Q1 - y)^2) + mean((Q2 - y)^2)}
     */
    static NDArray twinTdLoss(Networks nets, Batch batch, StepContext ctx, NDArray[] q, NDArray v,
            NDArray valueLoss) {
        NDArray y = TorchRuntime.withoutGradients(() -> {
            NDArray nextV = nets.value().value(batch.nextObservations());
            return NativeConstants.mul(batch.notDone().mul(nextV), ctx.discount()).add(batch.rewards());
        }).stopGradient();
        ctx.record("q_mean", q[0].mean());
        ctx.record("v_mean", v.mean());
        ctx.record("value_loss", valueLoss);
        return q[0].sub(y).square().mean().add(q[1].sub(y).square().mean());
    }

    @Override
    public NDArray policyLoss(Networks nets, Batch batch, ActorPass pass, StepContext ctx) {
        NDArray weights = weights(nets, batch);
        ctx.record("bc_loss", pass.behaviorLoss());
        ctx.record("weight_mean", weights.mean());
        return nets.actor().weightedImitationLoss(pass, batch.actions(), weights);
    }

    /** {@code (B, 1)} capped exponential advantage weights, without gradient. */
    NDArray weights(Networks nets, Batch batch) {
        NDArray s = batch.observations();
        return TorchRuntime.withoutGradients(() -> {
            NDArray advantage = nets.targetCritic().min(s, batch.actions()).sub(nets.value().value(s));
            return NativeConstants.minimum(NativeConstants.mul(advantage, (float) temperature).exp(), (float) weightCap);
        }).stopGradient();
    }
}
