package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.Mlp;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.nn.ParameterSet;
import java.util.SplittableRandom;

/**
 * The Gaussian feed-forward baseline of CRR and IQL (EDP Table 2, "FF"): mean {@code = centre + halfWidth *
 * tanh(MLP(s))}, a learned state-independent log standard deviation clamped to {@code [-5, 2]}, as in the
 * official IQL actor. Acting uses the mean.
 */
public final class GaussianActor implements Actor {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final NetworkShape shape;
    private final NDManager manager;
    private final ParameterSet params;
    private final Mlp mean;
    private final NDArray logStd;
    private final BoundsScaling scaling;
    private final NDArray logStdMin;
    private final NDArray logStdMax;

    /**
     * @param shape architecture
     * @param parent manager under which the parameters live
     * @param trainable whether the parameters record gradients
     */
    public GaussianActor(NetworkShape shape, NDManager parent, boolean trainable) {
        this.shape = shape;
        this.manager = parent.newSubManager();
        this.params = new ParameterSet(manager, trainable);
        SplittableRandom rng = new SplittableRandom(shape.seed());
        this.mean = new Mlp(params, "mean", shape.observationDim(), shape.hidden(), shape.actionDim(),
                shape.activation(), rng);
        this.logStd = params.add("log_std", new float[shape.actionDim()], new Shape(shape.actionDim()));
        this.scaling = new BoundsScaling(shape.bounds(), manager);
        this.logStdMin = manager.full(new Shape(1), -5f);
        this.logStdMax = manager.full(new Shape(1), 2f);
    }

    @Override
    public ActorKind kind() {
        return ActorKind.GAUSSIAN;
    }

    @Override
    public ActionBounds bounds() {
        return shape.bounds();
    }

    /** @return the architecture */
    public NetworkShape shape() {
        return shape;
    }

    private NDArray meanAction(NDArray states) {
        return scaling.fromUnit(mean.forward(states).tanh());
    }

    /** {@code (1, actDim)} standard deviation, owned by the manager of {@code like}. */
    private NDArray std(NDArray like) {
        // an op belongs to its first operand's manager: move the parameter's result to the batch at once
        NDArray lower = logStd.maximum(logStdMin);
        lower.attach(like.getManager());
        return scaling.scale(lower.minimum(logStdMax).reshape(1, -1).exp());
    }

    @Override
    public ActorPass forward(NDArray states, NDArray actions) {
        NDArray mu = meanAction(states);
        NDArray sd = std(mu);
        NDArray z = actions.sub(mu).div(sd);
        NDArray logProb = NativeConstants.sub(NativeConstants.mul(z.square(), -0.5f).sub(sd.log()), (float) HALF_LOG_2PI)
                .sum(new int[] {1}, true);
        return new ActorPass(logProb.mean().neg(), mu, logProb);
    }

    @Override
    public NDArray weightedImitationLoss(ActorPass pass, NDArray actions, NDArray weights) {
        return pass.logLikelihood().mul(weights).mean().neg();
    }

    @Override
    public NDArray sample(NDArray states) {
        NDArray mu = meanAction(states);
        NDArray noise = states.getManager().randomNormal(0f, 1f, mu.getShape(), DataType.FLOAT32);
        return scaling.clip(noise.mul(std(mu)).add(mu));
    }

    @Override
    public NDArray act(NDArray states) {
        return meanAction(states);
    }

    @Override
    public NDArray baselineActions(ActorPass pass, NDArray states, int n) {
        NDArray mu = pass.action().stopGradient().repeat(0, n);
        NDArray noise = states.getManager().randomNormal(0f, 1f, mu.getShape(), DataType.FLOAT32);
        return scaling.clip(noise.mul(std(mu).stopGradient()).add(mu));
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
    public GaussianActor copy(NDManager parent, boolean trainable) {
        GaussianActor c = new GaussianActor(shape, parent, trainable);
        c.params.copyFrom(params);
        return c;
    }

    @Override
    public void close() {
        manager.close();
    }
}
