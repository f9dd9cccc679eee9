package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import java.util.function.Supplier;

/**
 * One built-in dataset: its name, the task it was collected on, the number of transitions the generator produces
 * (exact where every episode runs to the time limit, a range where episodes can end early, as on the fork) and its
 * deterministic generator.
 *
 * @param name the dataset name, {@code <task>-<kind>} such as {@code pendulum-medium}
 * @param task the task name
 * @param minSize the fewest transitions the generator can produce
 * @param maxSize the most transitions the generator can produce
 * @param collector produces the dataset with its metadata and per-row arrays, the same on every call
 * @param cacheStem the cache file's name without the generator version and extension (the name, plus the size
 *     where it is configurable and not the default)
 * @param parts the datasets whose rows, in this order, make this one (a medium-expert union), so a cache builds
 *     it from theirs; empty for a dataset generated on its own
 */
record DatasetSpec(String name, String task, int minSize, int maxSize, Supplier<CollectedDataset> collector,
        String cacheStem, java.util.List<String> parts) {

    /** Copies {@code parts}. */
    DatasetSpec {
        parts = java.util.List.copyOf(parts);
    }

    /** A dataset of {@code minSize} to {@code maxSize} transitions without metadata or per-row arrays. */
    DatasetSpec(String name, String task, int minSize, int maxSize, Supplier<OfflineDataset> generator) {
        this(name, task, minSize, maxSize, plain(generator), name, java.util.List.of());
    }

    /** A dataset of exactly {@code size} transitions without metadata or per-row arrays. */
    DatasetSpec(String name, String task, int size, Supplier<OfflineDataset> generator) {
        this(name, task, size, size, generator);
    }

    /**
     * @param name the dataset name
     * @param task the task name
     * @param size the exact number of transitions
     * @param cacheStem the cache file's stem
     * @param collector produces the dataset with metadata and per-row arrays
     * @param parts the datasets whose union it is, or none
     * @return the spec
     */
    static DatasetSpec collected(String name, String task, int size, String cacheStem,
            Supplier<CollectedDataset> collector, java.util.List<String> parts) {
        return new DatasetSpec(name, task, size, size, collector, cacheStem, parts);
    }

    private static Supplier<CollectedDataset> plain(Supplier<OfflineDataset> generator) {
        return () -> new CollectedDataset(generator.get(), null, null, new double[0], java.util.Map.of());
    }

    /** @return a freshly generated copy of the dataset */
    OfflineDataset generate() {
        return collector.get().dataset();
    }

    /** @return a freshly generated copy of the dataset with its metadata and per-row arrays */
    CollectedDataset collect() {
        return collector.get();
    }

    /** @return whether a dataset of {@code size} transitions can have come from this generator */
    boolean admitsSize(int size) {
        return size >= minSize && size <= maxSize;
    }

    /** @return the expected size, for messages: one number or a range */
    String sizeDescription() {
        return minSize == maxSize ? Integer.toString(minSize) : minSize + " to " + maxSize;
    }
}
