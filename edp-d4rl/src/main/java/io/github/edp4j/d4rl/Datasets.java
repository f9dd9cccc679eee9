package io.github.edp4j.d4rl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry point for every dataset format EDP4J reads: it recognises what a path is and returns its q-learning
 * transitions with the format's metadata ({@link LoadedDataset}).
 *
 * <p>Recognised, in this order (a format given in {@link DatasetOptions#format()} skips the recognition):
 * <ul>
 *   <li>a Minari dataset directory ({@code <id>/data/main_data.hdf5}, or the {@code data} directory itself), or a
 *       Minari {@code main_data.hdf5} (an HDF5 file whose root holds {@code episode_<i>} groups): {@link
 *       DatasetFormat#MINARI};</li>
 *   <li>any other HDF5 file: D4RL layout, read by {@link D4rl};</li>
 *   <li>a ZIP archive ({@code .npz}): OGBench or D4RL array names, as described in {@link DatasetFormat};</li>
 *   <li>a directory holding {@code observations.npy}: one {@code .npy} per array, with D4RL's names;</li>
 *   <li>a file ending in {@code .csv}: {@link CsvColumns};</li>
 *   <li>a path that does not exist but reads as a Minari dataset id, such as {@code mujoco/hopper/expert-v0}: the
 *       dataset directory under {@link DatasetOptions#minariRoot()}, else {@code $MINARI_DATASETS_PATH}, else
 *       {@code ~/.minari/datasets}.</li>
 * </ul>
 *
 * <p>Reference returns: those of the options, else the format's own (Minari's {@code ref_min_score} and
 * {@code ref_max_score}; {@code metadata/ref_min_score} and {@code metadata/ref_max_score} of a file written by
 * {@link #writeD4rl}), else D4RL's table for a D4RL name ({@link D4rlScores}). Bad input fails with a
 * {@link D4rlFormatException} naming the file and the field, or an {@link UncheckedIOException} for a missing or
 * unreadable path.
 */
public final class Datasets {

    private static final Pattern MINARI_ID = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Datasets() {}

    /**
     * Loads a dataset with {@link DatasetOptions#defaults()}.
     *
     * @param path a file or directory
     * @return the dataset
     */
    public static LoadedDataset load(Path path) {
        return load(path.toString(), DatasetOptions.defaults());
    }

    /**
     * Loads a dataset from a path or a Minari dataset id.
     *
     * @param pathOrMinariId a file, a directory, or a Minari dataset id
     * @param options how to read it
     * @return the dataset
     * @throws D4rlFormatException if the input cannot be read as a dataset (the message names file and field)
     * @throws UncheckedIOException if nothing exists at the path, or it cannot be read
     */
    public static LoadedDataset load(String pathOrMinariId, DatasetOptions options) {
        Objects.requireNonNull(pathOrMinariId, "pathOrMinariId");
        Objects.requireNonNull(options, "options");
        Path p = Path.of(pathOrMinariId);
        if (!Files.exists(p)) {
            if (options.format().map(f -> f == DatasetFormat.MINARI).orElse(true)
                    && MINARI_ID.matcher(pathOrMinariId).matches() && !hasFileExtension(pathOrMinariId)) {
                Path root = minariRoot(options);
                Path dir = root.resolve(pathOrMinariId);
                if (Files.isDirectory(dir)) {
                    return withReference(minariDirectory(dir, options), options);
                }
                throw new UncheckedIOException(pathOrMinariId + ": no such file, and no Minari dataset of that id"
                        + " under " + root, new NoSuchFileException(pathOrMinariId));
            }
            throw new UncheckedIOException(p + ": no such file", new NoSuchFileException(p.toString()));
        }
        try {
            return withReference(recognise(p, options), options);
        } catch (D4rlFormatException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new D4rlFormatException(p, "cannot be read: " + D4rlFile.plain(e), e);
        }
    }

    /**
     * @param options the options
     * @return where Minari dataset ids are resolved: the options' root, else {@code $MINARI_DATASETS_PATH}, else
     *     {@code ~/.minari/datasets}
     */
    public static Path minariRoot(DatasetOptions options) {
        if (options.minariRoot().isPresent()) {
            return options.minariRoot().get();
        }
        String env = System.getenv("MINARI_DATASETS_PATH");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".minari", "datasets");
    }

    /**
     * Writes a loaded dataset in D4RL layout with {@link D4rlWriter}, keeping its name, source format and reference
     * returns under {@code metadata/}, so that {@link D4rl#load}, {@link #load} and h5py read it back.
     *
     * @param d the dataset
     * @param file the HDF5 file to write (atomically; replaced if it exists)
     */
    public static void writeD4rl(LoadedDataset d, Path file) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source_format", d.format().description());
        meta.put("source", d.source().toAbsolutePath().toString());
        d.reference().ifPresent(r -> {
            meta.put("ref_min_score", r.min());
            meta.put("ref_max_score", r.max());
        });
        D4rlWriter.write(d.dataset(), file, meta);
    }

    private static boolean hasFileExtension(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".hdf5", ".h5", ".hdf", ".npz", ".npy", ".csv"}) {
            if (lower.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }

    private static LoadedDataset recognise(Path p, DatasetOptions options) {
        List<String> notes = new ArrayList<>();
        DatasetFormat forced = options.format().orElse(null);
        if (Files.isDirectory(p)) {
            if (forced == DatasetFormat.NPY_DIRECTORY || (forced == null && Files.exists(p.resolve("observations.npy"))
                    && !isMinariDirectory(p))) {
                try (NumpyDatasets.Source s = NumpyDatasets.directory(p)) {
                    return NumpyDatasets.d4rlNames(s, options.name().orElse(p.getFileName().toString()),
                            DatasetFormat.NPY_DIRECTORY, options, notes);
                }
            }
            if (forced == null || forced == DatasetFormat.MINARI) {
                return minariDirectory(p, options);
            }
            throw new D4rlFormatException(p, "is a directory, which cannot be read as " + forced.description());
        }
        DatasetFormat format = forced != null ? forced : detect(p);
        String lowerName = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return switch (format) {
            case MINARI -> MinariDatasets.load(p, options, notes);
            case D4RL_HDF5 -> d4rl(p, options);
            case OGBENCH_NPZ, NPZ -> {
                try (NumpyDatasets.Source s = NumpyDatasets.npz(p)) {
                    String name = options.name().orElse(stem(p.getFileName().toString()));
                    boolean og = forced == DatasetFormat.OGBENCH_NPZ
                            || (forced == null && NumpyDatasets.looksLikeOgBench(s));
                    yield og ? NumpyDatasets.ogbench(s, name, options, notes)
                            : NumpyDatasets.d4rlNames(s, name, DatasetFormat.NPZ, options, notes);
                }
            }
            case NPY_DIRECTORY -> throw new D4rlFormatException(p, "is a file; a directory of .npy files was asked for");
            case CSV -> CsvDatasets.load(p, options, notes);
            default -> throw new IllegalStateException("unhandled format " + format + " for " + lowerName);
        };
    }

    private static boolean isMinariDirectory(Path p) {
        return Files.exists(p.resolve("data").resolve(MinariDatasets.MAIN))
                || Files.exists(p.resolve("data").resolve(MinariDatasets.METADATA))
                || Files.exists(p.resolve(MinariDatasets.MAIN));
    }

    private static LoadedDataset minariDirectory(Path dir, DatasetOptions options) {
        Path data = Files.isDirectory(dir.resolve("data")) ? dir.resolve("data") : dir;
        Path main = data.resolve(MinariDatasets.MAIN);
        MinariDatasets.jsonMetadata(data); // refuses the Arrow storage before looking for HDF5
        if (!Files.exists(main)) {
            throw new D4rlFormatException(dir, "is a directory but not a Minari dataset with data: no data/"
                    + MinariDatasets.MAIN
                    + (Files.exists(data.resolve(MinariDatasets.METADATA)) ? " (only data/" + MinariDatasets.METADATA
                    + ")" : "") + "; a directory of .npy arrays would hold observations.npy");
        }
        return MinariDatasets.load(main, options, new ArrayList<>());
    }

    /** Recognises a file by its first bytes, then by its extension. */
    private static DatasetFormat detect(Path p) {
        byte[] head = new byte[8];
        int got;
        try (InputStream in = Files.newInputStream(p)) {
            got = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            throw NpzFile.io(p, e);
        }
        String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (got == 8 && java.util.Arrays.equals(head, HDF5)) {
            return isMinariFile(p) ? DatasetFormat.MINARI : DatasetFormat.D4RL_HDF5;
        }
        if (got >= 4 && head[0] == 'P' && head[1] == 'K') {
            return DatasetFormat.NPZ;
        }
        if (got >= 6 && head[0] == (byte) 0x93 && head[1] == 'N' && head[2] == 'U' && head[3] == 'M') {
            throw new D4rlFormatException(p, "holds a single NumPy array; a dataset needs several: save them in one"
                    + " .npz (np.savez) or put observations.npy, actions.npy, rewards.npy, ... in one directory");
        }
        if (lower.endsWith(".npz")) {
            return DatasetFormat.NPZ;
        }
        if (lower.endsWith(".csv")) {
            return DatasetFormat.CSV;
        }
        if (lower.endsWith(".hdf5") || lower.endsWith(".h5") || lower.endsWith(".hdf")) {
            return DatasetFormat.D4RL_HDF5; // the HDF5 reader explains what is wrong with it
        }
        throw new D4rlFormatException(p, "not an HDF5 file, nor a .npz (ZIP) archive, a .npy array or a file named"
                + " .csv: unrecognised format (formats read: D4RL HDF5, Minari, OGBench .npz, .npz, .npy directory,"
                + " CSV)");
    }

    private static boolean isMinariFile(Path p) {
        if (p.getFileName().toString().equals(MinariDatasets.MAIN)) {
            return true;
        }
        try (D4rlFile f = D4rlFile.open(p)) {
            List<String> keys = f.rootKeys();
            return !keys.contains("observations")
                    && keys.stream().anyMatch(k -> MinariDatasets.episodeMatcher(k).matches());
        }
    }

    private static LoadedDataset d4rl(Path p, DatasetOptions options) {
        D4rlDataset d = D4rl.load(p, options.name().orElse(null));
        List<String> notes = new ArrayList<>();
        notes.add("D4RL layout: " + d.rawRows() + " rows" + (d.hasNextObservations()
                ? ", next_observations stored, every row kept"
                : ", next observation = the following row (timeout rows and the last row dropped)"));
        Map<String, String> meta = new LinkedHashMap<>();
        ReferenceReturns stored = null;
        D4rlExtra min = d.extras().get("metadata/ref_min_score");
        D4rlExtra max = d.extras().get("metadata/ref_max_score");
        if (min != null && max != null && min.size() == 1 && max.size() == 1) {
            try {
                stored = new ReferenceReturns(min.readAsDoubles()[0], max.readAsDoubles()[0],
                        "metadata/ref_min_score and ref_max_score");
            } catch (IllegalArgumentException e) {
                throw new D4rlFormatException(p, "'metadata/ref_min_score' and 'metadata/ref_max_score' are not"
                        + " finite numbers with min < max", e);
            }
        }
        for (D4rlExtra e : d.extras().values()) {
            if (e.shape().length == 0) {
                meta.put(e.key(), MinariDatasets.text(e.read()));
            }
        }
        ReferenceReturns ref = options.reference().orElse(stored);
        if (ref == null) {
            ref = d4rlReference(d.name());
        }
        return new LoadedDataset(d.dataset(), DatasetFormat.D4RL_HDF5, p, d.domain(), d.rawRows(), d.rawEpisodes(),
                d.hasNextObservations(), ref, notes, meta);
    }

    private static LoadedDataset withReference(LoadedDataset d, DatasetOptions options) {
        if (options.reference().isPresent()) {
            return d.withReference(options.reference().get());
        }
        if (d.reference().isEmpty() && d.domain() != D4rlDomain.UNKNOWN) {
            return d.withReference(d4rlReference(d.name()));
        }
        return d;
    }

    /** D4RL's reference returns for a name, or {@code null}. */
    static ReferenceReturns d4rlReference(String name) {
        try {
            D4rlScores.Reference r = D4rlScores.reference(name);
            return new ReferenceReturns(r.min(), r.max(), "D4RL " + r.prefix());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static D4rlDomain domainOf(String name) {
        return DatasetNames.identify(name).domain();
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
