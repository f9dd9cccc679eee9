package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loads the h5py-written fixtures and compares with the exact values the generator script recorded. */
class D4rlFixturesTest {

    private static final Properties EXPECTED = Fixtures.expected();

    private static String exp(String fixture, String key) {
        String v = EXPECTED.getProperty(fixture + "." + key);
        if (v == null) {
            throw new IllegalStateException("expected.properties has no " + fixture + "." + key);
        }
        return v;
    }

    private static String trueIndices(boolean[] flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                out.add(Integer.toString(i));
            }
        }
        return String.join(",", out);
    }

    private static float[] parseFloats(String csv) {
        String[] parts = csv.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (float) Double.parseDouble(parts[i]);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hopper-medium-v2", "walker2d-medium-v0", "pen-human-v1", "antmaze-umaze-v0",
            "kitchen-partial-v0", "maze2d-umaze-v1"})
    void fixtureMatchesTheValuesH5pyWrote(String fixture) {
        D4rlDataset d = D4rl.load(Fixtures.file(fixture + ".hdf5"));
        OfflineDataset ds = d.dataset();

        assertEquals(fixture, d.name());
        assertEquals(fixture, ds.name());
        assertEquals(D4rlDomain.valueOf(exp(fixture, "domain")), d.domain());
        assertTrue(d.standardName());
        assertEquals(Integer.parseInt(exp(fixture, "rows")), d.rawRows());
        assertEquals(Integer.parseInt(exp(fixture, "observationDim")), ds.observationDim());
        assertEquals(Integer.parseInt(exp(fixture, "actionDim")), ds.actionDim());
        assertEquals(Boolean.parseBoolean(exp(fixture, "hasNextObservations")), d.hasNextObservations());

        assertEquals(Integer.parseInt(exp(fixture, "transitions")), ds.size());
        assertEquals(ds.size(), d.transitions());
        assertEquals(Long.parseLong(exp(fixture, "q.observations.bits")), Fixtures.bits(ds.observations()));
        assertEquals(Long.parseLong(exp(fixture, "q.nextObservations.bits")), Fixtures.bits(ds.nextObservations()));
        assertEquals(Long.parseLong(exp(fixture, "q.actions.bits")), Fixtures.bits(ds.actions()));
        assertEquals(Long.parseLong(exp(fixture, "q.rewards.bits")), Fixtures.bits(ds.rewards()));
        assertEquals(exp(fixture, "q.terminals"), trueIndices(ds.terminals()));
        assertEquals(exp(fixture, "q.timeouts"), trueIndices(ds.timeouts()));
        assertArrayEquals(parseFloats(exp(fixture, "q.firstObservation")), ds.observation(0));
        float[] next = ds.nextObservations();
        int od = ds.observationDim();
        assertArrayEquals(parseFloats(exp(fixture, "q.lastNextObservation")),
                Arrays.copyOfRange(next, next.length - od, next.length));

        EpisodeStatistics raw = d.rawEpisodes();
        assertEquals(Integer.parseInt(exp(fixture, "episodes")), raw.episodes());
        assertEquals(Double.parseDouble(exp(fixture, "episodes.meanReturn")), raw.meanReturn());
        assertEquals(Double.parseDouble(exp(fixture, "episodes.minReturn")), raw.minReturn());
        assertEquals(Double.parseDouble(exp(fixture, "episodes.maxReturn")), raw.maxReturn());

        assertEquals(exp(fixture, "extras"), String.join(",", d.extras().keySet()));
        int[] rows = d.sourceRows();
        assertEquals(ds.size(), rows.length);
        for (int k = 1; k < rows.length; k++) {
            assertTrue(rows[k] > rows[k - 1], "source rows increase");
        }
    }

    @Test
    void hopperKeepsEveryRowBecauseItStoresNextObservations() {
        D4rlDataset d = D4rl.load(Fixtures.file("hopper-medium-v2.hdf5"));
        assertEquals(d.rawRows(), d.transitions());
        // the timeout row 320 is kept with its true next state, and is still an episode end
        assertTrue(d.dataset().timeouts()[320]);
        assertTrue(d.dataset().terminals()[120]);
        assertTrue(d.dataset().episodeEnd(320));
        assertFalse(d.dataset().episodeEnd(321));
    }

    @Test
    void float64FileIsRoundedToFloat32LikeNumpy() {
        // raw.observations.bits is the checksum of numpy's float64 -> float32 rounding of every stored value
        D4rlDataset d = D4rl.load(Fixtures.file("walker2d-medium-v0.hdf5"));
        float[] all = new float[d.rawRows() * d.dataset().observationDim()];
        int od = d.dataset().observationDim();
        float[] obs = d.dataset().observations();
        float[] next = d.dataset().nextObservations();
        int[] src = d.sourceRows();
        boolean[] seen = new boolean[d.rawRows()];
        for (int k = 0; k < src.length; k++) {
            System.arraycopy(obs, k * od, all, src[k] * od, od);
            System.arraycopy(next, k * od, all, (src[k] + 1) * od, od);
            seen[src[k]] = true;
            seen[src[k] + 1] = true;
        }
        for (boolean s : seen) {
            assertTrue(s, "every row appears as an observation or a next observation");
        }
        assertEquals(Long.parseLong(exp("walker2d-medium-v0", "raw.observations.bits")), Fixtures.bits(all));
    }

    @Test
    void adroitTerminalsAndTimeoutsThatDoNotCoincideAreBothEpisodeEnds() {
        D4rlDataset d = D4rl.load(Fixtures.file("pen-human-v1.hdf5"));
        OfflineDataset ds = d.dataset();
        // file: terminal 59, timeout 159, terminal 209, timeout 210 (a 1-row demo), last row 249
        assertEquals(5, d.rawEpisodes().episodes());
        List<Integer> ends = new ArrayList<>();
        for (int k = 0; k < ds.size(); k++) {
            if (ds.episodeEnd(k)) {
                ends.add(d.sourceRows()[k]);
            }
        }
        // rows 159 and 210 are timeouts (dropped: no true next state), 249 is the last row (dropped)
        assertEquals(List.of(59, 158, 209, 248), ends);
        assertEquals(3, d.rawRows() - ds.size());
    }

    @Test
    void extrasAreReadOnDemandWithTheirStoredValues() {
        D4rlDataset d = D4rl.load(Fixtures.file("hopper-medium-v2.hdf5"));
        D4rlExtra algorithm = d.extras().get("metadata/algorithm");
        assertEquals(exp("hopper-medium-v2", "extra.metadata/algorithm"), algorithm.read());
        assertEquals(0, algorithm.shape().length);
        D4rlExtra iteration = d.extras().get("metadata/iteration");
        assertEquals(Long.parseLong(exp("hopper-medium-v2", "extra.metadata/iteration")),
                ((Number) iteration.read()).longValue());
        D4rlExtra qpos = d.extras().get("infos/qpos");
        assertArrayEquals(new int[] {450, 6}, qpos.shape());
        assertEquals(450L * 6, qpos.size());
        float[] values = assertInstanceOf(float[].class, qpos.read());
        assertEquals(Long.parseLong(exp("hopper-medium-v2", "extra.infos/qpos.bits")), Fixtures.bits(values));
        double[] asDoubles = qpos.readAsDoubles();
        assertEquals(values.length, asDoubles.length);
        assertEquals(values[7], asDoubles[7]);
        assertArrayEquals(new int[] {4, 11}, d.extras().get("metadata/policy/fc0/weight").shape());
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> d.extras().remove("infos/qpos"));
    }

    @Test
    void h5pyBooleanExtrasReadAsBooleans() {
        D4rlDataset hopper = D4rl.load(Fixtures.file("hopper-medium-v2.hdf5"));
        assertEquals(Boolean.TRUE, hopper.extras().get("metadata/deterministic").read());
        assertArrayEquals(new double[] {1}, hopper.extras().get("metadata/deterministic").readAsDoubles());

        D4rlDataset maze = D4rl.load(Fixtures.file("maze2d-umaze-v1.hdf5"));
        D4rlExtra reached = maze.extras().get("infos/reached");
        assertTrue(reached.dataType().startsWith("EnumDataType"), reached.dataType());
        boolean[] flags = assertInstanceOf(boolean[].class, reached.read());
        assertEquals(maze.rawRows(), flags.length);
        // written as rewards > 0, row by row of the file
        float[] rewards = maze.dataset().rewards();
        int[] rows = maze.sourceRows();
        for (int k = 0; k < rows.length; k++) {
            assertEquals(rewards[k] > 0, flags[rows[k]], "row " + rows[k]);
        }
    }

    @Test
    void fixtureDomainsAreRecognisedFromFileNames() {
        String domains = Arrays.stream(new String[] {"hopper-medium-v2", "pen-human-v1", "antmaze-umaze-v0",
                "kitchen-partial-v0", "maze2d-umaze-v1"})
                .map(n -> D4rl.load(Fixtures.file(n + ".hdf5")).domain().name())
                .collect(Collectors.joining(","));
        assertEquals("LOCOMOTION,ADROIT,ANTMAZE,KITCHEN,MAZE2D", domains);
    }
}
