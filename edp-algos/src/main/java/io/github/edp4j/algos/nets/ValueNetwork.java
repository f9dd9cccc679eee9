package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.edp4j.core.nn.Mlp;
import io.github.edp4j.core.nn.ParameterSet;
import java.util.SplittableRandom;

/** The state-value network {@code V(s)} of IQL (Kostrikov et al. 2022), an MLP on the state. */
public final class ValueNetwork implements AutoCloseable {

    private final NDManager manager;
    private final ParameterSet params;
    private final Mlp net;

    /**
     * @param shape architecture (the action part is unused)
     * @param parent manager under which the parameters live
     * @param trainable whether the parameters record gradients
     */
    public ValueNetwork(NetworkShape shape, NDManager parent, boolean trainable) {
        this.manager = parent.newSubManager();
        this.params = new ParameterSet(manager, trainable);
        this.net = new Mlp(params, "v", shape.observationDim(), shape.hidden(), 1, shape.activation(),
                new SplittableRandom(shape.seed() ^ 0x2545f4914f6cdd1dL));
    }

    /**
     * @param states {@code (B, obsDim)}
     * @return {@code (B, 1)}
     */
    public NDArray value(NDArray states) {
        return net.forward(states);
    }

    /** @return the parameters */
    public ParameterSet parameters() {
        return params;
    }

    @Override
    public void close() {
        manager.close();
    }
}
