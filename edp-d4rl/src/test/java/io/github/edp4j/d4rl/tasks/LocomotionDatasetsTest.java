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
import io.github.edp4j.d4rl.experts.ExpertActor;
import io.github.edp4j.d4rl.mujoco.Locomotion;
import io.github.edp4j.d4rl.mujoco.LocomotionEnvironment;
import io.github.edp4j.d4rl.mujoco.LocomotionTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Collection on the MuJoCo tasks and the built-in locomotion datasets, at small sizes. */
class LocomotionDatasetsTest {

    @Test
    @Timeout(120)
    void hopperCollectionIsReproducibleAndRecordsThePhysicsState(@TempDir Path dir) throws IOException {
        MuJoCoAssumption.require();
        for (String f : List.of("a.hdf5", "b.hdf5")) {
            try (LocomotionEnvironment env = Locomotion.environment("hopper")) {
                DatasetCollector.collect(env, LocomotionDatasets.behaviour(LocomotionTask.HOPPER, "medium", env),
                        new CollectionConfig("hopper-medium", 1_500, 42), CollectionListener.none())
                        .write(dir.resolve(f));
            }
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.hdf5")), Files.readAllBytes(dir.resolve("b.hdf5")),
                "same seed, same bytes");
        D4rlDataset d = D4rl.load(dir.resolve("a.hdf5"));
        OfflineDataset ds = d.dataset();
        assertEquals(1_500, ds.size());
        assertArrayEquals(new int[] {1_500, 6}, d.extras().get("infos/qpos").shape());
        assertArrayEquals(new int[] {1_500, 6}, d.extras().get("infos/qvel").shape());
        double[] qpos = d.extras().get("infos/qpos").readAsDoubles();
        double[] qvel = d.extras().get("infos/qvel").readAsDoubles();
        for (int i = 0; i < ds.size(); i++) {
            float[] obs = ds.observation(i);
            for (int j = 0; j < 5; j++) {
                assertEquals((float) qpos[i * 6 + j + 1], obs[j], "row " + i + ": observation is qpos without x");
            }
            assertEquals((float) Math.max(-10, Math.min(10, qvel[i * 6])), obs[5], "row " + i + ": clipped x velocity");
        }
        int ends = 0;
        for (int i = 0; i < ds.size(); i++) {
            ends += ds.episodeEnd(i) ? 1 : 0;
        }
        assertTrue(ends >= 3, "noisy hopper episodes end early: " + ends);
        assertTrue(((String) d.extras().get("metadata/behaviour").read()).contains("expert hopper with Gaussian"));
        assertEquals(io.github.edp4j.d4rl.mujoco.MuJoCo.get().version(), d.extras().get("metadata/mujoco_version").read());
    }

    @Test
    @Timeout(300)
    void builtinDatasetsOfAConfiguredSizeAreCachedUnderTheirSize(@TempDir Path dir) {
        MuJoCoAssumption.require();
        String old = System.getProperty(LocomotionDatasets.STEPS_PROPERTY);
        try {
            System.setProperty(LocomotionDatasets.STEPS_PROPERTY, "1000");
            OfflineDataset me = BuiltinTasks.dataset("halfcheetah-medium-expert", dir);
            // built from its parts, which are cached on the way, and equal to the union generated directly
            String g = "-1000steps-g" + DatasetCache.GENERATOR_VERSION + ".hdf5";
            assertTrue(Files.exists(dir.resolve("halfcheetah-medium" + g)));
            assertTrue(Files.exists(dir.resolve("halfcheetah-expert" + g)));
            assertEquals(BuiltinTasks.generate("halfcheetah-medium-expert").contentHash(), me.contentHash());
            D4rlDataset union = D4rl.load(dir.resolve("halfcheetah-medium-expert" + g));
            assertArrayEquals(new int[] {2_000, 9}, union.extras().get("infos/qpos").shape());
            assertEquals("stochastic expert halfcheetah", union.extras().get("metadata/second/behaviour").read());
            OfflineDataset medium = BuiltinTasks.dataset("halfcheetah-medium", dir);
            OfflineDataset expert = BuiltinTasks.dataset("halfcheetah-expert", dir);
            assertEquals(2_000, me.size());
            assertEquals(1_000, medium.size());
            assertArrayEquals(medium.observations(), Arrays.copyOf(me.observations(), 17_000));
            assertArrayEquals(expert.actions(), Arrays.copyOfRange(me.actions(), 6_000, 12_000));
            assertTrue(Files.exists(dir.resolve("halfcheetah-medium-expert-1000steps-g" + DatasetCache.GENERATOR_VERSION
                    + ".hdf5")));
            // one halfcheetah episode (1,000 steps, never terminates) ends exactly at the timeout
            assertTrue(medium.timeouts()[999]);
            assertFalse(medium.terminals()[999]);
            OfflineDataset random = BuiltinTasks.dataset("halfcheetah-random", dir);
            assertNotEquals(random.contentHash(), medium.contentHash());
            assertEquals(random.contentHash(), BuiltinTasks.dataset("halfcheetah-random", dir).contentHash(),
                    "read back from the cache");
            System.setProperty(LocomotionDatasets.STEPS_PROPERTY, "12");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BuiltinTasks.dataset("hopper-random", dir));
            assertTrue(e.getMessage().contains(LocomotionDatasets.STEPS_PROPERTY) && e.getMessage().contains("12"),
                    e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(LocomotionDatasets.STEPS_PROPERTY);
            } else {
                System.setProperty(LocomotionDatasets.STEPS_PROPERTY, old);
            }
        }
    }

    /**
     * The shipped experts reach their known returns in the Java environments (deterministic actions, a few seeded
     * episodes, loose bounds: Hopper 3,367 +- 485 on MuJoCo 3.14 and about 3,290 on 2.2.2, Walker2d 3,731,
     * HalfCheetah 9,406), and the uniform random policy stays near D4RL's random reference.
     */
    @Test
    @Timeout(300)
    void expertsReachTheirKnownReturns() {
        MuJoCoAssumption.require();
        assertMeanReturn(LocomotionTask.HOPPER, 4, 2_500, 4_000);
        assertMeanReturn(LocomotionTask.WALKER2D, 3, 3_000, 4_500);
        assertMeanReturn(LocomotionTask.HALFCHEETAH, 2, 9_000, 10_000);
        try (LocomotionEnvironment env = Locomotion.environment(LocomotionTask.HOPPER)) {
            Controller random = new UniformRandomController(env.actionBounds());
            double r = Rollouts.meanReturn(env, random, 0, 20);
            assertEquals(17.7, r, 10.0, "random hopper (Gymnasium: 17.7)");
        }
    }

    private static void assertMeanReturn(LocomotionTask task, int episodes, double low, double high) {
        ExpertActor actor = ExpertActor.builtin(task.envName());
        try (LocomotionEnvironment env = Locomotion.environment(task)) {
            double mean = Rollouts.meanReturn(env, (o, rng) -> actor.act(o), 1_000, episodes);
            assertTrue(mean > low && mean < high, task + " expert mean return " + mean + " over " + episodes
                    + " episodes, expected in (" + low + ", " + high + ")");
        }
    }
}
