package io.github.edp4j.d4rl.tasks;

import java.util.Objects;

/**
 * What a {@link DatasetCollector} run collects: the dataset's name, the number of transitions and the seed.
 * Episode {@code i} resets the environment with {@code seed + i} and gives the behaviour policy its own random
 * stream derived from that seed, so the same configuration, environment and policy give the same dataset.
 *
 * @param name the dataset's name, such as {@code hopper-medium}; not blank
 * @param steps the number of transitions, {@code 1 .. 10,000,000}; the last episode is cut off there (its last
 *     transition is marked as a timeout)
 * @param seed the seed of the first episode
 */
public record CollectionConfig(String name, int steps, long seed) {

    /** The most transitions one run collects. */
    public static final int MAX_STEPS = 10_000_000;

    /** @throws IllegalArgumentException naming the field, its value and the allowed range */
    public CollectionConfig {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("collection name must not be blank");
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("collection steps must be in [1, " + MAX_STEPS + "], got " + steps);
        }
    }
}
