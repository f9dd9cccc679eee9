package io.github.edp4j.d4rl;

import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.data.OfflineDataset;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A D4RL file loaded by {@link D4rl#load(Path)}: its q-learning transitions as an {@link OfflineDataset},
 * with the dataset's identity (name and {@link D4rlDomain}), statistics of the file's raw episodes, and
 * the optional {@code infos/} and {@code metadata/} arrays. Immutable.
 *
 * <p>Typical use: {@code RewardPreprocessing.defaultFor(d.domain(), iql).apply(d.dataset())} for the
 * EDP paper's rewards, {@link #observationNormalizer()} for the observation statistics a policy applies at
 * act time, and {@link #normalizedScore(double)} to report evaluation returns on D4RL's 0-100 scale.
 *
 * <p><b>Thread safety.</b> Immutable and held in Java memory only: safe to share between threads, nothing to
 * close. {@link D4rlExtra#read()} opens the file again on each call (read-only), so concurrent reads are safe too.
 */
public final class D4rlDataset {

    private final OfflineDataset dataset;
    private final D4rlDomain domain;
    private final boolean standardName;
    private final Path source;
    private final int rawRows;
    private final EpisodeStatistics rawEpisodes;
    private final boolean hasNextObservations;
    private final int[] sourceRows;
    private final Map<String, D4rlExtra> extras;

    D4rlDataset(OfflineDataset dataset, D4rlDomain domain, boolean standardName, Path source, int rawRows,
            EpisodeStatistics rawEpisodes, boolean hasNextObservations, int[] sourceRows, List<D4rlExtra> extras) {
        this.dataset = dataset;
        this.domain = domain;
        this.standardName = standardName;
        this.source = source;
        this.rawRows = rawRows;
        this.rawEpisodes = rawEpisodes;
        this.hasNextObservations = hasNextObservations;
        this.sourceRows = sourceRows;
        Map<String, D4rlExtra> m = new LinkedHashMap<>();
        for (D4rlExtra e : extras) {
            m.put(e.key(), e);
        }
        this.extras = Collections.unmodifiableMap(m);
    }

    /** @return the q-learning transitions (rewards as stored in the file, not preprocessed) */
    public OfflineDataset dataset() {
        return dataset;
    }

    /** @return the dataset name, such as {@code hopper-medium-v2} (also {@code dataset().name()}) */
    public String name() {
        return dataset.name();
    }

    /** @return the D4RL domain, {@link D4rlDomain#UNKNOWN} for a name of no D4RL environment */
    public D4rlDomain domain() {
        return domain;
    }

    /** @return whether the name is a standard D4RL dataset name, such as {@code antmaze-umaze-diverse-v2} */
    public boolean standardName() {
        return standardName;
    }

    /** @return the file the dataset was read from */
    public Path source() {
        return source;
    }

    /** @return the number of rows in the file (transitions may be fewer, see {@link D4rl}) */
    public int rawRows() {
        return rawRows;
    }

    /** @return the number of q-learning transitions, {@code dataset().size()} */
    public int transitions() {
        return dataset.size();
    }

    /** @return episode statistics of the file's rows with its stored rewards */
    public EpisodeStatistics rawEpisodes() {
        return rawEpisodes;
    }

    /** @return whether the file stores {@code next_observations} */
    public boolean hasNextObservations() {
        return hasNextObservations;
    }

    /** @return for each transition, a copy of the index of the file row it was built from */
    public int[] sourceRows() {
        return sourceRows.clone();
    }

    /**
     * @return the file's {@code infos/*} and {@code metadata/*} datasets by key (such as {@code infos/qpos}),
     *     read-only, sorted by key, empty when the file has none
     */
    public Map<String, D4rlExtra> extras() {
        return extras;
    }

    /**
     * @return per-dimension observation mean and standard deviation of the transitions, with
     *     {@link ObservationNormalizer#DEFAULT_EPSILON}
     */
    public ObservationNormalizer observationNormalizer() {
        return ObservationNormalizer.fit(dataset, ObservationNormalizer.DEFAULT_EPSILON);
    }

    /**
     * @param epsilon positive constant added to the standard deviation
     * @return per-dimension observation mean and standard deviation of the transitions
     */
    public ObservationNormalizer observationNormalizer(double epsilon) {
        return ObservationNormalizer.fit(dataset, epsilon);
    }

    /**
     * @param undiscountedReturn an episode return in the environment's own reward units
     * @return D4RL's normalized score, see {@link D4rlScores#normalized(String, double)}
     * @throws IllegalArgumentException if D4RL has no reference scores for this name
     */
    public double normalizedScore(double undiscountedReturn) {
        return D4rlScores.normalized(name(), undiscountedReturn);
    }

    @Override
    public String toString() {
        return "D4rlDataset{name=" + name() + ", domain=" + domain + ", source=" + source + ", rawRows=" + rawRows
                + ", transitions=" + dataset.size() + ", observationDim=" + dataset.observationDim()
                + ", actionDim=" + dataset.actionDim() + ", episodes=" + rawEpisodes.episodes() + "}";
    }
}
