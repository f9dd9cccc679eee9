package io.github.edp4j.d4rl.tasks;

import java.util.SplittableRandom;

/**
 * The policy that collects a dataset ({@link DatasetCollector}): D4RL's "behaviour policy". Anything that maps an
 * observation to an action can be one, such as a lambda around a trained policy; {@link Behaviours} makes the usual
 * ones (uniform random, an expert actor, Gaussian action noise, a per-episode mixture). For a reproducible dataset
 * the policy must draw all its randomness from the {@code rng} it is given.
 */
@FunctionalInterface
public interface BehaviourPolicy {

    /**
     * Chooses an action.
     *
     * @param observation the current observation
     * @param rng the episode's behaviour randomness
     * @return an action; values outside the environment's action bounds are clipped by the collector
     */
    float[] act(float[] observation, SplittableRandom rng);

    /**
     * Starts an episode (a mixture draws its component here). The default does nothing.
     *
     * @param rng the episode's behaviour randomness, the same stream {@link #act} then receives
     */
    default void reset(SplittableRandom rng) {
    }

    /** @return a short description for the dataset's metadata, such as {@code expert(hopper, noise 0.3)} */
    default String description() {
        return "custom";
    }
}
