package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rlWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a {@link DatasetCollector} run: the transitions, the simulator state before every step when the
 * environment exposes one (D4RL's {@code infos/qpos} and {@code infos/qvel}), the returns of the episodes that
 * finished, and metadata describing how it was collected. {@link #write(Path)} stores it as a D4RL-layout HDF5
 * file. Immutable.
 */
public final class CollectedDataset {

    private final OfflineDataset dataset;
    private final double[][] qpos;
    private final double[][] qvel;
    private final double[] episodeReturns;
    private final Map<String, Object> metadata;

    CollectedDataset(OfflineDataset dataset, double[][] qpos, double[][] qvel, double[] episodeReturns,
            Map<String, Object> metadata) {
        this.dataset = dataset;
        this.qpos = qpos;
        this.qvel = qvel;
        this.episodeReturns = episodeReturns.clone();
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The union of two collections of the same environment: the rows of {@code first}, then those of
     * {@code second} (as D4RL's medium-expert datasets), with both metadata sets under {@code first/} and
     * {@code second/}.
     *
     * @param name the union's name
     * @param first the first rows
     * @param second the following rows
     * @return the union
     */
    static CollectedDataset concat(String name, CollectedDataset first, CollectedDataset second) {
        OfflineDataset a = first.dataset;
        OfflineDataset b = second.dataset;
        OfflineDataset ds = OfflineDataset.builder().name(name)
                .observations(join(a.observations(), b.observations()), a.observationDim())
                .actions(join(a.actions(), b.actions()), a.actionDim())
                .rewards(join(a.rewards(), b.rewards()))
                .nextObservations(join(a.nextObservations(), b.nextObservations()), a.observationDim())
                .terminals(join(a.terminals(), b.terminals()))
                .timeouts(join(a.timeouts(), b.timeouts()))
                .build();
        double[] returns = new double[first.episodeReturns.length + second.episodeReturns.length];
        System.arraycopy(first.episodeReturns, 0, returns, 0, first.episodeReturns.length);
        System.arraycopy(second.episodeReturns, 0, returns, first.episodeReturns.length,
                second.episodeReturns.length);
        Map<String, Object> meta = new LinkedHashMap<>();
        first.metadata.forEach((k, v) -> meta.put("first/" + k, v));
        second.metadata.forEach((k, v) -> meta.put("second/" + k, v));
        boolean physics = first.qpos != null && second.qpos != null;
        return new CollectedDataset(ds, physics ? join(first.qpos, second.qpos) : null,
                physics ? join(first.qvel, second.qvel) : null, returns, meta);
    }

    private static float[] join(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean[] join(boolean[] a, boolean[] b) {
        boolean[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[][] join(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** @return the transitions */
    public OfflineDataset dataset() {
        return dataset;
    }

    /** @return whether {@code infos/qpos} and {@code infos/qvel} were recorded */
    public boolean hasPhysicsState() {
        return qpos != null;
    }

    /** @return the undiscounted returns of the episodes that ended (a last, cut-off episode is not included) */
    public double[] episodeReturns() {
        return episodeReturns.clone();
    }

    /** @return the mean of {@link #episodeReturns()}, empty if no episode ended */
    public Optional<Double> meanEpisodeReturn() {
        if (episodeReturns.length == 0) {
            return Optional.empty();
        }
        double s = 0;
        for (double r : episodeReturns) {
            s += r;
        }
        return Optional.of(s / episodeReturns.length);
    }

    /** @return the metadata written under {@code metadata/}: behaviour, seed, steps, environment */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** @return the per-row arrays written besides the transitions ({@code infos/qpos}, {@code infos/qvel}) */
    Map<String, double[][]> rowArrays() {
        if (qpos == null) {
            return Map.of();
        }
        return Map.of("infos/qpos", qpos, "infos/qvel", qvel);
    }

    /**
     * Writes the dataset as a D4RL-layout HDF5 file ({@link D4rlWriter}) with {@code infos/qpos},
     * {@code infos/qvel} (when recorded) and the metadata.
     *
     * @param file the target; replaced atomically if it exists
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void write(Path file) {
        write(file, Map.of());
    }

    void write(Path file, Map<String, ?> extraMetadata) {
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        meta.putAll(extraMetadata);
        D4rlWriter.write(dataset, file, meta, rowArrays());
    }
}
