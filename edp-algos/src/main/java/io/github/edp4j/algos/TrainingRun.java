package io.github.edp4j.algos;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.edp4j.algos.improvement.Networks;
import io.github.edp4j.algos.improvement.PolicyImprovement;
import io.github.edp4j.algos.improvement.StepContext;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.ActorPass;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.algos.nets.ValueNetwork;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.data.DeviceDataset;
import io.github.edp4j.core.nn.AdamOptimizer;
import io.github.edp4j.core.nn.Autograd;
import io.github.edp4j.core.nn.ParameterSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The mutable state of one training run (networks, targets, optimizers, iteration) and its update step. Every
 * step reseeds the engine from the run's seed and the iteration, so a run restored from a checkpoint continues
 * exactly as the uninterrupted run would.
 */
final class TrainingRun implements AutoCloseable {

    private final TrainerConfig config;
    private final NDManager manager;
    private final Networks nets;
    private final PolicyImprovement improvement;
    private final AdamOptimizer actorOptimizer;
    private final AdamOptimizer criticOptimizer;
    private final AdamOptimizer valueOptimizer;
    private final AdamOptimizer behaviourOptimizer;
    private long iteration;

    TrainingRun(TrainerConfig config, NetworkFactory factory, NDManager parent) {
        this.config = config;
        this.manager = parent.newSubManager();
        this.improvement = factory.improvement();
        Actor actor = factory.actor(manager, true);
        TwinCritic critic = factory.critic(manager, true);
        ValueNetwork value = improvement.usesValueNetwork() ? factory.value(manager) : null;
        this.nets = new Networks(actor, actor.copy(manager, false), critic, critic.copy(manager, false), value);
        float clip = (float) config.maxGradNorm();
        this.actorOptimizer = new AdamOptimizer(actor.parameters(), (float) config.actorLearningRate(), clip);
        this.criticOptimizer = new AdamOptimizer(critic.parameters(), (float) config.criticLearningRate(), clip);
        this.valueOptimizer = value == null ? null
                : new AdamOptimizer(value.parameters(), (float) config.criticLearningRate(), clip);
        ParameterSet behaviour = actor.behaviourParameters();
        this.behaviourOptimizer = behaviour == null ? null
                : new AdamOptimizer(behaviour, (float) config.actorLearningRate(), clip);
    }

    Networks networks() {
        return nets;
    }

    PolicyImprovement improvement() {
        return improvement;
    }

    long iteration() {
        return iteration;
    }

    /**
     * One update of critics (and value), then of the actor's separate behaviour model if it has one, then of the
     * policy (unless the algorithm is still pre-training), then of the targets. The whole update draws from libtorch's
     * generator seeded with the run's seed and the iteration, inside {@link TorchRuntime#withSeed}: the result is the
     * same whether or not other fits run in the same JVM, and a resumed run continues the same streams.
     *
     * @return the step's scalar metrics
     */
    Map<String, Float> step(DeviceDataset data) {
        long it = iteration;
        Map<String, Float> out = TorchRuntime.withSeed(Seeds.mix(config.seed(), it), () -> update(it, data));
        iteration = it + 1;
        return out;
    }

    /** The body of {@link #step}, inside the seeded scope of libtorch's generator. */
    private Map<String, Float> update(long it, DeviceDataset data) {
        StepContext ctx = new StepContext((float) config.discount(),
                new SplittableRandom(Seeds.mix(config.seed() ^ 0x5deece66dL, it)));
        Map<String, Float> out = new LinkedHashMap<>();
        Engine engine = TorchRuntime.engine();
        try (NDManager step = manager.newSubManager()) {
            Batch batch = data.sample(step, config.batchSize());
            float criticLoss;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray loss = improvement.criticLoss(nets, batch, ctx);
                Autograd.backward(gc, loss);
                criticLoss = loss.getFloat();
            }
            checkFinite(it, "critic loss", criticLoss);
            criticOptimizer.step(step);
            if (valueOptimizer != null) {
                valueOptimizer.step(step);
            }
            out.put("critic_loss", criticLoss);
            if (behaviourOptimizer != null) {
                out.put("diffusion_loss", behaviourStep(it, batch, step));
            }
            if (improvement.updatesPolicy(it)) {
                out.put("policy_loss", policyStep(it, batch, ctx, step));
            }
            nets.targetCritic().parameters().polyakUpdate(nets.critic().parameters(), (float) config.tau());
            nets.targetActor().parameters().polyakUpdate(nets.actor().parameters(), (float) config.emaTau());
            for (Map.Entry<String, NDArray> e : ctx.metrics().entrySet()) {
                out.put(e.getKey(), e.getValue().getFloat());
            }
        }
        return out;
    }

    private float policyStep(long it, Batch batch, StepContext ctx, NDManager step) {
        float actorLoss;
        setCriticGradients(false);
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
            ActorPass pass = nets.actor().forward(batch.observations(), batch.actions());
            NDArray loss = improvement.policyLoss(nets, batch, pass, ctx);
            Autograd.backward(gc, loss);
            actorLoss = loss.getFloat();
        } finally {
            setCriticGradients(true);
        }
        checkFinite(it, "policy loss", actorLoss);
        actorOptimizer.step(step);
        return actorLoss;
    }

    private float behaviourStep(long it, Batch batch, NDManager step) {
        float loss;
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
            NDArray l = nets.actor().behaviourLoss(batch.observations(), batch.actions());
            Autograd.backward(gc, l);
            loss = l.getFloat();
        }
        checkFinite(it, "behaviour-cloning loss", loss);
        behaviourOptimizer.step(step);
        return loss;
    }

    private void setCriticGradients(boolean enabled) {
        nets.critic().parameters().setGradientsEnabled(enabled);
        if (nets.value() != null) {
            nets.value().parameters().setGradientsEnabled(enabled);
        }
    }

    private static void checkFinite(long it, String what, float value) {
        if (!Float.isFinite(value)) {
            throw new TrainingDivergedException(it, "training diverged at iteration " + it + ": " + what + " is "
                    + value);
        }
    }

    /** Parameter sets in a fixed order, for checkpoints. */
    List<ParameterSet> parameterSets() {
        List<ParameterSet> sets = new ArrayList<>(List.of(nets.actor().parameters(), nets.targetActor().parameters(),
                nets.critic().parameters(), nets.targetCritic().parameters()));
        if (nets.value() != null) {
            sets.add(nets.value().parameters());
        }
        if (behaviourOptimizer != null) {
            sets.add(nets.actor().behaviourParameters());
        }
        return sets;
    }

    /** Optimizers in a fixed order, for checkpoints. */
    List<AdamOptimizer> optimizers() {
        List<AdamOptimizer> list = new ArrayList<>(List.of(actorOptimizer, criticOptimizer));
        if (valueOptimizer != null) {
            list.add(valueOptimizer);
        }
        if (behaviourOptimizer != null) {
            list.add(behaviourOptimizer);
        }
        return list;
    }

    void restoreIteration(long it) {
        this.iteration = it;
    }

    @Override
    public void close() {
        manager.close();
    }
}
