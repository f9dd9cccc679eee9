package io.github.edp4j.d4rl.tasks;

import java.util.SplittableRandom;

/**
 * A scripted policy (expert, medium, noisy explorer or uniform random) that produces the actions of the built-in
 * datasets and of the reference-score rollouts. A controller may keep per-episode state (an exploration target,
 * the side it passes an obstacle on), which {@link #reset(SplittableRandom)} draws anew at each episode start.
 */
interface Controller {

    /**
     * Starts a new episode.
     *
     * @param rng the episode's controller randomness
     */
    default void reset(SplittableRandom rng) {
    }

    /**
     * Chooses an action.
     *
     * @param observation the current observation
     * @param rng the episode's controller randomness (the same stream as passed to {@link #reset})
     * @return an action inside the task's action bounds
     */
    float[] act(float[] observation, SplittableRandom rng);
}
