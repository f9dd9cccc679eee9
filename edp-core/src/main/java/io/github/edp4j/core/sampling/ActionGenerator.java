package io.github.edp4j.core.sampling;

import ai.djl.ndarray.NDArray;

/** Draws one action per state row, e.g. a diffusion policy sampled with DPM-Solver. */
@FunctionalInterface
public interface ActionGenerator {

    /**
     * @param states {@code (B, obsDim)}
     * @return {@code (B, actDim)} actions, owned by the manager of {@code states}
     */
    NDArray generate(NDArray states);
}
