package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import java.util.function.Supplier;

/**
 * One built-in dataset: its name, the task it was collected on, its exact number of transitions and its
 * deterministic generator.
 *
 * @param name the dataset name, {@code <task>-<kind>} such as {@code pendulum-medium}
 * @param task the task name
 * @param size the number of transitions the generator produces
 * @param generator produces the dataset, the same on every call
 */
record DatasetSpec(String name, String task, int size, Supplier<OfflineDataset> generator) {

    /** @return a freshly generated copy of the dataset */
    OfflineDataset generate() {
        return generator.get();
    }
}
