package io.github.edp4j.examples.cli;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import io.github.edp4j.d4rl.D4rlDomain;
import io.github.edp4j.d4rl.D4rlScores;
import io.github.edp4j.d4rl.DatasetOptions;
import io.github.edp4j.d4rl.Datasets;
import io.github.edp4j.d4rl.EpisodeStatistics;
import io.github.edp4j.d4rl.LoadedDataset;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.d4rl.tasks.ReferenceScores;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset a command works on, loaded from a built-in task or from a file read by {@link Datasets} (D4RL HDF5,
 * Minari, OGBench, NumPy, CSV), with what the CLI reports about it: its D4RL domain, where it came from and how it was
 * interpreted, the file's rows and episodes, and the reference returns of its normalized score when there are any.
 * Immutable.
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
    private final LoadedDataset loaded;

    private SelectedDataset(OfflineDataset dataset, D4rlDomain domain, String origin, Path file, int rows,
            boolean nextObservationsStored, EpisodeStatistics episodes, ScoreReference scoreReference,
            LoadedDataset loaded) {
        this.dataset = dataset;
        this.domain = domain;
        this.origin = origin;
        this.file = file;
        this.rows = rows;
        this.nextObservationsStored = nextObservationsStored;
        this.episodes = episodes;
        this.scoreReference = scoreReference;
        this.loaded = loaded;
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
                ds.size(), true, EpisodeStatistics.of(ds), builtinReference(name).orElseThrow(), null);
    }

    /**
     * Loads a D4RL-layout HDF5 file, or any other format {@link Datasets} recognises.
     *
     * @param file the file
     * @param name the dataset name that selects the domain and the reference scores; {@code null} to take it from the
     *     file
     * @return the dataset; episodes are those of the file's rows with their stored rewards
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     * @throws io.github.edp4j.d4rl.D4rlFormatException if the file is not a readable dataset
     */
    public static SelectedDataset file(Path file, String name) {
        Objects.requireNonNull(file, "file");
        return load(file.toString(), DatasetOptions.builder().name(name).build());
    }

    /**
     * Loads a file, directory or Minari dataset id with {@link Datasets#load(String, DatasetOptions)}.
     *
     * @param pathOrMinariId the input
     * @param options how to read it
     * @return the dataset, with the format's reference returns (or D4RL's for a D4RL name)
     * @throws java.io.UncheckedIOException if the path does not exist or cannot be read
     * @throws io.github.edp4j.d4rl.D4rlFormatException if it is not a readable dataset
     */
    public static SelectedDataset load(String pathOrMinariId, DatasetOptions options) {
        LoadedDataset d = Datasets.load(pathOrMinariId, options);
        // the given or the format's references, else those of a built-in task or D4RL name
        ScoreReference ref = d.reference().map(r -> new ScoreReference(r.min(), r.max(), r.source()))
                .or(() -> reference(d.name())).orElse(null);
        return new SelectedDataset(d.dataset(), d.domain(), d.format().description() + " "
                + d.source().toAbsolutePath(), d.source(), d.rawRows(), d.nextObservationsStored(), d.rawEpisodes(),
                ref, d);
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

    /** @return the file or directory it was read from, empty for a built-in dataset */
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

    /** @return how the file was read (its format, interpretation and metadata); empty for a built-in dataset */
    public Optional<LoadedDataset> loaded() {
        return Optional.ofNullable(loaded);
    }

    /** @return how the file was interpreted, one sentence per line; empty for a built-in dataset */
    public List<String> interpretation() {
        return loaded == null ? List.of() : loaded.interpretation();
    }

    /** @return the reference returns of the normalized score, empty when none is known for this name */
    public Optional<ScoreReference> scoreReference() {
        return Optional.ofNullable(scoreReference);
    }
}
