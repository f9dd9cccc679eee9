package io.github.edp4j.algos;

import io.github.edp4j.core.ActionBounds;

/**
 * What acting with a trained policy needs, whatever runs it: libtorch ({@link Policy}, the default, also used in
 * training) or another runtime (the ONNX Runtime backend of module {@code edp-onnx}). Implementations share {@link
 * Policy}'s contract: observations are raw (normalised inside), finite and of length {@link #observationDim()};
 * actions lie inside {@link #actionBounds()}; acting may be called from several threads (calls are serialized) and
 * throws {@link IllegalStateException} after {@link #close()}.
 */
public interface ActingPolicy extends AutoCloseable {

    /** @return the observation dimension */
    int observationDim();

    /** @return the action bounds */
    ActionBounds actionBounds();

    /** @return the name of the dataset the policy was trained on (for messages) */
    String datasetName();

    /**
     * Acts in one state.
     *
     * @param observation raw observation of length {@link #observationDim()}, finite
     * @return the action, inside the bounds
     * @throws IllegalArgumentException if the observation has the wrong length or a non-finite value
     * @throws IllegalStateException if the policy is closed
     */
    float[] act(float[] observation);

    /**
     * Acts in a batch of states.
     *
     * @param observations raw observations, each of length {@link #observationDim()}, finite
     * @return one action per observation
     * @throws IllegalArgumentException naming the row and what is wrong with it
     * @throws IllegalStateException if the policy is closed
     */
    float[][] act(float[][] observations);

    /** Releases native resources; acting afterwards throws {@link IllegalStateException}. Idempotent. */
    @Override
    void close();
}
