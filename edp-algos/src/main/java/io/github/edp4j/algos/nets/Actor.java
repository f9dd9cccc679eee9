package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.ParameterSet;

/**
 * The policy network a {@link io.github.edp4j.algos.improvement.PolicyImprovement} trains: a diffusion policy
 * (EDP) or one of the paper's feed-forward baselines (a deterministic MLP for TD3+BC, a Gaussian MLP for CRR and
 * IQL), behind one interface so that "diffusion vs Gaussian" is one switch.
 *
 * <p>Array arguments decide ownership: results belong to the manager of the first array argument.
 */
public interface Actor extends AutoCloseable {

    /** @return the kind of policy */
    ActorKind kind();

    /** @return the action bounds */
    ActionBounds bounds();

    /**
     * @param states {@code (B, obsDim)}
     * @param actions {@code (B, actDim)} dataset actions
     * @return the behaviour term and differentiable action of the batch
     */
    ActorPass forward(NDArray states, NDArray actions);

    /**
     * The advantage-weighted imitation loss of CRR and IQL: for a diffusion policy {@code L_diff - mean(w log N(a;
     * a0_hat, I))}, that is {@code L_diff + mean(w ||a - a0_hat||^2) / 2} up to a constant, as in the official EDP
     * code (EDP Sec. 4.1); for a Gaussian policy {@code -mean(w log pi(a|s))}.
     *
     * @param pass the pass of {@link #forward}
     * @param actions {@code (B, actDim)} dataset actions
     * @param weights {@code (B, 1)} non-negative weights, without gradient
     * @return the scalar loss
     */
    NDArray weightedImitationLoss(ActorPass pass, NDArray actions, NDArray weights);

    /**
     * Draws one action per state: DPM-Solver for a diffusion policy, a clipped Gaussian sample, or the
     * deterministic action with TD3's clipped target-smoothing noise.
     *
     * @param states {@code (B, obsDim)}
     * @return {@code (B, actDim)}
     */
    NDArray sample(NDArray states);

    /**
     * Draws one action per state like {@link #sample}, with the standard normal noise given instead of drawn from
     * the engine's generator (the starting noise {@code x_T} of a diffusion policy's sampler, the reparameterisation
     * noise of DTQL's one-step policy), so that another backend given the same noise can be compared with this one.
     *
     * @param states {@code (B, obsDim)}
     * @param noise {@code (B, actDim)} standard normal noise
     * @return {@code (B, actDim)}
     * @throws UnsupportedOperationException for an actor that does not act by sampling ({@link #stochastic()} false)
     */
    default NDArray sampleFrom(NDArray states, NDArray noise) {
        throw new UnsupportedOperationException("a " + kind() + " actor acts deterministically; it has no noise input");
    }

    /**
     * The evaluation action without energy-based selection: a sample for a diffusion policy, the mean or
     * deterministic action otherwise.
     *
     * @param states {@code (B, obsDim)}
     * @return {@code (B, actDim)}
     */
    NDArray act(NDArray states);

    /**
     * Actions around the current policy for CRR's advantage baseline, {@code n} per state, laid out as rows
     * {@code b * n + j}: {@code N(a0_hat, I)} clipped for a diffusion policy (docs/design.md, section 5), samples of
     * the policy otherwise. Without gradient.
     *
     * @param pass the pass of {@link #forward}
     * @param states {@code (B, obsDim)}
     * @param n samples per state
     * @return {@code (B * n, actDim)}
     */
    NDArray baselineActions(ActorPass pass, NDArray states, int n);

    /** @return whether acting benefits from energy-based selection among sampled candidates */
    boolean stochastic();

    /** @return the parameters the policy loss trains */
    ParameterSet parameters();

    /**
     * Parameters trained by their own behaviour-cloning loss ({@link #behaviourLoss}) with their own optimizer,
     * before the policy loss of the same step: DTQL's diffusion model (arXiv 2405.19690). The trainer switches
     * nothing else for them; an actor whose policy loss runs through them keeps their gradients out of it.
     *
     * @return the parameters, or {@code null} when the actor has no separate behaviour model (the default)
     */
    default ParameterSet behaviourParameters() {
        return null;
    }

    /**
     * The loss of the separate behaviour model, on dataset actions.
     *
     * @param states {@code (B, obsDim)}
     * @param actions {@code (B, actDim)} dataset actions
     * @return the scalar loss
     * @throws UnsupportedOperationException when {@link #behaviourParameters()} is {@code null}
     */
    default NDArray behaviourLoss(NDArray states, NDArray actions) {
        throw new UnsupportedOperationException("a " + kind() + " actor has no separate behaviour model");
    }

    /**
     * A copy with the same architecture and values (for EMA or target networks).
     *
     * @param parent manager under which the copy's parameters live
     * @param trainable whether the copy records gradients
     * @return the copy
     */
    Actor copy(NDManager parent, boolean trainable);

    @Override
    void close();
}
