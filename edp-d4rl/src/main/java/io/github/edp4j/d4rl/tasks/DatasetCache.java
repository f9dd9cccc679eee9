package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import io.github.edp4j.d4rl.D4rlExtra;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of generated built-in datasets, stored as D4RL-layout HDF5 files through
 * {@link io.github.edp4j.d4rl.D4rlWriter} and read
 * back through {@link D4rl}, so built-in and downloaded datasets take the same path. The file
 * {@code <dataset>-g<GENERATOR_VERSION>.hdf5} (the locomotion datasets of a non-default size add it to the name) also records the dataset's content hash under
 * {@code metadata/content_hash}. Writes go to a temporary file that is moved into place, so readers (other threads
 * or JVMs) never see a half-written file. A file that cannot be read, or whose contents do not match its recorded
 * hash or the dataset's expected shape, is logged and regenerated. A cache that cannot be written (a read-only home,
 * a full disk) is logged and skipped: the generated dataset is still returned.
 */
final class DatasetCache {

    /** Part of every cache file name; raise it whenever a generator's output changes. */
    static final int GENERATOR_VERSION = 4;
    static final String HASH_KEY = "content_hash";

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCache.class);

    private final Path dir;

    /** @param dir the cache directory, created on the first write */
    DatasetCache(Path dir) {
        this.dir = dir;
    }

    /**
     * @param spec a dataset
     * @return its cache file (which may not exist)
     */
    Path file(DatasetSpec spec) {
        return dir.resolve(spec.cacheStem() + "-g" + GENERATOR_VERSION + ".hdf5");
    }

    /**
     * The dataset from its cache file, or generated and written there.
     *
     * @param spec the dataset
     * @return the dataset
     */
    OfflineDataset get(DatasetSpec spec) {
        Path file = file(spec);
        if (Files.exists(file)) {
            try {
                OfflineDataset cached = read(spec, file);
                LOG.debug("{}: read {} from the cache", file, spec.name());
                return cached;
            } catch (RuntimeException e) {
                LOG.warn("{}: cached dataset {} is unusable ({}); generating it again", file, spec.name(),
                        e.getMessage());
            }
        }
        long start = System.nanoTime();
        CollectedDataset collected = spec.collect();
        OfflineDataset ds = collected.dataset();
        long generated = System.nanoTime();
        try {
            collected.write(file, Map.of(HASH_KEY, ds.contentHash()));
        } catch (UncheckedIOException e) {
            LOG.warn("{}: cannot cache {} ({}); using it uncached", file, spec.name(), e.getMessage());
            return ds;
        }
        LOG.info("{}: generated {} ({} transitions) in {} ms and cached it in {} ms", file, spec.name(), ds.size(),
                (generated - start) / 1_000_000, (System.nanoTime() - generated) / 1_000_000);
        return ds;
    }

    private static OfflineDataset read(DatasetSpec spec, Path file) {
        D4rlDataset loaded = D4rl.load(file, spec.name());
        OfflineDataset ds = loaded.dataset();
        if (!spec.admitsSize(ds.size())) {
            throw new IllegalStateException("has " + ds.size() + " transitions, expected " + spec.sizeDescription());
        }
        D4rlExtra hash = loaded.extras().get("metadata/" + HASH_KEY);
        if (hash == null) {
            throw new IllegalStateException("no metadata/" + HASH_KEY);
        }
        Object recorded = hash.read();
        if (!ds.contentHash().equals(recorded)) {
            throw new IllegalStateException("content hash " + ds.contentHash() + " differs from the recorded "
                    + recorded);
        }
        if (!spec.name().equals(ds.name())) {
            return ds.toBuilder().name(spec.name()).build();
        }
        return ds;
    }
}
