package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.env.Environment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatasetsTest {

    static List<String> datasets() {
        return TaskCatalog.scriptedDatasetNames();
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void shapesSizesAndEpisodeBoundaries(String name) {
        DatasetSpec spec = TaskCatalog.dataset(name);
        OfflineDataset ds = spec.generate();
        Environment env = BuiltinTasks.environment(spec.task());
        assertEquals(name, ds.name());
        assertTrue(spec.admitsSize(ds.size()), name + " size " + ds.size() + ", expected " + spec.sizeDescription());
        assertEquals(env.observationDim(), ds.observationDim());
        assertEquals(env.actionDim(), ds.actionDim());
        if (name.startsWith("pendulum")) {
            assertTrue(ds.size() >= 50_000 && ds.size() <= 200_000, name + " size " + ds.size());
        } else if (name.startsWith("pointmaze")) {
            assertTrue(ds.size() >= 100_000 && ds.size() <= 1_000_000, name + " size " + ds.size());
        }

        boolean[] terminals = ds.terminals();
        boolean[] timeouts = ds.timeouts();
        float[] obs = ds.observations();
        float[] next = ds.nextObservations();
        float[] actions = ds.actions();
        int horizon = env.maxEpisodeSteps();
        int d = ds.observationDim();
        boolean fork = name.startsWith("pointmaze-fork");
        int step = 0;
        for (int i = 0; i < ds.size(); i++) {
            step++;
            boolean lastOfEpisode = step == horizon || terminals[i];
            if (name.startsWith("bandit")) {
                assertTrue(terminals[i], "row " + i);
                assertFalse(timeouts[i], "row " + i);
            } else if (fork) {
                // the fork ends at the goal (sparse reward) or in the pit, otherwise at the time limit
                assertFalse(terminals[i] && timeouts[i], "row " + i);
                assertEquals(step == horizon && !terminals[i], timeouts[i], "timeout at row " + i);
                assertTrue(step <= horizon, "row " + i);
            } else {
                assertFalse(terminals[i], "row " + i);
                assertEquals(lastOfEpisode, timeouts[i], "timeout at row " + i);
            }
            if (lastOfEpisode) {
                step = 0;
            }
            if (!lastOfEpisode) {
                // within an episode the next observation is the following row's observation
                assertArrayEquals(Arrays.copyOfRange(next, i * d, i * d + d),
                        Arrays.copyOfRange(obs, (i + 1) * d, (i + 2) * d), "row " + i);
            }
        }
        for (float a : actions) {
            assertTrue(a >= -1f && a <= 1f, "action " + a);
        }
    }

    @Test
    void generationIsDeterministic() {
        for (String name : List.of("pendulum-medium-replay", "pointmaze-umaze-noisy", "pointmaze-fork-multimodal",
                "bandit-mixed")) {
            assertEquals(BuiltinTasks.generate(name).contentHash(), BuiltinTasks.generate(name).contentHash(), name);
        }
        // different datasets differ
        assertFalse(BuiltinTasks.generate("pendulum-medium").contentHash()
                .equals(BuiltinTasks.generate("pendulum-expert").contentHash()));
    }

    @Test
    void mediumExpertIsMediumThenExpert() {
        OfflineDataset me = BuiltinTasks.generate("pendulum-medium-expert");
        OfflineDataset m = BuiltinTasks.generate("pendulum-medium");
        OfflineDataset e = BuiltinTasks.generate("pendulum-expert");
        assertEquals(m.size() + e.size(), me.size());
        float[] all = me.actions();
        assertArrayEquals(m.actions(), Arrays.copyOfRange(all, 0, m.size()));
        assertArrayEquals(e.actions(), Arrays.copyOfRange(all, m.size(), all.length));
        float[] rewards = me.rewards();
        assertArrayEquals(e.rewards(), Arrays.copyOfRange(rewards, m.size(), rewards.length));
    }

    @Test
    void rewardsAgreeWithTheEnvironments() {
        OfflineDataset p = BuiltinTasks.generate("pendulum-random");
        for (int i = 0; i < p.size(); i += 97) {
            float[] o = p.observation(i);
            double th = Math.atan2(o[1], o[0]);
            double u = 2 * p.action(i)[0];
            assertEquals(-(th * th + 0.1 * o[2] * o[2] + 0.001 * u * u), p.reward(i), 1e-3, "pendulum row " + i);
        }
        for (boolean dense : new boolean[] {false, true}) {
            OfflineDataset m = BuiltinTasks.generate(PointMaze.taskName(MazeLayout.UMAZE, dense) + "-noisy");
            PointMaze env = new PointMaze(MazeLayout.UMAZE, dense);
            float[] next = m.nextObservations();
            for (int i = 0; i < m.size(); i++) {
                assertEquals(env.reward(next[4 * i], next[4 * i + 1]), m.reward(i), 1e-5, "maze row " + i);
            }
        }
    }

    @Test
    void sparseAndDenseVariantsShareTrajectories() {
        OfflineDataset s = BuiltinTasks.generate("pointmaze-umaze-noisy");
        OfflineDataset d = BuiltinTasks.generate("pointmaze-umaze-dense-noisy");
        assertArrayEquals(s.observations(), d.observations());
        assertArrayEquals(s.actions(), d.actions());
        assertFalse(Arrays.equals(s.rewards(), d.rewards()));
    }

    @Test
    void behaviourScoresAreOrderedLikeD4rl() {
        double random = dataScore("pendulum-random");
        double replay = dataScore("pendulum-medium-replay");
        double medium = dataScore("pendulum-medium");
        double mediumExpert = dataScore("pendulum-medium-expert");
        double expert = dataScore("pendulum-expert");
        assertTrue(Math.abs(random) < 10, "random " + random);
        assertTrue(random < replay && replay < medium && medium < mediumExpert && mediumExpert < expert,
                random + " " + replay + " " + medium + " " + mediumExpert + " " + expert);
        assertTrue(medium >= 33 && medium <= 50, "medium " + medium);
        assertTrue(expert > 95, "expert " + expert);
        assertTrue(dataScore("pointmaze-fork-multimodal") > 95);
        // the noisy explorer wanders: far below the expert, so good behaviour has to be stitched
        for (String layout : List.of("umaze", "open")) {
            double noisy = dataScore("pointmaze-" + layout + "-noisy");
            assertTrue(noisy < 30, layout + " noisy " + noisy);
        }
        // on the fork the score is the share of episodes that reach the goal; the explorer's targets are random
        double forkNoisy = dataScore("pointmaze-fork-noisy");
        assertTrue(forkNoisy < 60, "fork noisy " + forkNoisy);
    }

    private static double dataScore(String name) {
        OfflineDataset ds = BuiltinTasks.generate(name);
        return BuiltinTasks.normalizedScore(name, ds.meanEpisodeReturn());
    }
}
