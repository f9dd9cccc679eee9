package io.github.edp4j.algos;

import ai.djl.ndarray.NDManager;
import io.github.edp4j.algos.improvement.Crr;
import io.github.edp4j.algos.improvement.DiffusionQl;
import io.github.edp4j.algos.improvement.Dtql;
import io.github.edp4j.algos.improvement.Iql;
import io.github.edp4j.algos.improvement.PolicyImprovement;
import io.github.edp4j.algos.improvement.Td3Bc;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.DeterministicActor;
import io.github.edp4j.algos.nets.DiffusionActor;
import io.github.edp4j.algos.nets.DtqlActor;
import io.github.edp4j.algos.nets.GaussianActor;
import io.github.edp4j.algos.nets.NetworkShape;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.algos.nets.ValueNetwork;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.sampling.DpmSolver;
import io.github.edp4j.core.sampling.EnergyBasedActionSelection;

/** Builds the networks, sampler and algorithm a {@link TrainerConfig} describes, for given dimensions. */
final class NetworkFactory {

    private final TrainerConfig config;
    private final int observationDim;
    private final ActionBounds bounds;

    NetworkFactory(TrainerConfig config, int observationDim, ActionBounds bounds) {
        this.config = config;
        this.observationDim = observationDim;
        this.bounds = bounds;
    }

    NetworkShape shape() {
        return new NetworkShape(observationDim, bounds, config.hidden(), config.activation(), config.seed());
    }

    DiffusionPolicyConfig diffusionConfig() {
        return new DiffusionPolicyConfig(observationDim, bounds, config.schedule(), config.steps(), config.hidden(),
                config.activation(), 16, 32, config.seed());
    }

    /** DPM-Solver as configured for the EDP algorithms; the full DDPM chain over K steps for Diffusion-QL. */
    ActionSampler sampler() {
        return sampler(ActingSettings.of(config));
    }

    /** The sampler the given acting settings describe, for this configuration's schedule and bounds. */
    ActionSampler sampler(ActingSettings acting) {
        DiffusionPolicyConfig d = diffusionConfig();
        if (acting.sampler() == ActingSettings.Sampler.DDPM) {
            return new DdpmSampler(d.schedule(), bounds);
        }
        return DpmSolver.builder(d.schedule()).order(acting.solverOrder()).modelCalls(acting.modelCalls())
                .grid(acting.grid()).clipTo(bounds).build();
    }

    Actor actor(NDManager manager, boolean trainable) {
        if (config.algorithm() == Algorithm.DTQL) {
            return new DtqlActor(shape(), manager, trainable);
        }
        if (config.policyClass() == PolicyClass.DIFFUSION) {
            return new DiffusionActor(diffusionConfig(), sampler(), manager, trainable);
        }
        if (config.algorithm() == Algorithm.TD3) {
            return new DeterministicActor(shape(), manager, trainable);
        }
        return new GaussianActor(shape(), manager, trainable);
    }

    TwinCritic critic(NDManager manager, boolean trainable) {
        return new TwinCritic(shape(), manager, trainable, config.algorithm() == Algorithm.DTQL);
    }

    ValueNetwork value(NDManager manager) {
        return new ValueNetwork(shape(), manager, true);
    }

    PolicyImprovement improvement() {
        return switch (config.algorithm()) {
            case TD3 -> new Td3Bc(config.td3Alpha(), config.td3Eta());
            case CRR -> new Crr(config.crrSamples(), config.crrBeta(), config.crrWeightCap());
            case IQL -> new Iql(config.iqlExpectile(), config.iqlTemperature(), config.iqlWeightCap());
            case DQL -> new DiffusionQl(config.td3Eta());
            case DTQL -> new Dtql(config.dtqlAlpha(), config.dtqlNllWeight(), config.iqlExpectile(),
                    config.dtqlPretrainIterations());
        };
    }

    EnergyBasedActionSelection selection() {
        return selection(ActingSettings.of(config));
    }

    /** The energy-based action selection the given acting settings describe. */
    static EnergyBasedActionSelection selection(ActingSettings acting) {
        return new EnergyBasedActionSelection(acting.easCandidates(), acting.easTemperature(),
                acting.easArgmax() ? EnergyBasedActionSelection.Mode.ARGMAX : EnergyBasedActionSelection.Mode.SOFTMAX);
    }
}
