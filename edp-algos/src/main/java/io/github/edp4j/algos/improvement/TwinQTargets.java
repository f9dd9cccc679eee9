package io.github.edp4j.algos.improvement;

import ai.djl.ndarray.NDArray;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * The clipped double-Q regression shared by TD3+BC and CRR: {@code y = r + gamma (1 - done) min(Q1', Q2')(s',
 * a')}, {@code a'} drawn from the target (EMA) actor, loss {@code mean (Q1 - y)^2 + mean (Q2 - y)^2}.
 */
final class TwinQTargets {

    private TwinQTargets() {}

    static NDArray loss(Networks nets, Batch batch, StepContext ctx) {
        NDArray next = batch.nextObservations();
        // the target needs no gradient: computed with gradient mode off (nothing recorded, fast Mish)
        NDArray y = TorchRuntime.withoutGradients(() -> {
            NDArray nextAction = nets.targetActor().sample(next);
            NDArray targetQ = nets.targetCritic().min(next, nextAction);
            return NativeConstants.mul(batch.notDone().mul(targetQ), ctx.discount()).add(batch.rewards());
        }).stopGradient();
        NDArray[] q = nets.critic().both(batch.observations(), batch.actions());
        ctx.record("q_mean", q[0].mean());
        ctx.record("target_mean", y.mean());
        return q[0].sub(y).square().mean().add(q[1].sub(y).square().mean());
    }
}
