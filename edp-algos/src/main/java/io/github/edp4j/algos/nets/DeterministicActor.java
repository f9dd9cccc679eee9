package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.Mlp;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.nn.ParameterSet;
import java.util.SplittableRandom;

/**
 * The deterministic feed-forward baseline of TD3+BC (Fujimoto and Gu 2021; EDP Table 2, "FF"): {@code pi(s) =
 * centre + halfWidth * tanh(MLP(s))}, behaviour term {@code mean (pi(s) - a)^2}; target actions carry TD3's
 * clipped smoothing noise (standard deviation 0.2, clipped at 0.5, in units of the half-width).
 */
public final class DeterministicActor implements Actor {

    private static final float TARGET_NOISE = 0.2f;
    private static final float TARGET_NOISE_CLIP = 0.5f;

    private final NetworkShape shape;
    private final NDManager manager;
    private final ParameterSet params;
    private final Mlp net;
    private final BoundsScaling scaling;

    /**
     * @param shape architecture
     * @param parent manager under which the parameters live
     * @param trainable whether the parameters record gradients
     */
    public DeterministicActor(NetworkShape shape, NDManager parent, boolean trainable) {
        this.shape = shape;
        this.manager = parent.newSubManager();
        this.params = new ParameterSet(manager, trainable);
        this.net = new Mlp(params, "pi", shape.observationDim(), shape.hidden(), shape.actionDim(), shape.activation(),
                new SplittableRandom(shape.seed()));
        this.scaling = new BoundsScaling(shape.bounds(), manager);
    }

    @Override
    public ActorKind kind() {
        return ActorKind.DETERMINISTIC;
    }

    @Override
    public ActionBounds bounds() {
        return shape.bounds();
    }

    /** @return the architecture */
    public NetworkShape shape() {
        return shape;
    }

    @Override
    public ActorPass forward(NDArray states, NDArray actions) {
        NDArray pi = act(states);
        return new ActorPass(pi.sub(actions).square().mean(), pi, null);
    }

    @Override
    public NDArray weightedImitationLoss(ActorPass pass, NDArray actions, NDArray weights) {
        return NativeConstants.mul(actions.sub(pass.action()).square().sum(new int[] {1}, true), 0.5f).mul(weights)
                .mean();
    }

    @Override
    public NDArray sample(NDArray states) {
        NDArray pi = act(states);
        NDArray noise = states.getManager().randomNormal(0f, TARGET_NOISE, pi.getShape(), DataType.FLOAT32)
                .clip(-TARGET_NOISE_CLIP, TARGET_NOISE_CLIP);
        return scaling.clip(pi.add(scaling.scale(noise)));
    }

    @Override
    public NDArray act(NDArray states) {
        return scaling.fromUnit(net.forward(states).tanh());
    }

    @Override
    public NDArray baselineActions(ActorPass pass, NDArray states, int n) {
        NDArray pi = pass.action().stopGradient().repeat(0, n);
        NDArray noise = states.getManager().randomNormal(0f, 1f, pi.getShape(), DataType.FLOAT32);
        return scaling.clip(pi.add(scaling.scale(noise)));
    }

    @Override
    public boolean stochastic() {
        return false;
    }

    @Override
    public ParameterSet parameters() {
        return params;
    }

    @Override
    public DeterministicActor copy(NDManager parent, boolean trainable) {
        DeterministicActor c = new DeterministicActor(shape, parent, trainable);
        c.params.copyFrom(params);
        return c;
    }

    @Override
    public void close() {
        manager.close();
    }
}
