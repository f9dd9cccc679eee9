package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import io.github.edp4j.d4rl.D4rlExtra;
import io.github.edp4j.d4rl.D4rlWriter;
import java.io.IOException;
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
 * hash or the dataset's expected shape, is logged and regenerated. A union (a medium-expert dataset) is built from
 * its parts' cache files, generating and caching those first if needed. Temporary files left in the directory by a
 * process killed while writing are deleted when the cache is used. A cache that cannot be written (a read-only home,
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
        removeStaleTemporaries();
        return getCollected(spec, false).dataset();
    }

    /**
     * @param spec the dataset
     * @param withArrays whether a dataset read from the cache needs its metadata and per-row arrays too
     * @return the dataset from its cache file, or generated (a union from its parts' cache files) and written there
     */
    private CollectedDataset getCollected(DatasetSpec spec, boolean withArrays) {
        Path file = file(spec);
        if (Files.exists(file)) {
            try {
                CollectedDataset cached = read(spec, file, withArrays);
                LOG.debug("{}: read {} from the cache", file, spec.name());
                return cached;
            } catch (RuntimeException e) {
                LOG.warn("{}: cached dataset {} is unusable ({}); generating it again", file, spec.name(),
                        e.getMessage());
            }
        }
        long start = System.nanoTime();
        CollectedDataset collected = spec.parts().isEmpty() ? spec.collect() : union(spec);
        OfflineDataset ds = collected.dataset();
        long generated = System.nanoTime();
        try {
            collected.write(file, Map.of(HASH_KEY, ds.contentHash()));
        } catch (UncheckedIOException e) {
            LOG.warn("{}: cannot cache {} ({}); using it uncached", file, spec.name(), e.getMessage());
            return collected;
        }
        LOG.info("{}: generated {} ({} transitions) in {} ms and cached it in {} ms", file, spec.name(), ds.size(),
                (generated - start) / 1_000_000, (System.nanoTime() - generated) / 1_000_000);
        return collected;
    }

    /** Deletes temporary files left by a writer that was killed (see {@link AtomicFile#removeStaleTemporaries}). */
    private void removeStaleTemporaries() {
        try {
            int n = AtomicFile.removeStaleTemporaries(dir);
            if (n > 0) {
                LOG.info("{}: removed {} temporary file(s) left by an interrupted write", dir, n);
            }
        } catch (IOException e) {
            LOG.warn("{}: cannot remove temporary files left by an interrupted write ({})", dir, e.getMessage());
        }
    }

    /** A union of datasets from their cached (or newly generated and cached) files. */
    private CollectedDataset union(DatasetSpec spec) {
        CollectedDataset out = null;
        for (String part : spec.parts()) {
            CollectedDataset c = getCollected(TaskCatalog.dataset(part), true);
            out = out == null ? c : CollectedDataset.concat(spec.name(), out, c);
        }
        if (out == null || out.dataset().size() < spec.minSize() || out.dataset().size() > spec.maxSize()) {
            throw new IllegalStateException("the parts " + spec.parts() + " of " + spec.name() + " do not make "
                    + spec.sizeDescription() + " transitions");
        }
        return out;
    }

    private static CollectedDataset read(DatasetSpec spec, Path file, boolean withArrays) {
        D4rlDataset loaded = D4rl.load(file, spec.name());
        OfflineDataset ds = checked(spec, loaded);
        if (!withArrays) {
            return new CollectedDataset(ds, null, null, new double[0], Map.of());
        }
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        double[][] qpos = null;
        double[][] qvel = null;
        for (Map.Entry<String, D4rlExtra> e : loaded.extras().entrySet()) {
            String key = e.getKey();
            if (key.equals("infos/qpos")) {
                qpos = rows(e.getValue());
            } else if (key.equals("infos/qvel")) {
                qvel = rows(e.getValue());
            } else if (key.startsWith("metadata/") && !key.equals(D4rlWriter.NAME_KEY)
                    && !key.equals("metadata/" + HASH_KEY)) {
                Object v = e.getValue().read();
                if (v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double) {
                    meta.put(key.substring("metadata/".length()), v);
                }
            }
        }
        boolean oneMissing = (qpos == null) != (qvel == null);
        if (oneMissing || (qpos != null && (qpos.length != ds.size() || qvel.length != ds.size()))) {
            throw new IllegalStateException("infos/qpos and infos/qvel do not both have one row per transition");
        }
        return new CollectedDataset(ds, qpos, qvel, new double[0], meta);
    }

    private static double[][] rows(D4rlExtra extra) {
        int[] shape = extra.shape();
        if (shape.length != 2) {
            throw new IllegalStateException(extra.key() + " has shape " + java.util.Arrays.toString(shape)
                    + ", expected (rows, columns)");
        }
        double[] flat = extra.readAsDoubles();
        double[][] out = new double[shape[0]][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * shape[1], (i + 1) * shape[1]);
        }
        return out;
    }

    private static OfflineDataset checked(DatasetSpec spec, D4rlDataset loaded) {
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
