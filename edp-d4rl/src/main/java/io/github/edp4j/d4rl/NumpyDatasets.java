package io.github.edp4j.d4rl;

import io.github.edp4j.core.data.OfflineDataset;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Datasets stored as NumPy arrays: an OGBench {@code .npz}, a {@code .npz} with D4RL's array names, or a directory
 * of {@code .npy} files with those names.
 *
 * <p><b>OGBench</b> (Park et al. 2024, {@code ogbench.utils.load_dataset}): trajectories are concatenated; each ends
 * with a row flagged {@code terminals == 1} that holds its final state and a dummy action. The transitions are the
 * rows {@code t} with {@code terminals[t] == 0}, with {@code next_observation = observations[t + 1]}; the trajectory
 * ends after {@code t} when {@code terminals[t + 1] == 1}. Rewards come from {@code rewards} when present
 * ({@code -singletask} sets), else from the {@link RewardFunction} of the options; a transition is terminal (no
 * bootstrapping) where {@code masks == 0}, and the last transition of each trajectory that is not terminal is a
 * timeout. {@code qpos}, {@code qvel} and {@code button_states} are not read.
 *
 * <p><b>D4RL names</b>: {@code observations}, {@code actions}, {@code rewards} and optionally {@code terminals},
 * {@code timeouts}, {@code next_observations}, turned into transitions exactly as {@link D4rl} does.
 *
 * <p>Without a format given, a {@code .npz} is read as OGBench when it has {@code terminals}, no {@code timeouts}
 * and no {@code next_observations}, its last row is flagged terminal, and it has {@code masks} or no
 * {@code rewards} (as OGBench files do); otherwise with D4RL's names.
 */
final class NumpyDatasets {

    /** Named arrays of one input: a {@code .npz} archive or a directory of {@code .npy} files. */
    interface Source extends AutoCloseable {
        Path path();

        boolean has(String key);

        List<String> keys();

        NpyArray read(String key);

        @Override
        void close();
    }

    private NumpyDatasets() {}

    static Source npz(Path file) {
        NpzFile z = NpzFile.open(file);
        return new Source() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public boolean has(String key) {
                return z.has(key);
            }

            @Override
            public List<String> keys() {
                return z.keys();
            }

            @Override
            public NpyArray read(String key) {
                return z.read(key);
            }

            @Override
            public void close() {
                z.close();
            }
        };
    }

    static Source directory(Path dir) {
        Map<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.npy")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                files.put(n.substring(0, n.length() - 4), p);
            }
        } catch (IOException e) {
            throw NpzFile.io(dir, e);
        }
        return new Source() {
            @Override
            public Path path() {
                return dir;
            }

            @Override
            public boolean has(String key) {
                return files.containsKey(key);
            }

            @Override
            public List<String> keys() {
                return new ArrayList<>(files.keySet());
            }

            @Override
            public NpyArray read(String key) {
                Path p = files.get(key);
                if (p == null) {
                    throw new D4rlFormatException(dir, "missing array '" + key + ".npy' (arrays present: "
                            + (files.isEmpty() ? "none" : String.join(", ", files.keySet())) + ")");
                }
                return NpzFile.readNpy(p);
            }

            @Override
            public void close() {
                // nothing held open
            }
        };
    }

    /**
     * @return whether the source looks like an OGBench file (see the class comment)
     */
    static boolean looksLikeOgBench(Source s) {
        if (!s.has("terminals") || s.has("timeouts") || s.has("next_observations")
                || (s.has("rewards") && !s.has("masks"))) {
            return false;
        }
        boolean[] t = s.read("terminals").flags();
        return t.length > 0 && t[t.length - 1];
    }

    static LoadedDataset ogbench(Source s, String name, DatasetOptions options, List<String> notes) {
        Path file = s.path();
        require(s, "observations", "actions", "terminals");
        NpyArray obsA = s.read("observations");
        NpyArray actA = s.read("actions");
        NpyArray termA = s.read("terminals");
        int n = obsA.rows();
        int obsDim = obsA.columns();
        int actDim = actA.columns();
        Map<String, Integer> lengths = new LinkedHashMap<>();
        lengths.put("observations", n);
        lengths.put("actions", actA.rows());
        vector(file, termA, lengths);
        NpyArray rewA = s.has("rewards") ? s.read("rewards") : null;
        NpyArray maskA = s.has("masks") ? s.read("masks") : null;
        if (rewA != null) {
            vector(file, rewA, lengths);
        }
        if (maskA != null) {
            vector(file, maskA, lengths);
        }
        sameLengths(file, lengths);
        requireRows(file, obsA, n);
        boolean[] terminals = termA.flags();
        if (!terminals[n - 1]) {
            throw new D4rlFormatException(file, "'terminals' is 0 at the last row " + (n - 1) + "; an OGBench file"
                    + " ends every trajectory with a row flagged 1 that holds its final state");
        }
        int count = 0;
        for (boolean t : terminals) {
            count += t ? 0 : 1;
        }
        if (count == 0) {
            throw new D4rlFormatException(file, "no transitions: every row of 'terminals' is 1");
        }
        if (rewA == null && options.rewardFunction().isEmpty()) {
            throw new D4rlFormatException(file, "has no 'rewards' array (a goal-conditioned OGBench set; the"
                    + " -singletask files have them): give a reward function (DatasetOptions.rewardFunction)"
                    + " or load a -singletask file");
        }
        float[] obs = obsA.floats();
        float[] act = actA.floats();
        boolean[] masks = maskA == null ? null : maskA.flags();
        float[] fileRewards = rewA == null ? null : rewA.floats();
        float[] o = new float[count * obsDim];
        float[] nx = new float[count * obsDim];
        float[] a = new float[count * actDim];
        float[] r = new float[count];
        boolean[] done = new boolean[count];
        boolean[] cut = new boolean[count];
        int k = 0;
        for (int t = 0; t < n - 1; t++) {
            if (terminals[t]) {
                continue;
            }
            System.arraycopy(obs, t * obsDim, o, k * obsDim, obsDim);
            System.arraycopy(obs, (t + 1) * obsDim, nx, k * obsDim, obsDim);
            System.arraycopy(act, t * actDim, a, k * actDim, actDim);
            if (fileRewards != null) {
                r[k] = fileRewards[t];
            } else {
                float v = options.rewardFunction().orElseThrow().reward(t, Arrays.copyOfRange(o, k * obsDim,
                        (k + 1) * obsDim), Arrays.copyOfRange(a, k * actDim, (k + 1) * actDim),
                        Arrays.copyOfRange(nx, k * obsDim, (k + 1) * obsDim));
                if (!Float.isFinite(v)) {
                    throw new D4rlFormatException(file, "the reward function returned " + v + " for row " + t);
                }
                r[k] = v;
            }
            done[k] = masks != null && !masks[t];
            cut[k] = !done[k] && terminals[t + 1];
            k++;
        }
        notes.add("OGBench layout: " + n + " rows, " + (n - count) + " trajectory-final rows (terminals == 1)"
                + " dropped, next observation = the following row");
        notes.add(fileRewards != null ? "rewards from 'rewards'" : "rewards from the given reward function");
        notes.add(masks != null ? "terminal where masks == 0; timeout at the end of each other trajectory"
                : "no 'masks': no terminal transitions; timeout at the end of each trajectory");
        OfflineDataset ds = build(file, name, o, obsDim, a, actDim, r, nx, done, cut);
        // the file's episodes are the transitions' trajectories: a final-state row carries no reward
        // OGBench's names reuse D4RL's environments (antmaze-...) but not their rewards: no D4RL domain defaults
        notes.add("no D4RL domain: OGBench's rewards are not D4RL's, so no reward preprocessing or D4RL scores apply");
        return new LoadedDataset(ds, DatasetFormat.OGBENCH_NPZ, file, D4rlDomain.UNKNOWN, n,
                EpisodeStatistics.of(ds), false, null, notes, Map.of("arrays", String.join(", ", s.keys())));
    }

    static LoadedDataset d4rlNames(Source s, String name, DatasetFormat format, DatasetOptions options,
            List<String> notes) {
        Path file = s.path();
        require(s, "observations", "actions");
        boolean hasNext = s.has("next_observations");
        boolean hasRewards = s.has("rewards");
        if (!hasRewards && options.rewardFunction().isEmpty()) {
            throw new D4rlFormatException(file, "missing array 'rewards' (arrays present: " + String.join(", ",
                    s.keys()) + "); give a reward function (DatasetOptions.rewardFunction) for data without rewards");
        }
        NpyArray obsA = s.read("observations");
        NpyArray actA = s.read("actions");
        int n = obsA.rows();
        int obsDim = obsA.columns();
        int actDim = actA.columns();
        Map<String, Integer> lengths = new LinkedHashMap<>();
        lengths.put("observations", n);
        lengths.put("actions", actA.rows());
        NpyArray rewA = hasRewards ? s.read("rewards") : null;
        NpyArray termA = s.has("terminals") ? s.read("terminals") : null;
        NpyArray toA = s.has("timeouts") ? s.read("timeouts") : null;
        NpyArray nextA = hasNext ? s.read("next_observations") : null;
        for (NpyArray v : new NpyArray[] {rewA, termA, toA}) {
            if (v != null) {
                vector(file, v, lengths);
            }
        }
        if (nextA != null) {
            lengths.put("next_observations", nextA.rows());
            if (nextA.columns() != obsDim) {
                throw new D4rlFormatException(file, "'next_observations' has " + nextA.columns()
                        + " values per row but 'observations' has " + obsDim);
            }
        }
        sameLengths(file, lengths);
        requireRows(file, obsA, n);
        boolean[] terminals = termA == null ? new boolean[n] : termA.flags();
        boolean[] timeouts = toA == null ? new boolean[n] : toA.flags();
        QLearningTransitions q = QLearningTransitions.select(terminals, timeouts, hasNext);
        if (q.size() == 0) {
            throw new D4rlFormatException(file, "no q-learning transitions: " + n + " row" + (n == 1 ? "" : "s")
                    + " and no next_observations");
        }
        float[] obs = obsA.floats();
        float[] act = actA.floats();
        float[] o = q.gather(obs, obsDim, 0);
        float[] nx = hasNext ? q.gather(nextA.floats(), obsDim, 0) : q.gather(obs, obsDim, 1);
        float[] a = q.gather(act, actDim, 0);
        float[] r;
        float[] raw;
        if (rewA != null) {
            raw = rewA.floats();
            r = q.gather(raw, 1, 0);
        } else {
            r = new float[q.size()];
            int[] rows = q.rows();
            RewardFunction fn = options.rewardFunction().orElseThrow();
            for (int k = 0; k < r.length; k++) {
                r[k] = fn.reward(rows[k], Arrays.copyOfRange(o, k * obsDim, (k + 1) * obsDim),
                        Arrays.copyOfRange(a, k * actDim, (k + 1) * actDim),
                        Arrays.copyOfRange(nx, k * obsDim, (k + 1) * obsDim));
                if (!Float.isFinite(r[k])) {
                    throw new D4rlFormatException(file, "the reward function returned " + r[k] + " for row " + rows[k]);
                }
            }
            raw = null;
        }
        notes.add("D4RL array names: " + n + " rows" + (hasNext ? ", next_observations stored, every row kept"
                : ", next observation = the following row (timeout rows and the last row dropped)"));
        if (termA == null) {
            notes.add("no 'terminals': no transition is terminal");
        }
        if (toA == null) {
            notes.add("no 'timeouts': episodes end only at terminals");
        }
        OfflineDataset ds = build(file, name, o, obsDim, a, actDim, r, nx, q.terminals(), q.timeouts());
        EpisodeStatistics ep = raw != null ? EpisodeStatistics.of(raw, terminals, timeouts) : EpisodeStatistics.of(ds);
        return new LoadedDataset(ds, format, file, Datasets.domainOf(name), n, ep, hasNext, null, notes,
                Map.of("arrays", String.join(", ", s.keys())));
    }

    private static void require(Source s, String... keys) {
        List<String> missing = new ArrayList<>();
        for (String k : keys) {
            if (!s.has(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new D4rlFormatException(s.path(), "missing required array" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (arrays present: " + (s.keys().isEmpty() ? "none"
                    : String.join(", ", s.keys())) + ")");
        }
    }

    private static void vector(Path file, NpyArray v, Map<String, Integer> lengths) {
        int[] shape = v.shape();
        if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
            throw new D4rlFormatException(file, "'" + v.name() + "' has shape " + Arrays.toString(shape)
                    + "; expected (N,) or (N, 1)");
        }
        lengths.put(v.name(), shape[0]);
    }

    private static void requireRows(Path file, NpyArray obs, int n) {
        if (obs.shape().length == 0) {
            throw new D4rlFormatException(file, "'observations' is a scalar; expected (N, dim)");
        }
        if (n == 0) {
            throw new D4rlFormatException(file, "zero rows: 'observations' is empty");
        }
    }

    static void sameLengths(Path file, Map<String, Integer> lengths) {
        int n = lengths.values().iterator().next();
        if (lengths.values().stream().anyMatch(len -> len != n)) {
            StringBuilder sb = new StringBuilder("arrays have different lengths:");
            lengths.forEach((k, len) -> sb.append(' ').append(k).append('=').append(len));
            throw new D4rlFormatException(file, sb.toString());
        }
    }

    static OfflineDataset build(Path file, String name, float[] o, int obsDim, float[] a, int actDim, float[] r,
            float[] nx, boolean[] done, boolean[] cut) {
        try {
            return OfflineDataset.builder().name(name).observations(o, obsDim).actions(a, actDim).rewards(r)
                    .nextObservations(nx, obsDim).terminals(done).timeouts(cut).build();
        } catch (IllegalArgumentException e) {
            throw new D4rlFormatException(file, e.getMessage(), e);
        }
    }
}
