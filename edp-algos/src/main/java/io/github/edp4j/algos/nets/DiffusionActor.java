package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.nn.ParameterSet;
import io.github.edp4j.core.policy.DiffusionLoss;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DdpmSampler;

/**
 * EDP's policy (arXiv 2305.20081, Sec. 4): a {@link DiffusionPolicy} trained with action approximation and
 * sampled with a fast solver (DPM-Solver-3 with 15 calls by default).
 */
public final class DiffusionActor implements Actor {

    private final DiffusionPolicy policy;
    private final ActionSampler sampler;
    private final BoundsScaling scaling;
    private final DifferentiableDdpm chain;
    private final NDManager manager;

    /**
     * @param config diffusion policy configuration
     * @param sampler the sampler to act and to draw target actions with, built for {@code config}'s schedule
     * @param parent manager under which the parameters live
     * @param trainable whether the parameters record gradients
     */
    public DiffusionActor(DiffusionPolicyConfig config, ActionSampler sampler, NDManager parent, boolean trainable) {
        this.manager = parent.newSubManager();
        this.policy = new DiffusionPolicy(config, manager, trainable);
        this.sampler = sampler;
        this.scaling = new BoundsScaling(config.bounds(), manager);
        this.chain = new DifferentiableDdpm(policy.schedule(), config.bounds(), manager);
    }

    /** @return the underlying diffusion policy */
    public DiffusionPolicy policy() {
        return policy;
    }

    /** @return the sampler */
    public ActionSampler sampler() {
        return sampler;
    }

    @Override
    public ActorKind kind() {
        return ActorKind.DIFFUSION;
    }

    @Override
    public ActionBounds bounds() {
        return policy.bounds();
    }

    @Override
    public ActorPass forward(NDArray states, NDArray actions) {
        DiffusionLoss l = policy.loss(states, actions);
        return new ActorPass(l.loss(), l.approximatedActions(), null);
    }

    @Override
    public NDArray weightedImitationLoss(ActorPass pass, NDArray actions, NDArray weights) {
        // -mean(w log N(a; a0_hat, I)) up to a constant, as in the official EDP code
        NDArray sq = NativeConstants.mul(actions.sub(pass.action()).square().sum(new int[] {1}, true), 0.5f);
        return pass.behaviorLoss().add(sq.mul(weights).mean());
    }

    @Override
    public NDArray sample(NDArray states) {
        return sampleWith(states, sampler);
    }

    /**
     * Draws one action per state like {@link #sample(NDArray)}, with another sampler (acting-time settings of a
     * trained policy: another DPM-Solver budget, or the DDPM chain).
     *
     * @param states {@code (B, obsDim)}
     * @param with the sampler, built for this policy's schedule
     * @return {@code (B, actDim)}
     */
    public NDArray sampleWith(NDArray states, ActionSampler with) {
        // training-time target actions for dataset states: skip the NaN scan (a host read per call); a target
        // (non-trainable) copy samples with gradient mode off, so nothing is recorded and Mish takes its fast form
        if (!policy.parameters().trainable()) {
            return TorchRuntime.withoutGradients(() -> policy.sampleUnchecked(states, with));
        }
        return policy.sampleUnchecked(states, with);
    }

    @Override
    public NDArray sampleFrom(NDArray states, NDArray noise) {
        return sampleFrom(states, noise, sampler);
    }

    /**
     * {@link #sampleWith} starting from the given noise {@code x_T} instead of noise drawn from the engine.
     *
     * @param states {@code (B, obsDim)}
     * @param noise {@code (B, actDim)} starting noise
     * @param with the sampler, built for this policy's schedule
     * @return {@code (B, actDim)}
     */
    public NDArray sampleFrom(NDArray states, NDArray noise, ActionSampler with) {
        if (!policy.parameters().trainable()) {
            return TorchRuntime.withoutGradients(() -> with.sample(policy, states, noise));
        }
        return with.sample(policy, states, noise);
    }

    /**
     * The full DDPM chain from the given starting noise with the given noise at every step (see {@link
     * DdpmSampler#sample(io.github.edp4j.core.sampling.NoisePredictor, NDArray, NDArray, NDArray)}).
     *
     * @param states {@code (B, obsDim)}
     * @param noise {@code (B, actDim)} starting noise
     * @param chain the DDPM sampler, built for this policy's schedule
     * @param stepNoise {@code (K - 1, B, actDim)} noise of steps {@code K, ..., 2}
     * @return {@code (B, actDim)}
     */
    public NDArray sampleFrom(NDArray states, NDArray noise, DdpmSampler chain, NDArray stepNoise) {
        if (!policy.parameters().trainable()) {
            return TorchRuntime.withoutGradients(() -> chain.sample(policy, states, noise, stepNoise));
        }
        return chain.sample(policy, states, noise, stepNoise);
    }

    @Override
    public NDArray act(NDArray states) {
        return policy.sample(states, sampler);
    }

    /**
     * Samples one action per state with the full reverse DDPM chain over the policy's {@code K} steps, keeping the
     * computation graph of every step: Diffusion-QL's differentiable {@code a_theta} (arXiv 2208.06193). Called
     * inside a gradient collector, a loss on the result back-propagates through all {@code K} network calls into
     * this actor's parameters. Costs {@code K} network passes (and as many backward), which is what EDP's action
     * approximation avoids.
     *
     * @param states {@code (B, obsDim)} states; their manager owns the result and every intermediate
     * @return {@code (B, actDim)} actions inside the bounds
     */
    public NDArray sampleThroughChain(NDArray states) {
        return chain.sample(policy, states);
    }

    /** @return the differentiable DDPM chain over this policy's schedule and bounds */
    public DifferentiableDdpm chain() {
        return chain;
    }

    @Override
    public NDArray baselineActions(ActorPass pass, NDArray states, int n) {
        NDArray centre = pass.action().stopGradient().repeat(0, n);
        NDArray noise = states.getManager().randomNormal(0f, 1f, centre.getShape(), DataType.FLOAT32);
        return scaling.clip(noise.add(centre));
    }

    @Override
    public boolean stochastic() {
        return true;
    }

    @Override
    public ParameterSet parameters() {
        return policy.parameters();
    }

    @Override
    public DiffusionActor copy(NDManager parent, boolean trainable) {
        DiffusionActor c = new DiffusionActor(policy.config(), sampler, parent, trainable);
        c.parameters().copyFrom(parameters());
        return c;
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "DiffusionActor{" + policy.config() + ", sampler=" + sampler + "}";
    }
}
