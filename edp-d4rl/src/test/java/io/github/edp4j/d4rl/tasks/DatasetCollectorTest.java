package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collection on the pure-Java pendulum (200-step episodes), which needs no native library. */
class DatasetCollectorTest {

    private static CollectedDataset collect(BehaviourPolicy b, int steps, long seed) {
        return DatasetCollector.collect(new Pendulum(), b, new CollectionConfig("pendulum-test", steps, seed),
                CollectionListener.none());
    }

    @Test
    void sameSeedGivesIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        BehaviourPolicy b = Behaviours.withGaussianNoise(Behaviours.uniformRandom(new Pendulum().actionBounds()), 0.1);
        collect(b, 1_050, 7).write(dir.resolve("a.hdf5"));
        collect(b, 1_050, 7).write(dir.resolve("b.hdf5"));
        collect(b, 1_050, 8).write(dir.resolve("c.hdf5"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.hdf5")), Files.readAllBytes(dir.resolve("b.hdf5")));
        OfflineDataset a = D4rl.load(dir.resolve("a.hdf5")).dataset();
        OfflineDataset c = D4rl.load(dir.resolve("c.hdf5")).dataset();
        assertEquals(1_050, a.size());
        assertNotEquals(a.contentHash(), c.contentHash());
    }

    @Test
    void episodesRunToTheLimitAndTheLastIsCutOffAsATimeout(@TempDir Path dir) {
        List<int[]> progress = new ArrayList<>();
        BehaviourPolicy b = Behaviours.uniformRandom(new Pendulum().actionBounds());
        CollectedDataset c = DatasetCollector.collect(new Pendulum(), b, new CollectionConfig("p", 25_050, 3),
                (steps, total, episodes, mean) -> progress.add(new int[] {steps, total, episodes}));
        OfflineDataset ds = c.dataset();
        assertEquals(25_050, ds.size());
        for (int i = 0; i < ds.size(); i++) {
            boolean end = (i + 1) % Pendulum.HORIZON == 0 || i == ds.size() - 1;
            assertEquals(end, ds.timeouts()[i], "timeout at row " + i);
            assertFalse(ds.terminals()[i]);
        }
        assertEquals(125, c.episodeReturns().length, "the cut-off episode has no return");
        assertFalse(c.hasPhysicsState());
        assertEquals(List.of(10_000, 20_000, 25_050), progress.stream().map(p -> p[0]).toList());
        assertEquals(125, progress.get(2)[2]);
        // the recorded episode returns are the sums of the rows' rewards
        double first = 0;
        for (int i = 0; i < Pendulum.HORIZON; i++) {
            first += ds.rewards()[i];
        }
        assertEquals(first, c.episodeReturns()[0], 1e-3);
        // the first episode is the uniform random policy's episode of seed 3, as the reference rollouts run it
        assertEquals(Rollouts.episodeReturn(new Pendulum(), new UniformRandomController(new Pendulum().actionBounds()),
                3), c.episodeReturns()[0], 1e-9);

        Path file = dir.resolve("p.hdf5");
        c.write(file);
        D4rlDataset loaded = D4rl.load(file);
        assertEquals(ds.contentHash(), loaded.dataset().contentHash());
        assertEquals("uniform random", loaded.extras().get("metadata/behaviour").read());
        assertEquals(3L, ((Number) loaded.extras().get("metadata/seed").read()).longValue());
        assertEquals(125, ((Number) loaded.extras().get("metadata/episodes").read()).intValue());
    }

    @Test
    void mixturePicksAComponentPerEpisode() {
        BehaviourPolicy push = (o, r) -> new float[] {1f};
        BehaviourPolicy pull = (o, r) -> new float[] {-1f};
        CollectedDataset c = collect(Behaviours.mixture(List.of(push, pull), new double[] {1, 3}), 200 * 400, 11);
        float[] actions = c.dataset().actions();
        int pushes = 0;
        for (int e = 0; e < 400; e++) {
            float first = actions[e * 200];
            for (int t = 0; t < 200; t++) {
                assertEquals(first, actions[e * 200 + t], "episode " + e + " keeps its component");
            }
            pushes += first > 0 ? 1 : 0;
        }
        assertTrue(pushes > 70 && pushes < 130, "weight 1 of 4 over 400 episodes: " + pushes);
    }

    @Test
    void noiseIsAddedAndActionsAreClipped() {
        BehaviourPolicy zero = (o, r) -> new float[] {0f};
        float[] a = collect(Behaviours.withGaussianNoise(zero, 0.5), 10_000, 1).dataset().actions();
        double sum = 0;
        double sq = 0;
        for (float x : a) {
            assertTrue(x >= -1f && x <= 1f);
            sum += x;
            sq += x * x;
        }
        assertEquals(0.0, sum / a.length, 0.02);
        assertEquals(0.45, Math.sqrt(sq / a.length), 0.03, "std of N(0, 0.5^2) clipped to [-1, 1]");
    }

    @Test
    void badBehaviourAndConfigAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> collect((o, r) -> new float[2], 10, 0));
        assertTrue(e.getMessage().contains("length 2 at step 0, expected 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> collect((o, r) -> new float[] {Float.NaN}, 10, 0));
        assertTrue(e.getMessage().contains("non-finite") && e.getMessage().contains("step 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CollectionConfig("x", 0, 0));
        assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CollectionConfig(" ", 5, 0));
        assertThrows(IllegalArgumentException.class, () -> Behaviours.withGaussianNoise((o, r) -> o, -0.1));
        assertThrows(IllegalArgumentException.class,
                () -> Behaviours.mixture(List.of((o, r) -> o), new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> Behaviours.mixture(List.of((o, r) -> o), new double[] {1, 2}));
    }
}
