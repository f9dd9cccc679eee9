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
