package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.edp4j.core.data.OfflineDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixtures of make_dataset_fixtures.py read through {@link Datasets}: every array of every transition equals what
 * the script's reference logic (Minari's episode iteration, OGBench's {@code load_dataset}, D4RL's
 * {@code qlearning_dataset}, the documented CSV rule) recorded, and every bad input fails with one message naming
 * the file and the field.
 */
class DatasetFormatsTest {

    @TempDir
    Path dir;

    static Path resource(String name) {
        var url = DatasetFormatsTest.class.getResource("/datasets/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture datasets/" + name + "; regenerate with"
                    + " python3 edp-d4rl/src/test/fixtures/make_dataset_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject expected(String key) {
        try {
            JsonObject all = JsonParser.parseString(Files.readString(resource("expected.json"), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            return all.getAsJsonObject(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] floats(JsonObject e, String key) {
        JsonArray a = e.getAsJsonArray(key);
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i).getAsDouble();
        }
        return out;
    }

    private static boolean[] flags(JsonObject e, String key) {
        JsonArray a = e.getAsJsonArray(key);
        boolean[] out = new boolean[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsBoolean();
        }
        return out;
    }

    /** Compares every array of a loaded dataset with the script's record, and the fixture files' checksums. */
    static void assertMatches(String key, LoadedDataset d, boolean compareRewards) {
        JsonObject e = expected(key);
        OfflineDataset ds = d.dataset();
        assertEquals(e.get("transitions").getAsInt(), ds.size(), key + " transitions");
        assertEquals(e.get("observationDim").getAsInt(), ds.observationDim(), key + " observation dim");
        assertEquals(e.get("actionDim").getAsInt(), ds.actionDim(), key + " action dim");
        assertArrayEquals(floats(e, "observations"), ds.observations(), key + " observations");
        assertArrayEquals(floats(e, "actions"), ds.actions(), key + " actions");
        assertArrayEquals(floats(e, "nextObservations"), ds.nextObservations(), key + " next observations");
        if (compareRewards) {
            assertArrayEquals(floats(e, "rewards"), ds.rewards(), key + " rewards");
        }
        assertArrayEquals(flags(e, "terminals"), ds.terminals(), key + " terminals");
        assertArrayEquals(flags(e, "timeouts"), ds.timeouts(), key + " timeouts");
        if (!e.get("episodes").isJsonNull()) {
            assertEquals(e.get("episodes").getAsInt(), EpisodeStatistics.of(ds).episodes(), key + " episodes");
        }
        for (Map.Entry<String, JsonElement> f : e.getAsJsonObject("sha256").entrySet()) {
            assertEquals(f.getValue().getAsString(), sha256(resource(f.getKey())), "checksum of " + f.getKey());
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void minari05DirectoryIdAndMainFileGiveTheScriptsTransitions() {
        Path root = resource("minari");
        LoadedDataset byId = Datasets.load("test/pointmass/simple-v0",
                DatasetOptions.builder().minariRoot(root).build());
        assertMatches("minari-v05", byId, true);
        assertEquals(DatasetFormat.MINARI, byId.format());
        assertEquals("test/pointmass/simple-v0", byId.name());
        assertEquals(new ReferenceReturns(-12.5, 40.25, "Minari ref_min_score/ref_max_score"), byId.reference()
                .orElseThrow());
        assertEquals("hdf5", byId.metadata().get("data_format"));
        assertTrue(byId.interpretation().get(0).contains("0.5+"), byId.interpretation().toString());
        assertTrue(String.join("\n", byId.interpretation()).contains("1 episode ending in neither"),
                byId.interpretation().toString());
        LoadedDataset byDir = Datasets.load(root.resolve("test/pointmass/simple-v0"));
        assertEquals(byId.dataset().contentHash(), byDir.dataset().contentHash());
        LoadedDataset byFile = Datasets.load(root.resolve("test/pointmass/simple-v0/data/main_data.hdf5"));
        assertEquals(byId.dataset().contentHash(), byFile.dataset().contentHash());
    }

    @Test
    void minari04DictObservationsAreFlattenedInSortedKeyOrder() {
        LoadedDataset d = Datasets.load(resource("minari/legacy-dict-v0"));
        assertMatches("minari-v04-dict", d, true);
        assertEquals("legacy-dict-v0", d.name());
        assertEquals(0.0, d.reference().orElseThrow().min());
        assertEquals(10.0, d.reference().orElseThrow().max());
        String notes = String.join("\n", d.interpretation());
        assertTrue(notes.contains("0.4"), notes);
        assertTrue(notes.contains("achieved_goal, desired_goal, extra/alpha, extra/zeta, observation"), notes);
    }

    @Test
    void minariTupleObservationsAreConcatenatedInIndexOrder() {
        LoadedDataset d = Datasets.load(resource("minari/tuple-v0"));
        assertMatches("minari-tuple", d, true);
        assertTrue(d.reference().isEmpty(), "no ref_min_score/ref_max_score and no D4RL name: no reference");
    }

    @Test
    void ogbenchSingletaskTakesRewardsAndMasksFromTheFile() {
        LoadedDataset d = Datasets.load(resource("ogbench/pointmass-singletask-v0.npz"));
        assertEquals(DatasetFormat.OGBENCH_NPZ, d.format());
        // an OGBench name of a D4RL environment still gets no D4RL domain or scores: its rewards are OGBench's
        LoadedDataset named = Datasets.load(resource("ogbench/pointmass-singletask-v0.npz").toString(),
                DatasetOptions.builder().name("antmaze-large-navigate-singletask-task1-v0").build());
        assertEquals(D4rlDomain.UNKNOWN, named.domain());
        assertTrue(named.reference().isEmpty());
        assertMatches("ogbench-singletask", d, true);
    }

    @Test
    void ogbenchWithoutRewardsNeedsTheRewardHook() {
        Path f = resource("ogbench/pointmass-navigate-v0.npz");
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> Datasets.load(f));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains("'rewards'"), e.getMessage());
        RewardFunction sumOfNext = (row, o, a, next) -> {
            float s = 0;
            for (float v : next) {
                s += v;
            }
            return s;
        };
        LoadedDataset d = Datasets.load(f.toString(), DatasetOptions.builder().rewardFunction(sumOfNext).build());
        assertMatches("ogbench-navigate", d, false);
        assertArrayEquals(floats(expected("ogbench-navigate"), "rewards"), d.dataset().rewards());
    }

    @Test
    void storedNpzWithBigEndianFortranAndIntegerArraysAndTheNpyDirectoryAgree() {
        LoadedDataset npz = Datasets.load(resource("npz/mixed-stored.npz"));
        assertEquals(DatasetFormat.NPZ, npz.format());
        assertMatches("npz-mixed", npz, true);
        LoadedDataset npy = Datasets.load(resource("npy"));
        assertEquals(DatasetFormat.NPY_DIRECTORY, npy.format());
        assertMatches("npy-directory", npy, true);
    }

    @Test
    void csvWithEpisodeColumnFollowsTheDocumentedRule() {
        LoadedDataset d = Datasets.load(resource("csv/log.csv"));
        assertEquals(DatasetFormat.CSV, d.format());
        assertMatches("csv-log", d, true);
        LoadedDataset mapped = Datasets.load(resource("csv/log.csv").toString(), DatasetOptions.builder()
                .csvColumns(CsvColumns.parse("obs=obs_x,obs_y;act=act_u;reward=reward;terminal=terminal;"
                        + "timeout=timeout;episode=episode")).name("my-log").referenceReturns(-1, 1).build());
        assertEquals(d.dataset().toBuilder().name("my-log").build().contentHash(), mapped.dataset().contentHash());
        assertEquals(new ReferenceReturns(-1, 1, "given"), mapped.reference().orElseThrow());
    }

    @Test
    void convertedFilesReadBackWithTheirNameAndReferences() {
        LoadedDataset m = Datasets.load(resource("minari/test/pointmass/simple-v0"));
        Path out = dir.resolve("converted.hdf5");
        Datasets.writeD4rl(m, out);
        LoadedDataset back = Datasets.load(out);
        assertEquals(DatasetFormat.D4RL_HDF5, back.format());
        assertEquals(m.dataset().contentHash(), back.dataset().contentHash());
        assertEquals(m.name(), back.name());
        assertEquals(m.reference().orElseThrow().min(), back.reference().orElseThrow().min());
        assertEquals(m.reference().orElseThrow().max(), back.reference().orElseThrow().max());
    }

    @Test
    void d4rlFilesKeepD4rlsReferenceScores() {
        LoadedDataset d = Datasets.load(Fixtures.file("hopper-medium-v2.hdf5"));
        assertEquals(DatasetFormat.D4RL_HDF5, d.format());
        assertEquals(D4rlDomain.LOCOMOTION, d.domain());
        assertEquals("D4RL hopper", d.reference().orElseThrow().source());
        assertEquals(D4rl.load(Fixtures.file("hopper-medium-v2.hdf5")).dataset().contentHash(),
                d.dataset().contentHash());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "broken/pickle.npz|'observations' is an object array",
        "broken/nan-observations.npz|'observations' has a non-finite value (NaN) at row 4, column 1",
        "broken/inf-rewards.npz|'rewards' has a non-finite value (Infinity) at row 2",
        "broken/length-mismatch.npz|arrays have different lengths: observations=6 actions=5",
        "broken/missing-actions.npz|missing required array actions",
        "broken/float16.npz|'observations' has dtype '<f2'",
        "broken/string-rewards.npz|'rewards' has dtype '<U1'",
        "broken/truncated.npz|not a readable .npz (ZIP) archive",
        "broken/bad-crc.npz|does not match the CRC-32",
        "broken/single.npy|holds a single NumPy array",
        "broken/not-npy-entries.npz|missing required arrays observations, actions",
        "broken/bad.csv|line 3, column 'act_b': 'x' is not a number",
        "broken/nan.csv|line 3, column 'reward': non-finite value 'nan'",
        "broken/minari-short-observations|'episode_0/observations' has shape [4, 3]; expected 5 rows",
        "broken/minari-nan-rewards|'episode_0/rewards' has a non-finite value (NaN) at row 2",
        "broken/minari-missing-truncations|'episode_0' has no 'truncations'",
        "broken/minari-discrete|'action_space' is a Discrete space",
        "broken/minari-wrong-total|'total_episodes' is 2 but main_data.hdf5 has 1 episode groups",
        "minari/arrow-v0|'data_format' is 'arrow'",
        "minari/nodata-v0|no data/main_data.hdf5 (only data/metadata.json)",
    })
    void badInputFailsWithOneLineNamingFileAndField(String fixture, String expected) {
        Path f = resource(fixture);
        RuntimeException e = assertThrows(RuntimeException.class, () -> Datasets.load(f));
        assertTrue(e instanceof D4rlFormatException, "not a format error: " + e);
        String m = e.getMessage();
        assertTrue(m.startsWith(f.toString()), "does not name the file first: " + m);
        assertTrue(m.contains(expected), "expected '" + expected + "' in: " + m);
        assertFalse(m.contains("\n"), "more than one line: " + m);
        assertFalse(m.replace(f.toString(), "").matches(".*\\b[a-z]+\\.[a-z]+\\.[A-Z]\\w*.*"), "class name: " + m);
    }

    @Test
    void aTruncatedMinariFileIsSaidToBeTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(resource("minari/legacy-dict-v0/data/main_data.hdf5"));
        Path data = Files.createDirectories(dir.resolve("cut-v0").resolve("data"));
        Path main = data.resolve("main_data.hdf5");
        Files.write(main, java.util.Arrays.copyOf(whole, whole.length / 2));
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> Datasets.load(dir.resolve("cut-v0")));
        assertEquals(main + ": truncated HDF5 file: its superblock records " + whole.length + " bytes but the file has"
                + " only " + whole.length / 2, e.getMessage());
    }

    @Test
    void aMissingPathOrMinariIdIsAnIoErrorNamingIt() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Datasets.load("nowhere/x-v0",
                DatasetOptions.builder().minariRoot(dir).build()));
        assertEquals("nowhere/x-v0: no such file, and no Minari dataset of that id under " + dir, e.getMessage());
        Path missing = dir.resolve("missing.npz");
        UncheckedIOException e2 = assertThrows(UncheckedIOException.class, () -> Datasets.load(missing));
        assertEquals(missing + ": no such file", e2.getMessage());
    }

    @Test
    void aDirectoryOfNothingKnownIsRefused() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> Datasets.load(dir));
        assertTrue(e.getMessage().contains("is a directory but not a Minari dataset with data"), e.getMessage());
    }

    @Test
    void csvColumnSpecsAreValidated() {
        assertEquals("CSV columns: unknown key 'bogus' (keys: act, episode, next, obs, reward, terminal, timeout)",
                assertThrows(IllegalArgumentException.class, () -> CsvColumns.parse("bogus=x")).getMessage());
        assertEquals("CSV columns: key 'reward' takes one column, got [a, b]",
                assertThrows(IllegalArgumentException.class, () -> CsvColumns.parse("reward=a,b")).getMessage());
        CsvColumns c = CsvColumns.parse("obs=x*;act=u");
        assertEquals(List.of("x*"), c.observations());
        assertEquals("reward", c.reward());
    }
}
