package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.nn.ParameterSet;

/**
 * DTQL's actor (Diffusion Trusted Q-Learning; Chen, Wang, Zhou 2024, arXiv 2405.19690): a one-step tanh-Gaussian
 * policy that acts with one network call, and a behaviour-cloning diffusion model in EDM form that only shapes
 * it. The diffusion model is trained on dataset actions ({@link #behaviourLoss}, Sec. 2, its own parameter set
 * {@link #behaviourParameters()}); the one-step policy ({@link #parameters()}) is trained by the diffusion
 * trust-region loss ({@link #trustRegionLoss}) plus the algorithm's Q and likelihood terms. Actions
 * are scaled to the unit box for the diffusion model, whose data scale is {@code sigma_d = 0.5}.
 *
 * <p>{@link #forward} returns the reparameterised one-step action {@code a_theta} of the batch states and the
 * negative log-likelihood of the dataset actions as the behaviour term; {@link #sample} draws one-step actions
 * (the candidates of the energy-based selection at evaluation), {@link #act} returns the tanh of the mean.
 */
public final class DtqlActor implements Actor {

    private final NetworkShape shape;
    private final NDManager manager;
    private final OneStepPolicy policy;
    private final EdmDenoiser diffusion;

    /**
     * @param shape dimensions, hidden widths (of both networks), the diffusion network's activation (the one-step
     *     policy uses ReLU) and the seed
     * @param parent manager under which the parameters live
     * @param trainable whether the parameters record gradients
     */
    public DtqlActor(NetworkShape shape, NDManager parent, boolean trainable) {
        this.shape = shape;
        this.manager = parent.newSubManager();
        this.policy = new OneStepPolicy(new ParameterSet(manager, trainable), shape.observationDim(), shape.bounds(),
                shape.hidden(), shape.seed());
        this.diffusion = new EdmDenoiser(new ParameterSet(manager, trainable), shape.observationDim(),
                shape.actionDim(), shape.hidden(), shape.activation(), shape.seed());
    }

    /** @return the architecture */
    public NetworkShape shape() {
        return shape;
    }

    @Override
    public ActorKind kind() {
        return ActorKind.ONE_STEP;
    }

    @Override
    public ActionBounds bounds() {
        return shape.bounds();
    }

    @Override
    public ActorPass forward(NDArray states, NDArray actions) {
        NDArray action = policy.sample(states);
        NDArray logLikelihood = policy.logLikelihood(states, actions);
        return new ActorPass(logLikelihood.mean().neg(), action, logLikelihood);
    }

    /**
     * The behaviour-cloning loss of the diffusion model (arXiv 2405.19690, Sec. 2) on dataset actions.
     *
     * @param states {@code (B, obsDim)}; its manager owns the result
     * @param actions {@code (B, actDim)} dataset actions
     * @return the scalar loss
     */
    @Override
    public NDArray behaviourLoss(NDArray states, NDArray actions) {
        return diffusion.loss(states, unit(actions));
    }

    /**
     * The diffusion trust-region loss (arXiv 2405.19690, Sec. 2): the diffusion model's denoising loss at the
     * one-step policy's actions, with fresh noise levels and noise. The diffusion model's parameters are left out
     * of the graph (their gradient recording is off while the loss is built and restored afterwards), so
     * back-propagating this loss reaches only the one-step policy.
     *
     * @param states {@code (B, obsDim)}; its manager owns the result
     * @param actions {@code (B, actDim)} the one-step policy's differentiable actions
     * @return the scalar loss
     */
    public NDArray trustRegionLoss(NDArray states, NDArray actions) {
        ParameterSet bc = diffusion.parameters();
        bc.setGradientsEnabled(false);
        try {
            return diffusion.loss(states, unit(actions));
        } finally {
            bc.setGradientsEnabled(true);
        }
    }

    private NDArray unit(NDArray actions) {
        return NativeConstants.clamp(policy.scaling().toUnit(actions), -1f, 1f);
    }

    @Override
    public NDArray weightedImitationLoss(ActorPass pass, NDArray actions, NDArray weights) {
        return pass.logLikelihood().mul(weights).mean().neg();
    }

    @Override
    public NDArray sample(NDArray states) {
        return policy.sample(states);
    }

    @Override
    public NDArray sampleFrom(NDArray states, NDArray noise) {
        return policy.sample(states, noise);
    }

    @Override
    public NDArray act(NDArray states) {
        return policy.meanAction(states);
    }

    @Override
    public NDArray baselineActions(ActorPass pass, NDArray states, int n) {
        return policy.sample(states.repeat(0, n)).stopGradient();
    }

    @Override
    public boolean stochastic() {
        return true;
    }

    /** @return the one-step policy's parameters */
    @Override
    public ParameterSet parameters() {
        return policy.parameters();
    }

    /** @return the behaviour-cloning diffusion model's parameters */
    @Override
    public ParameterSet behaviourParameters() {
        return diffusion.parameters();
    }

    EdmDenoiser diffusion() {
        return diffusion;
    }

    OneStepPolicy oneStep() {
        return policy;
    }

    @Override
    public DtqlActor copy(NDManager parent, boolean trainable) {
        DtqlActor c = new DtqlActor(shape, parent, trainable);
        c.parameters().copyFrom(parameters());
        c.behaviourParameters().copyFrom(behaviourParameters());
        return c;
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "DtqlActor{" + shape + "}";
    }
}
