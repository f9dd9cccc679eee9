package io.github.edp4j.core.data;

import ai.djl.ndarray.NDArray;

/**
 * A minibatch of transitions on the device, all arrays owned by the step's manager.
 *
 * @param observations {@code (B, obsDim)}
 * @param actions {@code (B, actDim)}
 * @param rewards {@code (B, 1)}
 * @param nextObservations {@code (B, obsDim)}
 * @param notDone {@code (B, 1)}: {@code 1 - terminal}, the bootstrapping mask of the TD target
 */
public record Batch(NDArray observations, NDArray actions, NDArray rewards, NDArray nextObservations,
        NDArray notDone) {

    /** @return the batch size */
    public int size() {
        return (int) rewards.getShape().get(0);
    }
}
