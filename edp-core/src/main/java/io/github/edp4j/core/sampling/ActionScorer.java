package io.github.edp4j.core.sampling;

import ai.djl.ndarray.NDArray;

/** Scores state-action pairs, e.g. {@code min(Q1, Q2)} of a trained critic. */
@FunctionalInterface
public interface ActionScorer {

    /**
     * @param states {@code (B, obsDim)}
     * @param actions {@code (B, actDim)}
     * @return {@code (B,)} or {@code (B, 1)} scores, owned by the manager of {@code states}
     */
    NDArray score(NDArray states, NDArray actions);
}
