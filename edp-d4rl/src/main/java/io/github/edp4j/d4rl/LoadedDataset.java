package io.github.edp4j.d4rl;

import io.github.edp4j.core.data.OfflineDataset;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset read by {@link Datasets}: its q-learning transitions as an {@link OfflineDataset} (episode boundaries in
 * its terminal and timeout flags: terminal for a true end, timeout for a truncation), the format it was read as, the
 * D4RL domain its name selects, the file's raw rows and episodes, the reference returns of its normalized score when
 * known, the format's metadata, and a few lines saying how the file was interpreted. Immutable.
 */
public final class LoadedDataset {

    private final OfflineDataset dataset;
    private final DatasetFormat format;
    private final Path source;
    private final D4rlDomain domain;
    private final int rawRows;
    private final EpisodeStatistics rawEpisodes;
    private final boolean nextObservationsStored;
    private final ReferenceReturns reference;
    private final List<String> interpretation;
    private final Map<String, String> metadata;

    LoadedDataset(OfflineDataset dataset, DatasetFormat format, Path source, D4rlDomain domain, int rawRows,
            EpisodeStatistics rawEpisodes, boolean nextObservationsStored, ReferenceReturns reference,
            List<String> interpretation, Map<String, String> metadata) {
        this.dataset = dataset;
        this.format = format;
        this.source = source;
        this.domain = domain;
        this.rawRows = rawRows;
        this.rawEpisodes = rawEpisodes;
        this.nextObservationsStored = nextObservationsStored;
        this.reference = reference;
        this.interpretation = List.copyOf(interpretation);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** @return the q-learning transitions (rewards as stored, not preprocessed) */
    public OfflineDataset dataset() {
        return dataset;
    }

    /** @return the dataset's name ({@code dataset().name()}) */
    public String name() {
        return dataset.name();
    }

    /** @return the format the input was read as */
    public DatasetFormat format() {
        return format;
    }

    /** @return the file or directory read */
    public Path source() {
        return source;
    }

    /** @return the D4RL domain the name selects (reward preprocessing), {@link D4rlDomain#UNKNOWN} for none */
    public D4rlDomain domain() {
        return domain;
    }

    /** @return the rows (steps) the input holds; transitions may be fewer */
    public int rawRows() {
        return rawRows;
    }

    /** @return statistics of the input's episodes with its stored (or computed) rewards */
    public EpisodeStatistics rawEpisodes() {
        return rawEpisodes;
    }

    /** @return whether next observations were stored rather than taken from the following row */
    public boolean nextObservationsStored() {
        return nextObservationsStored;
    }

    /** @return the reference returns of the normalized score, empty when none are known */
    public Optional<ReferenceReturns> reference() {
        return Optional.ofNullable(reference);
    }

    /** @return how the input was interpreted, one sentence per line, for a person */
    public List<String> interpretation() {
        return interpretation;
    }

    /** @return the format's metadata as text (Minari's {@code metadata.json} fields, for example), read-only */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** @return this dataset with other reference returns (or none) */
    LoadedDataset withReference(ReferenceReturns r) {
        return new LoadedDataset(dataset, format, source, domain, rawRows, rawEpisodes, nextObservationsStored, r,
                interpretation, metadata);
    }

    @Override
    public String toString() {
        return "LoadedDataset{name=" + name() + ", format=" + format + ", source=" + source + ", rawRows=" + rawRows
                + ", transitions=" + dataset.size() + ", observationDim=" + dataset.observationDim() + ", actionDim="
                + dataset.actionDim() + ", episodes=" + rawEpisodes.episodes() + "}";
    }
}
