package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through jhdf-written D4RL-layout files. */
class D4rlWriterTest {

    @TempDir
    Path tmp;

    /** Two episodes: rows 0..3 end at a terminal, rows 4..6 end at a timeout on the last row. */
    static OfflineDataset sample(String name) {
        int n = 7;
        float[] obs = new float[n * 3];
        float[] next = new float[n * 3];
        float[] act = new float[n * 2];
        float[] rew = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                obs[i * 3 + j] = i + j * 0.25f - 1.5f;
                next[i * 3 + j] = (i + 1) + j * 0.25f - 1.5f;
            }
            act[i * 2] = (float) Math.sin(i);
            act[i * 2 + 1] = -0.125f * i;
            rew[i] = 0.1f * i - 0.3f;
        }
        next[3 * 3] = 42; // a terminal's next state that is not the next row
        boolean[] term = new boolean[n];
        boolean[] tout = new boolean[n];
        term[3] = true;
        tout[6] = true;
        return OfflineDataset.builder().name(name).observations(obs, 3).actions(act, 2).rewards(rew)
                .nextObservations(next, 3).terminals(term).timeouts(tout).build();
    }

    private static void assertSameTransitions(OfflineDataset expected, OfflineDataset actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.observationDim(), actual.observationDim());
        assertEquals(expected.actionDim(), actual.actionDim());
        assertArrayEquals(expected.observations(), actual.observations());
        assertArrayEquals(expected.actions(), actual.actions());
        assertArrayEquals(expected.rewards(), actual.rewards());
        assertArrayEquals(expected.nextObservations(), actual.nextObservations());
        assertArrayEquals(expected.terminals(), actual.terminals());
        assertArrayEquals(expected.timeouts(), actual.timeouts());
        assertEquals(expected.contentHash(), actual.contentHash());
    }

    @Test
    void roundTripIsIdenticalIncludingALastRowTimeout() {
        OfflineDataset ds = sample("hopper-medium-v2");
        Path file = tmp.resolve("hopper-medium-v2.hdf5");
        D4rlWriter.write(ds, file);
        D4rlDataset back = D4rl.load(file);
        assertSameTransitions(ds, back.dataset());
        assertEquals("hopper-medium-v2", back.name());
        assertEquals(D4rlDomain.LOCOMOTION, back.domain());
        assertTrue(back.hasNextObservations());
        assertTrue(back.dataset().timeouts()[6]);
        assertEquals(EpisodeStatistics.of(ds), back.rawEpisodes());
        assertEquals(2, back.rawEpisodes().episodes());
    }

    @Test
    void nameIsStoredAndUsedWhenTheFileNameIsNotADatasetName() {
        OfflineDataset ds = sample("pendulum-medium");
        Path file = tmp.resolve("cache-1234.hdf5");
        D4rlWriter.write(ds, file);
        D4rlDataset back = D4rl.load(file);
        assertEquals("pendulum-medium", back.name());
        assertEquals(D4rlDomain.UNKNOWN, back.domain());
        assertEquals("pendulum-medium", back.extras().get(D4rlWriter.NAME_KEY).read());
        assertEquals("renamed-data", D4rl.load(file, "renamed-data").name(), "an explicit name wins");
    }

    @Test
    void roundTripOfEveryFixtureAfterLoading() {
        for (String f : List.of("hopper-medium-v2", "walker2d-medium-v0", "pen-human-v1", "antmaze-umaze-v0",
                "kitchen-partial-v0", "maze2d-umaze-v1")) {
            OfflineDataset ds = D4rl.load(Fixtures.file(f + ".hdf5")).dataset();
            Path file = tmp.resolve(f + ".hdf5");
            D4rlWriter.write(ds, file);
            D4rlDataset back = D4rl.load(file);
            assertSameTransitions(ds, back.dataset());
            assertEquals(f, back.name());
        }
    }

    @Test
    void writtenLayoutIsD4rlsWithGzipChunks() {
        Path file = tmp.resolve("layout.hdf5");
        D4rlWriter.write(sample("x"), file);
        try (HdfFile h = new HdfFile(file)) {
            for (String key : List.of("observations", "actions", "rewards", "terminals", "timeouts",
                    "next_observations")) {
                assertEquals("CHUNKED", h.getDatasetByPath(key).getDataLayout().name(), key);
                assertTrue(h.getDatasetByPath(key).getFilters().toString().contains("deflate"), key);
            }
            assertArrayEquals(new int[] {7, 3}, h.getDatasetByPath("observations").getDimensions());
            assertArrayEquals(new int[] {7}, h.getDatasetByPath("rewards").getDimensions());
            assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0}, (byte[]) h.getDatasetByPath("terminals").getData());
        }
    }

    @Test
    void metadataValuesRoundTrip() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("seed", 7L);
        meta.put("generator", "pendulum expert");
        meta.put("ref/min", -1234.5);
        meta.put("ref/max", -150.25);
        meta.put("weights", new float[] {1, 2, 3});
        Path file = tmp.resolve("meta.hdf5");
        D4rlWriter.write(sample("pendulum-expert"), file, meta);
        Map<String, D4rlExtra> extras = D4rl.load(file).extras();
        assertEquals(List.of("metadata/generator", "metadata/name", "metadata/ref/max", "metadata/ref/min",
                "metadata/seed", "metadata/weights"), List.copyOf(extras.keySet()));
        assertEquals(7L, ((Number) extras.get("metadata/seed").read()).longValue());
        assertEquals("pendulum expert", extras.get("metadata/generator").read());
        assertArrayEquals(new double[] {-1234.5}, extras.get("metadata/ref/min").readAsDoubles());
        assertArrayEquals(new double[] {1, 2, 3}, extras.get("metadata/weights").readAsDoubles());
    }

    @Test
    void rowArraysSuchAsInfosQposRoundTrip() {
        double[][] qpos = new double[7][];
        for (int i = 0; i < 7; i++) {
            qpos[i] = new double[] {i, -i / 3.0, 1e-12 * i, 5};
        }
        double[][] qvel = new double[7][2];
        qvel[6][1] = Math.PI;
        Path file = tmp.resolve("infos.hdf5");
        D4rlWriter.write(sample("hopper-medium-v2"), file, Map.of("seed", 3L),
                Map.of("infos/qpos", qpos, "infos/qvel", qvel));
        D4rlDataset loaded = D4rl.load(file);
        assertSameTransitions(sample("hopper-medium-v2"), loaded.dataset());
        D4rlExtra q = loaded.extras().get("infos/qpos");
        assertArrayEquals(new int[] {7, 4}, q.shape());
        double[] flat = q.readAsDoubles();
        assertEquals(-2.0, flat[6 * 4 + 1], 0.0);
        assertEquals(3e-12, flat[3 * 4 + 2], 0.0);
        assertEquals(Math.PI, loaded.extras().get("infos/qvel").readAsDoubles()[13], 0.0);

        OfflineDataset ds = sample("x");
        Path bad = tmp.resolve("bad-arrays.hdf5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> D4rlWriter.write(ds, bad, Map.of(), Map.of("infos/qpos", new double[6][1])));
        assertTrue(e.getMessage().contains("'infos/qpos' has 6 rows, expected one per transition: 7"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> D4rlWriter.write(ds, bad, Map.of(), Map.of("rewards/x", new double[7][1])));
        assertTrue(e.getMessage().contains("collides"), e.getMessage());
        double[][] ragged = new double[7][2];
        ragged[4] = new double[3];
        e = assertThrows(IllegalArgumentException.class,
                () -> D4rlWriter.write(ds, bad, Map.of(), Map.of("infos/q", ragged)));
        assertTrue(e.getMessage().contains("row 4 has length 3, expected 2"), e.getMessage());
        assertFalse(Files.exists(bad));
    }

    @Test
    void badMetadataIsRejectedBeforeAnythingIsWritten() {
        Path file = tmp.resolve("bad-meta.hdf5");
        OfflineDataset ds = sample("x");
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> D4rlWriter.write(ds, file, Map.of("name", "y")));
        assertTrue(e1.getMessage().contains("'name' is reserved"), e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> D4rlWriter.write(ds, file, Map.of("a b", 1)));
        assertTrue(e2.getMessage().contains("'a b' is not allowed"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> D4rlWriter.write(ds, file, Map.of("list", List.of(1))));
        assertTrue(e3.getMessage().contains("'list' has a value of type"), e3.getMessage());
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
                () -> D4rlWriter.write(ds, file, Map.of("a", 1, "a/b", 2)));
        assertTrue(e4.getMessage().contains("both a value and the group"), e4.getMessage());
        IllegalArgumentException e5 = assertThrows(IllegalArgumentException.class,
                () -> D4rlWriter.write(ds, file, Map.of("empty", new double[0])));
        assertTrue(e5.getMessage().contains("'empty' is an empty array"), e5.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("sub/dir/out.hdf5");
        D4rlWriter.write(sample("first"), file);
        D4rlWriter.write(sample("second"), file);
        assertEquals("second", D4rl.load(file).name());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        // the target is a non-empty directory: the move fails after the temporary file was written
        Path target = tmp.resolve("in-the-way.hdf5");
        Path child = Files.writeString(Files.createDirectories(target).resolve("child.txt"), "previous content");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> D4rlWriter.write(sample("x"), target));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals("previous content", Files.readString(child, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(target), files.toList(), "no temporary file left behind");
        }
    }

    /**
     * The python that has h5py: the system property {@code edp4j.python}, else the environment variable
     * {@code EDP4J_PYTHON} (CI's {@code .ci/run} creates a venv with h5py and sets it), else {@code /usr/bin/python3}.
     */
    static Path python() {
        String p = System.getProperty("edp4j.python");
        if (p == null || p.isBlank()) {
            p = System.getenv("EDP4J_PYTHON");
        }
        return Path.of(p == null || p.isBlank() ? "/usr/bin/python3" : p);
    }

    /** Skips a test that needs h5py on a developer's machine without it; on CI (CI=true) a missing h5py fails. */
    static void requireH5py(boolean available, String why) {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, why + " (CI must provide h5py: see .ci/run)");
        } else {
            Assumptions.assumeTrue(available, why);
        }
    }

    @Test
    void h5pyReadsTheWrittenFileAsD4rlDoes() throws Exception {
        Path python = python();
        requireH5py(Files.isExecutable(python), "needs " + python + " with h5py (-Dedp4j.python or EDP4J_PYTHON)");
        Path file = tmp.resolve("h5py-check.hdf5");
        D4rlWriter.write(sample("hopper-medium-v2"), file);
        String script = "import sys, h5py, numpy as np\n"
                + "f = h5py.File(sys.argv[1], 'r')\n"
                + "print(f['observations'].shape, f['observations'].dtype, f['observations'].compression,"
                + " int(np.sum(f['terminals'][()])), bool(f['timeouts'][6]), float(f['next_observations'][3, 0]),"
                + " f['metadata/name'][()].decode())\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, file.toString()).redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        requireH5py(!out.contains("No module named"), python + " has no h5py/numpy: " + out);
        assertEquals(0, p.exitValue(), out);
        assertEquals("(7, 3) float32 gzip 1 True 42.0 hopper-medium-v2", out);
    }
}
