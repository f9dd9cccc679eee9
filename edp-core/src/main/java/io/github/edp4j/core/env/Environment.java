package io.github.edp4j.core.env;

import io.github.edp4j.core.ActionBounds;

/**
 * A control task with continuous actions used to evaluate offline-trained policies (the online evaluation of
 * the EDP paper's protocol, arXiv 2305.20081 Sec. 5). Implementations are seeded and deterministic: the same
 * seed and the same actions give the same trajectory. An instance is stateful and not thread-safe.
 */
public interface Environment {

    /** @return a short name such as {@code pendulum} */
    String name();

    /** @return the length of observations */
    int observationDim();

    /** @return the action bounds, whose dimension is the action dimension */
    ActionBounds actionBounds();

    /** @return the action dimension */
    default int actionDim() {
        return actionBounds().dim();
    }

    /** @return the number of steps after which an episode is truncated */
    int maxEpisodeSteps();

    /**
     * Starts a new episode.
     *
     * @param seed seed of the episode's initial state (and any stochasticity of the episode)
     * @return the first observation
     */
    float[] reset(long seed);

    /**
     * Advances the episode by one step.
     *
     * @param action an action of length {@link #actionDim()}; values outside the bounds are clipped
     * @return the next observation, reward and end flags
     * @throws IllegalStateException if no episode is running (call {@link #reset(long)} first)
     * @throws IllegalArgumentException if the action has the wrong length or is not finite
     */
    StepResult step(float[] action);
}
