package io.github.edp4j.d4rl;

import io.github.edp4j.core.data.OfflineDataset;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads D4RL HDF5 files (Fu et al. 2020, arXiv 2004.07219) as written by h5py, into q-learning transitions.
 *
 * <p>Layout: {@code observations (N, obs_dim)}, {@code actions (N, act_dim)}, {@code rewards (N,)} or
 * {@code (N, 1)}, {@code terminals} and {@code timeouts} ({@code (N,)} or {@code (N, 1)}), optionally
 * {@code next_observations (N, obs_dim)} and the groups {@code infos/} and {@code metadata/}. Numbers may be
 * float32, float64 (rounded to float) or integers; flags may be h5py's enum booleans, bitfields or integers;
 * datasets may be contiguous or chunked and gzip-compressed. {@code observations}, {@code actions},
 * {@code rewards} and {@code terminals} are required; without {@code timeouts} episodes end only at
 * terminals (a warning is logged).
 *
 * <p>Transitions follow D4RL's {@code qlearning_dataset}: the next observation is the following row unless
 * the file stores {@code next_observations}; without them a row flagged {@code timeouts} (a truncation, whose
 * following row starts another episode) and the last row are dropped; {@code done = terminals}. The
 * {@link OfflineDataset}'s timeout flag marks the last transition of each truncated episode, so episode
 * boundaries are kept. With {@code next_observations} every row is a transition with the file's flags.
 * Episodes end at a terminal or a timeout; the two need not coincide (Adroit marks demo ends as terminals and
 * the step limit as timeouts).
 *
 * <p>The name (explicit, or the file name such as {@code hopper_medium-v2.hdf5}) selects the
 * {@link D4rlDomain}; a name of no D4RL environment loads as {@link D4rlDomain#UNKNOWN}, with a warning when the
 * name came from the file rather than from the caller.
 * Bad input fails with a {@link D4rlFormatException} that names the file and what is wrong: not HDF5,
 * truncated or corrupt, a required key missing (with the keys present), arrays of different lengths (with
 * every length), a non-finite value (key, row and column), zero rows. The file is opened read-only.
 */
public final class D4rl {

    /** Keys every D4RL file must have. */
    public static final List<String> REQUIRED_KEYS = List.of("observations", "actions", "rewards", "terminals");

    private static final Logger LOG = LoggerFactory.getLogger(D4rl.class);

    private D4rl() {}

    /**
     * Loads a D4RL file, naming it after the file ({@code hopper-medium-v2.hdf5} is
     * {@code hopper-medium-v2}); a file written by {@link D4rlWriter} under another file name keeps the name
     * stored in it.
     *
     * @param file the HDF5 file
     * @return its transitions and metadata
     * @throws D4rlFormatException if the file is not a readable D4RL dataset
     * @throws UncheckedIOException if the file does not exist or cannot be read
     */
    public static D4rlDataset load(Path file) {
        return load(file, null);
    }

    /**
     * Loads a D4RL file under an explicit dataset name.
     *
     * @param file the HDF5 file
     * @param datasetName the D4RL name, such as {@code hopper-medium-v2}; {@code null} to take it from the file
     * @return its transitions and metadata
     * @throws D4rlFormatException if the file is not a readable D4RL dataset, or if {@code datasetName} names a
     *     D4RL environment whose observation/action dimensions are not the file's (a hopper file under the name
     *     {@code pen-human-v1} would otherwise be preprocessed and scored as pen)
     * @throws UncheckedIOException if the file does not exist or cannot be read
     */
    public static D4rlDataset load(Path file, String datasetName) {
        Objects.requireNonNull(file, "file");
        if (datasetName != null && datasetName.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank, got '" + datasetName + "'");
        }
        long start = System.nanoTime();
        try (D4rlFile f = D4rlFile.open(file)) {
            D4rlDataset d = read(f, datasetName);
            LOG.debug("loaded {} in {} ms", d, (System.nanoTime() - start) / 1_000_000);
            return d;
        } catch (D4rlFormatException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // D4rlFile guards every jhdf call; this catches what slips past it, in the same plain words
            throw new D4rlFormatException(file, "corrupt HDF5 file: " + D4rlFile.plain(e), e);
        }
    }

    private static D4rlDataset read(D4rlFile f, String explicitName) {
        Path file = f.path();
        List<String> keys = f.rootKeys();
        List<String> missing = new ArrayList<>();
        for (String k : REQUIRED_KEYS) {
            if (!keys.contains(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            String present = keys.isEmpty() ? "none" : String.join(", ", keys);
            throw new D4rlFormatException(file, "missing required key" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (keys present: " + present + ")");
        }
        boolean hasTimeouts = keys.contains("timeouts");
        boolean hasNext = keys.contains("next_observations");

        Map<String, Integer> lengths = new LinkedHashMap<>();
        int obsDim = matrixColumns(f, "observations", lengths);
        int actDim = matrixColumns(f, "actions", lengths);
        vector(f, "rewards", lengths);
        vector(f, "terminals", lengths);
        if (hasTimeouts) {
            vector(f, "timeouts", lengths);
        }
        if (hasNext) {
            int nextDim = matrixColumns(f, "next_observations", lengths);
            if (nextDim != obsDim) {
                throw new D4rlFormatException(file, "next_observations has " + nextDim
                        + " columns but observations has " + obsDim);
            }
        }
        int n = lengths.get("observations");
        if (lengths.values().stream().anyMatch(len -> len != n)) {
            StringBuilder sb = new StringBuilder("arrays have different lengths:");
            lengths.forEach((k, len) -> sb.append(' ').append(k).append('=').append(len));
            throw new D4rlFormatException(file, sb.toString());
        }
        if (n == 0) {
            throw new D4rlFormatException(file, "zero rows: observations, actions and rewards are empty");
        }

        List<D4rlExtra> extras = f.extras();
        DatasetNames.Identity id = identify(f, explicitName, extras);
        String mismatch = D4rlDimensions.mismatch(id.name(), obsDim, actDim);
        if (mismatch != null && explicitName != null) {
            throw new D4rlFormatException(file, "'" + id.name() + "' (given name) " + mismatch
                    + "; load it under its own name");
        } else if (mismatch != null) {
            LOG.warn("{}: '{}' {}; its domain defaults and reference scores may not apply", file, id.name(), mismatch);
        }

        boolean[] terminals = f.readFlags("terminals");
        boolean[] timeouts;
        if (hasTimeouts) {
            timeouts = f.readFlags("timeouts");
        } else {
            LOG.warn("{}: no 'timeouts' key; episodes end only at terminals (old D4RL files used the environment's"
                    + " step limit instead)", file);
            timeouts = new boolean[n];
        }
        QLearningTransitions q = QLearningTransitions.select(terminals, timeouts, hasNext);
        if (q.size() == 0) {
            throw new D4rlFormatException(file, "no q-learning transitions: the file has " + n + " row"
                    + (n == 1 ? "" : "s") + " and no next_observations, and a row whose next state is unknown"
                    + " (a timeout row or the last row) is dropped");
        }
        OfflineDataset.Builder b = OfflineDataset.builder().name(id.name()).terminals(q.terminals())
                .timeouts(q.timeouts());

        // The builder copies every array it is given, so the peak heap is the finished dataset plus one
        // observation array. Observations go first, while the builder holds nothing else large.
        float[] observations = f.readFloats("observations", obsDim);
        float[] next = hasNext ? null : q.gather(observations, obsDim, 1);
        if (next != null) {
            b.nextObservations(next, obsDim);
            next = null;
        }
        float[] obs = q.gather(observations, obsDim, 0);
        observations = null;
        b.observations(obs, obsDim);
        obs = null;
        if (hasNext) {
            next = q.gather(f.readFloats("next_observations", obsDim), obsDim, 0);
            b.nextObservations(next, obsDim);
            next = null;
        }

        float[] rewards = f.readFloats("rewards", 1);
        EpisodeStatistics raw = EpisodeStatistics.of(rewards, terminals, timeouts);
        b.rewards(q.gather(rewards, 1, 0));
        rewards = null;
        terminals = null;
        timeouts = null;

        float[] actions = f.readFloats("actions", actDim);
        b.actions(q.gather(actions, actDim, 0), actDim);
        actions = null;

        OfflineDataset ds;
        try {
            ds = b.build();
        } catch (IllegalArgumentException e) {
            throw new D4rlFormatException(file, e.getMessage(), e);
        }
        return new D4rlDataset(ds, id.domain(), id.standard(), file, n, raw, hasNext, q.rows(), extras);
    }

    private static DatasetNames.Identity identify(D4rlFile f, String explicitName, List<D4rlExtra> extras) {
        DatasetNames.Identity id;
        String origin;
        if (explicitName != null) {
            id = DatasetNames.identify(explicitName);
            origin = "given name";
        } else {
            id = DatasetNames.identify(DatasetNames.stem(f.path().getFileName().toString()));
            origin = "file name";
            if (id.domain() == D4rlDomain.UNKNOWN
                    && extras.stream().anyMatch(e -> e.key().equals(D4rlWriter.NAME_KEY) && e.shape().length == 0)) {
                Object stored = f.readAny(D4rlWriter.NAME_KEY);
                if (stored instanceof String s && !s.isBlank()) {
                    id = DatasetNames.identify(s);
                    origin = "name stored in " + D4rlWriter.NAME_KEY;
                }
            }
        }
        if (id.domain() == D4rlDomain.UNKNOWN && explicitName != null) {
            // The caller named the dataset itself (the built-in task cache does): nothing to warn about.
            LOG.debug("{}: '{}' ({}) is not a D4RL dataset name; loading with domain UNKNOWN", f.path(), id.name(),
                    origin);
        } else if (id.domain() == D4rlDomain.UNKNOWN) {
            LOG.warn("{}: '{}' ({}) is not a D4RL dataset name; loading with domain UNKNOWN and no domain defaults",
                    f.path(), id.name(), origin);
        } else if (!id.standard() && explicitName != null) {
            // named by the caller, as the built-in locomotion datasets (hopper-medium) are by their cache
            LOG.debug("{}: '{}' ({}) is not a standard D4RL dataset name; taking domain {} from its environment",
                    f.path(), id.name(), origin, id.domain());
        } else if (!id.standard()) {
            LOG.warn("{}: '{}' ({}) is not a standard D4RL dataset name; taking domain {} from its environment",
                    f.path(), id.name(), origin, id.domain());
        }
        return id;
    }

    private static int matrixColumns(D4rlFile f, String key, Map<String, Integer> lengths) {
        int[] shape = f.shape(key);
        if (shape.length == 1) {
            lengths.put(key, shape[0]);
            return 1;
        }
        if (shape.length != 2 || shape[1] < 1) {
            throw new D4rlFormatException(f.path(), "'" + key + "' has shape " + java.util.Arrays.toString(shape)
                    + "; expected (N, dim) with dim >= 1");
        }
        lengths.put(key, shape[0]);
        return shape[1];
    }

    private static void vector(D4rlFile f, String key, Map<String, Integer> lengths) {
        int[] shape = f.shape(key);
        if (shape.length == 1 || (shape.length == 2 && shape[1] == 1)) {
            lengths.put(key, shape[0]);
            return;
        }
        throw new D4rlFormatException(f.path(), "'" + key + "' has shape " + java.util.Arrays.toString(shape)
                + "; expected (N,) or (N, 1)");
    }
}
