package io.github.edp4j.examples.cli;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import io.github.edp4j.d4rl.D4rlDomain;
import io.github.edp4j.d4rl.D4rlScores;
import io.github.edp4j.d4rl.EpisodeStatistics;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.d4rl.tasks.ReferenceScores;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset a command works on, loaded from a built-in task or a D4RL HDF5 file, with what the CLI reports about
 * it: its D4RL domain, where it came from, the file's rows and episodes, and the reference returns of its
 * normalized score when there are any. Immutable.
 */
public final class SelectedDataset {

    private final OfflineDataset dataset;
    private final D4rlDomain domain;
    private final String origin;
    private final Path file;
    private final int rows;
    private final boolean nextObservationsStored;
    private final EpisodeStatistics episodes;
    private final ScoreReference scoreReference;

    private SelectedDataset(OfflineDataset dataset, D4rlDomain domain, String origin, Path file, int rows,
            boolean nextObservationsStored, EpisodeStatistics episodes, ScoreReference scoreReference) {
        this.dataset = dataset;
        this.domain = domain;
        this.origin = origin;
        this.file = file;
        this.rows = rows;
        this.nextObservationsStored = nextObservationsStored;
        this.episodes = episodes;
        this.scoreReference = scoreReference;
    }

    /**
     * Loads a built-in dataset from the cache in {@link BuiltinTasks#cacheDirectory()}, generating it there first
     * if needed.
     *
     * @param name a name of {@link BuiltinTasks#datasetNames()}, such as {@code pendulum-medium}
     * @return the dataset, scored against its task's random policy and scripted expert
     * @throws IllegalArgumentException listing the built-in datasets if the name is not one of them
     */
    public static SelectedDataset builtin(String name) {
        OfflineDataset ds = BuiltinTasks.dataset(name);
        String task = BuiltinTasks.taskOf(name);
        return new SelectedDataset(ds, D4rlDomain.of(name),
                "built-in dataset of task " + task + " (cache " + BuiltinTasks.cacheDirectory() + ")", null,
                ds.size(), true, EpisodeStatistics.of(ds), builtinReference(name).orElseThrow());
    }

    /**
     * Loads a D4RL-layout HDF5 file ({@link D4rl#load(Path, String)}).
     *
     * @param file the HDF5 file
     * @param name the D4RL dataset name that selects the domain and the reference scores; {@code null} to take it
     *     from the file name, or from the name stored in the file
     * @return the dataset; episodes are those of the file's rows with their stored rewards
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     * @throws io.github.edp4j.d4rl.D4rlFormatException if the file is not a readable D4RL dataset
     */
    public static SelectedDataset file(Path file, String name) {
        Objects.requireNonNull(file, "file");
        D4rlDataset d = D4rl.load(file, name);
        return new SelectedDataset(d.dataset(), d.domain(), "D4RL file " + d.source().toAbsolutePath(),
                d.source(), d.rawRows(), d.hasNextObservations(), d.rawEpisodes(), reference(d.name()).orElse(null));
    }

    /**
     * The reference returns that apply to a dataset name: those of the built-in task for a built-in dataset name,
     * D4RL's for a D4RL name.
     *
     * @param datasetName a built-in or D4RL dataset name
     * @return the references, empty if neither knows the name
     */
    public static Optional<ScoreReference> reference(String datasetName) {
        Optional<ScoreReference> builtin = builtinReference(datasetName);
        if (builtin.isPresent()) {
            return builtin;
        }
        try {
            D4rlScores.Reference r = D4rlScores.reference(datasetName);
            return Optional.of(new ScoreReference(r.min(), r.max(), "D4RL " + r.prefix()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<ScoreReference> builtinReference(String name) {
        if (!BuiltinTasks.datasetNames().contains(name)) {
            return Optional.empty();
        }
        ReferenceScores r = BuiltinTasks.referenceScores(name);
        return Optional.of(new ScoreReference(r.min(), r.max(), "built-in task " + BuiltinTasks.taskOf(name)));
    }

    /** @return the q-learning transitions, with the rewards as stored (not preprocessed) */
    public OfflineDataset dataset() {
        return dataset;
    }

    /** @return the dataset's name */
    public String name() {
        return dataset.name();
    }

    /** @return the D4RL domain that selects reward preprocessing, {@link D4rlDomain#UNKNOWN} for none */
    public D4rlDomain domain() {
        return domain;
    }

    /** @return where the dataset came from, for a person */
    public String origin() {
        return origin;
    }

    /** @return the HDF5 file it was read from, empty for a built-in dataset */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** @return the rows of the file (transitions may be fewer); the transitions for a built-in dataset */
    public int rows() {
        return rows;
    }

    /** @return whether next observations were stored, rather than taken from the following row */
    public boolean nextObservationsStored() {
        return nextObservationsStored;
    }

    /** @return statistics of the undiscounted episode returns, over the file's rows for a D4RL file */
    public EpisodeStatistics episodes() {
        return episodes;
    }

    /** @return the reference returns of the normalized score, empty when none is known for this name */
    public Optional<ScoreReference> scoreReference() {
        return Optional.ofNullable(scoreReference);
    }
}
