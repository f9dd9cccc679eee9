package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import java.nio.file.Path;

/** Placeholder until the D4RL writer lands: generates every time. */
final class DatasetCache {

    private final Path dir;

    DatasetCache(Path dir) {
        this.dir = dir;
    }

    OfflineDataset get(DatasetSpec spec) {
        return spec.generate();
    }
}
