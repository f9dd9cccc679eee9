package io.github.edp4j.d4rl;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.edp4j.core.data.OfflineDataset;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Minari dataset (Farama Foundation; the successor of D4RL) stored as HDF5: {@code data/main_data.hdf5} with
 * one group {@code episode_<i>} per episode holding {@code observations} (T + 1 rows: the final observation is
 * included), {@code actions}, {@code rewards}, {@code terminations} and {@code truncations} (T rows each).
 * Metadata comes from {@code data/metadata.json} (Minari 0.5 and later) or from the attributes of the file's root
 * group (Minari 0.4).
 *
 * <p>Every step is a transition {@code (o[t], a[t], r[t], o[t+1])}: terminal where {@code terminations[t]}, timeout
 * where {@code truncations[t]} and not terminal; the last step of an episode that is neither (the recording stopped)
 * is marked timeout so that episodes stay apart. Episodes are taken in the order of their index. A Dict observation
 * space (a group of arrays, possibly nested) is flattened in sorted key order, as gymnasium's {@code Dict} space
 * orders its keys and {@code gymnasium.spaces.flatten} concatenates them; Tuple spaces ({@code _index_0},
 * {@code _index_1}, ...) in index order. Actions must be a Box space (one array). The Arrow storage
 * ({@code data_format: "arrow"}) is refused.
 */
final class MinariDatasets {

    static final String MAIN = "main_data.hdf5";
    static final String METADATA = "metadata.json";
    private static final Pattern EPISODE = Pattern.compile("episode_(\\d+)");
    private static final Pattern TUPLE = Pattern.compile("_index_(\\d+)");

    private MinariDatasets() {}

    /**
     * Refuses a Minari data directory whose {@code metadata.json} announces the Arrow storage.
     *
     * @param dataDir the {@code data} directory
     * @return the metadata from {@code metadata.json}, empty if the file does not exist
     */
    static Map<String, String> jsonMetadata(Path dataDir) {
        Path json = dataDir.resolve(METADATA);
        if (!Files.isRegularFile(json)) {
            return Map.of();
        }
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw NpzFile.io(json, e);
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException | IllegalStateException e) {
            throw new D4rlFormatException(json, "not valid JSON: " + D4rlFile.withoutClassNames(e.getMessage()), e);
        }
        if (!root.isJsonObject()) {
            throw new D4rlFormatException(json, "expected a JSON object of Minari metadata");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            out.put(e.getKey(), v.isJsonNull() ? "" : v.isJsonPrimitive() ? v.getAsString() : v.toString());
        }
        String format = out.get("data_format");
        if (format != null && !format.equalsIgnoreCase("hdf5")) {
            throw new D4rlFormatException(json, "'data_format' is '" + format + "': only Minari's HDF5 storage is"
                    + " read (no Arrow reader); re-create the dataset with data_format='hdf5'");
        }
        return out;
    }

    static LoadedDataset load(Path main, DatasetOptions options, List<String> notes) {
        Path dataDir = main.toAbsolutePath().getParent();
        Map<String, String> meta = new LinkedHashMap<>(jsonMetadata(dataDir));
        boolean json = !meta.isEmpty();
        try (D4rlFile f = D4rlFile.open(main)) {
            if (!json) {
                for (Map.Entry<String, Object> e : f.attributes("").entrySet()) {
                    meta.put(e.getKey(), text(e.getValue()));
                }
                notes.add("Minari 0.4 layout: metadata from the root attributes of " + MAIN);
            } else {
                notes.add("Minari 0.5+ layout: metadata from data/" + METADATA);
            }
            Path metaFile = json ? dataDir.resolve(METADATA) : main;
            checkActionSpace(metaFile, meta);
            return read(f, main, meta, metaFile, options, notes);
        }
    }

    private static void checkActionSpace(Path file, Map<String, String> meta) {
        String space = meta.get("action_space");
        if (space == null || space.isBlank()) {
            return;
        }
        String type = spaceType(space);
        if (type != null && !type.equals("Box")) {
            throw new D4rlFormatException(file, "'action_space' is a " + type + " space; only Box (continuous)"
                    + " action spaces are read");
        }
    }

    /** The {@code type} of a serialized gymnasium space, or {@code null} if it is not JSON. */
    static String spaceType(String serialized) {
        try {
            JsonElement e = JsonParser.parseString(serialized);
            if (e.isJsonObject()) {
                JsonObject o = e.getAsJsonObject();
                return o.has("type") && o.get("type").isJsonPrimitive() ? o.get("type").getAsString() : null;
            }
        } catch (JsonParseException | IllegalStateException ignored) {
            // not JSON: Minari also stores custom spaces by other serializations
        }
        return null;
    }

    private static LoadedDataset read(D4rlFile f, Path main, Map<String, String> meta, Path metaFile,
            DatasetOptions options, List<String> notes) {
        List<String> episodes = new ArrayList<>();
        for (String k : f.children("")) {
            if (EPISODE.matcher(k).matches()) {
                episodes.add(k);
            }
        }
        episodes.sort(Comparator.comparingLong(k -> Long.parseLong(k.substring("episode_".length()))));
        if (episodes.isEmpty()) {
            throw new D4rlFormatException(main, "no episodes: a Minari file has groups episode_0, episode_1, ..."
                    + " (members present: " + String.join(", ", f.children("")) + ")");
        }
        String declared = meta.get("total_episodes");
        if (declared != null && !declared.isBlank() && !declared.equals(Integer.toString(episodes.size()))) {
            throw new D4rlFormatException(metaFile, "'total_episodes' is " + declared + " but " + MAIN + " has "
                    + episodes.size() + " episode groups");
        }
        // first pass: shapes only
        int[] steps = new int[episodes.size()];
        int obsDim = -1;
        int actDim = -1;
        List<String> obsLeaves = null;
        long total = 0;
        for (int i = 0; i < episodes.size(); i++) {
            String ep = episodes.get(i);
            for (String k : new String[] {"observations", "actions", "rewards", "terminations", "truncations"}) {
                if (!f.exists(ep + "/" + k)) {
                    throw new D4rlFormatException(main, "'" + ep + "' has no '" + k + "' (members present: "
                            + String.join(", ", f.children(ep)) + ")");
                }
            }
            if (f.isGroup(ep + "/actions")) {
                throw new D4rlFormatException(main, "'" + ep + "/actions' is a group (a Dict or Tuple action space);"
                        + " only Box action spaces are read");
            }
            int[] as = f.shape(ep + "/actions");
            if (as.length == 0) {
                throw new D4rlFormatException(main, "'" + ep + "/actions' is a scalar; expected (T, action_dim)");
            }
            int t = as[0];
            int a = columns(as);
            if (actDim >= 0 && a != actDim) {
                throw new D4rlFormatException(main, "'" + ep + "/actions' has " + a + " values per step, '"
                        + episodes.get(0) + "/actions' has " + actDim);
            }
            actDim = a;
            Map<String, Integer> lengths = new LinkedHashMap<>();
            lengths.put(ep + "/actions", t);
            for (String k : new String[] {"rewards", "terminations", "truncations"}) {
                int[] s = f.shape(ep + "/" + k);
                if (!(s.length == 1 || (s.length == 2 && s[1] == 1))) {
                    throw new D4rlFormatException(main, "'" + ep + "/" + k + "' has shape " + Arrays.toString(s)
                            + "; expected (T,)");
                }
                lengths.put(ep + "/" + k, s[0]);
            }
            NumpyDatasets.sameLengths(main, lengths);
            List<String> leaves = new ArrayList<>();
            int o = observationLeaves(f, main, ep + "/observations", t + 1, leaves);
            List<String> rel = leaves.stream().map(l -> l.substring((ep + "/observations").length())).toList();
            if (obsLeaves != null && !rel.equals(obsLeaves)) {
                throw new D4rlFormatException(main, "'" + ep + "/observations' has keys " + rel + " but '"
                        + episodes.get(0) + "/observations' has " + obsLeaves);
            }
            if (obsDim >= 0 && o != obsDim) {
                throw new D4rlFormatException(main, "'" + ep + "/observations' has " + o + " values per step, '"
                        + episodes.get(0) + "/observations' has " + obsDim);
            }
            obsLeaves = rel;
            obsDim = o;
            steps[i] = t;
            total += t;
        }
        if (total == 0) {
            throw new D4rlFormatException(main, "zero steps: every episode is empty");
        }
        if ((total + episodes.size()) * Math.max(obsDim, actDim) > Integer.MAX_VALUE - 16) {
            throw new D4rlFormatException(main, total + " steps of " + obsDim + " observation values are more than"
                    + " one Java array holds");
        }
        String declaredSteps = meta.get("total_steps");
        if (declaredSteps != null && !declaredSteps.isBlank() && !declaredSteps.equals(Long.toString(total))) {
            throw new D4rlFormatException(metaFile, "'total_steps' is " + declaredSteps + " but the episodes of "
                    + MAIN + " hold " + total + " steps");
        }
        int n = (int) total;
        float[] o = new float[n * obsDim];
        float[] nx = new float[n * obsDim];
        float[] a = new float[n * actDim];
        float[] r = new float[n];
        boolean[] done = new boolean[n];
        boolean[] cut = new boolean[n];
        int row = 0;
        int unfinished = 0;
        for (int i = 0; i < episodes.size(); i++) {
            String ep = episodes.get(i);
            int t = steps[i];
            if (t == 0) {
                continue;
            }
            float[] obs = observations(f, ep + "/observations", obsLeaves, t + 1, obsDim);
            System.arraycopy(obs, 0, o, row * obsDim, t * obsDim);
            System.arraycopy(obs, obsDim, nx, row * obsDim, t * obsDim);
            System.arraycopy(f.readFloats(ep + "/actions", actDim), 0, a, row * actDim, t * actDim);
            System.arraycopy(f.readFloats(ep + "/rewards", 1), 0, r, row, t);
            boolean[] term = f.readFlags(ep + "/terminations");
            boolean[] trunc = f.readFlags(ep + "/truncations");
            for (int s = 0; s < t; s++) {
                done[row + s] = term[s];
                cut[row + s] = trunc[s] && !term[s];
            }
            if (!term[t - 1] && !trunc[t - 1]) {
                cut[row + t - 1] = true;
                unfinished++;
            }
            row += t;
        }
        String fileId = meta.getOrDefault("dataset_id", "");
        String name = options.name().orElse(fileId.isBlank() ? defaultName(main) : fileId);
        notes.add(episodes.size() + " episodes, " + n + " steps; every step a transition, next observation ="
                + " the episode's following observation");
        notes.add("terminal = terminations, timeout = truncations" + (unfinished > 0 ? " (" + unfinished
                + " episode" + (unfinished == 1 ? "" : "s") + " ending in neither marked timeout)" : ""));
        if (obsLeaves.size() > 1 || !obsLeaves.get(0).isEmpty()) {
            notes.add("observations flattened from " + String.join(", ", obsLeaves.stream()
                    .map(l -> l.isEmpty() ? "(array)" : l.substring(1)).toList()) + " in this order");
        }
        OfflineDataset ds = NumpyDatasets.build(main, name, o, obsDim, a, actDim, r, nx, done, cut);
        ReferenceReturns ref = null;
        String min = meta.get("ref_min_score");
        String max = meta.get("ref_max_score");
        if (min != null && max != null && !min.isBlank() && !max.isBlank()) {
            try {
                ref = new ReferenceReturns(Double.parseDouble(min), Double.parseDouble(max),
                        "Minari ref_min_score/ref_max_score");
            } catch (IllegalArgumentException e) {
                throw new D4rlFormatException(metaFile, "'ref_min_score' " + min + " and 'ref_max_score' " + max
                        + " are not finite numbers with min < max", e);
            }
        }
        return new LoadedDataset(ds, DatasetFormat.MINARI, main, domainOfMinariId(name), n, EpisodeStatistics.of(ds),
                false, ref, notes, meta);
    }

    /**
     * Collects the arrays of an observation (itself, or the leaves of a Dict/Tuple group in flattening order).
     *
     * @return the values per step over all leaves
     */
    private static int observationLeaves(D4rlFile f, Path main, String key, int rows, List<String> out) {
        if (!f.isGroup(key)) {
            int[] s = f.shape(key);
            if (s.length == 0 || s[0] != rows) {
                throw new D4rlFormatException(main, "'" + key + "' has shape " + Arrays.toString(s) + "; expected "
                        + rows + " rows (one more than the episode's steps: the final observation is included)");
            }
            out.add(key);
            return columns(s);
        }
        List<String> children = new ArrayList<>(f.children(key));
        if (children.isEmpty()) {
            throw new D4rlFormatException(main, "'" + key + "' is an empty group");
        }
        if (children.stream().allMatch(c -> TUPLE.matcher(c).matches())) {
            children.sort(Comparator.comparingLong(c -> Long.parseLong(c.substring("_index_".length()))));
        }
        int total = 0;
        for (String c : children) {
            total += observationLeaves(f, main, key + "/" + c, rows, out);
        }
        return total;
    }

    private static float[] observations(D4rlFile f, String key, List<String> leaves, int rows, int dim) {
        if (leaves.size() == 1 && leaves.get(0).isEmpty()) {
            return f.readFloats(key, dim);
        }
        float[] out = new float[rows * dim];
        int offset = 0;
        for (String leaf : leaves) {
            String k = key + leaf;
            int c = columns(f.shape(k));
            float[] v = f.readFloats(k, c);
            for (int i = 0; i < rows; i++) {
                System.arraycopy(v, i * c, out, i * dim + offset, c);
            }
            offset += c;
        }
        return out;
    }

    private static int columns(int[] shape) {
        int c = 1;
        for (int i = 1; i < shape.length; i++) {
            c *= shape[i];
        }
        return c;
    }

    private static String defaultName(Path main) {
        Path data = main.toAbsolutePath().getParent();
        Path ds = data == null ? null : data.getParent();
        return ds == null || ds.getFileName() == null ? "minari" : ds.getFileName().toString();
    }

    /**
     * The D4RL domain of a Minari id: {@code mujoco/hopper/expert-v0} is read as {@code hopper-expert-v0},
     * {@code D4RL/door/human-v2} as {@code door-human-v2}.
     */
    static D4rlDomain domainOfMinariId(String id) {
        String[] parts = id.split("/");
        String candidate = parts.length >= 2 ? parts[parts.length - 2] + "-" + parts[parts.length - 1] : id;
        return DatasetNames.identify(candidate).domain();
    }

    /** Attribute values as text: strings as they are, one-element arrays as their element. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v.getClass().isArray()) {
            int len = Array.getLength(v);
            if (len == 1) {
                return text(Array.get(v, 0));
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < len; i++) {
                parts.add(text(Array.get(v, i)));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return v.toString();
    }

    static Matcher episodeMatcher(String name) {
        return EPISODE.matcher(name);
    }
}
