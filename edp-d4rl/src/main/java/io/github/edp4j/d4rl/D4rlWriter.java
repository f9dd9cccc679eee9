package io.github.edp4j.d4rl;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.io.AtomicFile;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes an {@link OfflineDataset} as a D4RL-layout HDF5 file with jhdf, so built-in datasets and real D4RL
 * files flow through the same reader: {@code observations (N, obs_dim)}, {@code actions (N, act_dim)},
 * {@code rewards (N,)} and {@code next_observations (N, obs_dim)} as float32, {@code terminals (N,)} and
 * {@code timeouts (N,)} as int8 0/1 (jhdf cannot write h5py's enum booleans; h5py and D4RL read int8 flags
 * as they read booleans), all chunked and gzip-compressed, and the dataset's name in
 * {@code metadata/name}. Because {@code next_observations} is stored, {@link D4rl#load(Path)} turns every row
 * back into the same transition: the round trip returns an identical dataset.
 *
 * <p>The file is written with {@link AtomicFile} (a temporary file in the target directory, flushed to the disk
 * and moved into place), so a reader never sees a half-written file and a failed write leaves any previous file
 * untouched.
 */
public final class D4rlWriter {

    /** Key of the dataset name that the writer stores and the reader falls back to. */
    public static final String NAME_KEY = "metadata/name";

    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final int CHUNK_BYTES = 1 << 18;
    private static final int GZIP_LEVEL = 4;

    private D4rlWriter() {}

    /**
     * Writes a dataset in D4RL layout.
     *
     * @param dataset the transitions
     * @param file the target file; its directory is created if needed; an existing file is replaced
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(OfflineDataset dataset, Path file) {
        write(dataset, file, Map.of());
    }

    /**
     * Writes a dataset in D4RL layout with extra values under {@code metadata/}.
     *
     * @param dataset the transitions
     * @param file the target file; its directory is created if needed; an existing file is replaced
     * @param metadata values stored as {@code metadata/<key>}: {@code String}, {@code Integer}, {@code Long},
     *     {@code Float}, {@code Double}, {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]};
     *     arrays must not be empty; keys are letters, digits, {@code _ . -}, with {@code /} for sub-groups;
     *     {@code name} is reserved
     * @throws IllegalArgumentException naming a metadata key whose name or value cannot be stored
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(OfflineDataset dataset, Path file, Map<String, ?> metadata) {
        write(dataset, file, metadata, Map.of());
    }

    /**
     * Writes a dataset in D4RL layout with extra values under {@code metadata/} and extra per-row arrays, such as
     * D4RL's {@code infos/qpos} and {@code infos/qvel}.
     *
     * @param dataset the transitions
     * @param file the target file; its directory is created if needed; an existing file is replaced
     * @param metadata values stored as {@code metadata/<key>}, as for {@link #write(OfflineDataset, Path, Map)}
     * @param rowArrays float64 arrays of one row per transition, stored under their key (such as
     *     {@code infos/qpos}); keys are letters, digits, {@code _ . -} with {@code /} for sub-groups, must not be
     *     one of the transition arrays nor lie under {@code metadata/}; every row of one array has the same
     *     length, at least 1
     * @throws IllegalArgumentException naming a metadata key or array whose name or value cannot be stored
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(OfflineDataset dataset, Path file, Map<String, ?> metadata,
            Map<String, double[][]> rowArrays) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(rowArrays, "rowArrays");
        validate(metadata);
        validateArrays(rowArrays, dataset.size());
        Path target = file.toAbsolutePath();
        try {
            AtomicFile.writeTo(target, tmp -> {
                try {
                    writeHdf5(dataset, tmp, metadata, rowArrays);
                } catch (RuntimeException e) {
                    // jhdf wraps I/O failures (a full disk) in its own unchecked exceptions
                    throw new IOException(D4rlFile.withoutClassNames(innermostMessage(e)), e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dataset '" + dataset.name() + "': " + e.getMessage(), e);
        }
    }

    /** The message of the innermost I/O failure in a chain, else of the failure itself. */
    private static String innermostMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? "the HDF5 writer failed" : message;
    }

    private static void validate(Map<String, ?> metadata) {
        for (Map.Entry<String, ?> e : metadata.entrySet()) {
            String key = e.getKey();
            if (key == null || !METADATA_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("metadata key '" + key + "' is not allowed: use letters, digits,"
                        + " '_', '.', '-' and '/' between parts");
            }
            if (("metadata/" + key).equals(NAME_KEY) || key.startsWith("name/")) {
                throw new IllegalArgumentException("metadata key '" + key + "' is reserved for the dataset name");
            }
            Object v = e.getValue();
            if (!(v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Float
                    || v instanceof Double || v instanceof float[] || v instanceof double[] || v instanceof int[]
                    || v instanceof long[])) {
                throw new IllegalArgumentException("metadata '" + key + "' has a value of type "
                        + (v == null ? "null" : v.getClass().getSimpleName())
                        + "; allowed: String, Integer, Long, Float, Double, float[], double[], int[], long[]");
            }
            if (v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 0) {
                throw new IllegalArgumentException("metadata '" + key + "' is an empty array, which jhdf cannot write");
            }
            for (Map.Entry<String, ?> other : metadata.entrySet()) {
                if (other.getKey() != null && other.getKey().startsWith(key + "/")) {
                    throw new IllegalArgumentException("metadata key '" + key + "' is both a value and the group of '"
                            + other.getKey() + "'");
                }
            }
        }
    }

    private static void validateArrays(Map<String, double[][]> arrays, int rows) {
        java.util.Set<String> reserved = java.util.Set.of("observations", "actions", "rewards", "terminals",
                "timeouts", "next_observations", "metadata");
        for (Map.Entry<String, double[][]> e : arrays.entrySet()) {
            String key = e.getKey();
            if (key == null || !METADATA_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("array key '" + key + "' is not allowed: use letters, digits,"
                        + " '_', '.', '-' and '/' between parts");
            }
            if (reserved.contains(key.split("/")[0])) {
                throw new IllegalArgumentException("array key '" + key + "' collides with the D4RL arrays or"
                        + " metadata: reserved first parts " + new java.util.TreeSet<>(reserved));
            }
            double[][] v = e.getValue();
            if (v == null || v.length != rows) {
                throw new IllegalArgumentException("array '" + key + "' has " + (v == null ? "no" : v.length)
                        + " rows, expected one per transition: " + rows);
            }
            int width = rows == 0 ? 1 : v[0].length;
            for (int i = 0; i < v.length; i++) {
                if (v[i] == null || v[i].length != width || width < 1) {
                    throw new IllegalArgumentException("array '" + key + "' row " + i + " has length "
                            + (v[i] == null ? "null" : v[i].length) + ", expected " + width + " (at least 1)");
                }
            }
            for (String other : arrays.keySet()) {
                if (other != null && other.startsWith(key + "/")) {
                    throw new IllegalArgumentException("array key '" + key + "' is both an array and the group of '"
                            + other + "'");
                }
            }
        }
    }

    private static void writeHdf5(OfflineDataset ds, Path tmp, Map<String, ?> metadata,
            Map<String, double[][]> arrays) {
        int n = ds.size();
        try (WritableHdfFile out = HdfFile.write(tmp)) {
            out.putDataset("observations", rows(ds.observations(), n, ds.observationDim()),
                    chunked(n, ds.observationDim()));
            out.putDataset("actions", rows(ds.actions(), n, ds.actionDim()), chunked(n, ds.actionDim()));
            out.putDataset("rewards", ds.rewards(), chunked(n, 0));
            out.putDataset("terminals", int8(ds.terminals()), chunked(n, 0));
            out.putDataset("timeouts", int8(ds.timeouts()), chunked(n, 0));
            out.putDataset("next_observations", rows(ds.nextObservations(), n, ds.observationDim()),
                    chunked(n, ds.observationDim()));
            Map<String, WritableGroup> arrayGroups = new HashMap<>();
            for (Map.Entry<String, double[][]> e : new java.util.TreeMap<>(arrays).entrySet()) {
                String[] parts = e.getKey().split("/");
                WritableGroup g = null;
                String path = "";
                for (int i = 0; i < parts.length - 1; i++) {
                    path = path + "/" + parts[i];
                    WritableGroup parent = g;
                    String part = parts[i];
                    g = arrayGroups.computeIfAbsent(path, p -> parent == null ? out.putGroup(part)
                            : parent.putGroup(part));
                }
                double[][] v = e.getValue();
                DatasetCreationOptions options = chunked(n, v.length == 0 ? 1 : v[0].length);
                if (g == null) {
                    out.putDataset(parts[0], v, options);
                } else {
                    g.putDataset(parts[parts.length - 1], v, options);
                }
            }
            WritableGroup meta = out.putGroup("metadata");
            meta.putDataset("name", ds.name());
            Map<String, WritableGroup> groups = new HashMap<>();
            for (Map.Entry<String, ?> e : new java.util.TreeMap<>(metadata).entrySet()) {
                String[] parts = e.getKey().split("/");
                WritableGroup g = meta;
                String path = "";
                for (int i = 0; i < parts.length - 1; i++) {
                    path = path + "/" + parts[i];
                    WritableGroup parent = g;
                    String part = parts[i];
                    g = groups.computeIfAbsent(path, p -> parent.putGroup(part));
                }
                g.putDataset(parts[parts.length - 1], e.getValue());
            }
        }
    }

    private static DatasetCreationOptions chunked(int rows, int columns) {
        int width = Math.max(1, columns);
        int chunkRows = Math.max(1, Math.min(rows, CHUNK_BYTES / (4 * width)));
        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().deflate(GZIP_LEVEL);
        return (columns == 0 ? b.chunkDimensions(chunkRows) : b.chunkDimensions(chunkRows, columns)).build();
    }

    private static float[][] rows(float[] flat, int n, int dim) {
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * dim, out[i], 0, dim);
        }
        return out;
    }

    private static byte[] int8(boolean[] flags) {
        byte[] out = new byte[flags.length];
        for (int i = 0; i < flags.length; i++) {
            out[i] = (byte) (flags[i] ? 1 : 0);
        }
        return out;
    }
}
