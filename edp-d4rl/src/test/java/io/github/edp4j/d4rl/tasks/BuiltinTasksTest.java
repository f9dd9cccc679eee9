package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.env.Environment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinTasksTest {

    @Test
    void everyTaskAndDatasetIsListedAndFound() {
        assertEquals(List.of("pendulum", "pointmaze-umaze", "pointmaze-umaze-dense", "pointmaze-open",
                "pointmaze-open-dense", "pointmaze-fork", "pointmaze-fork-dense", "bandit", "hopper", "walker2d",
                "halfcheetah"), BuiltinTasks.taskNames());
        assertTrue(BuiltinTasks.datasetNames().containsAll(List.of("pendulum-random", "pendulum-medium",
                "pendulum-expert", "pendulum-medium-replay", "pendulum-medium-expert", "pointmaze-umaze-noisy",
                "pointmaze-open-noisy", "pointmaze-fork-noisy", "pointmaze-fork-multimodal",
                "pointmaze-umaze-dense-noisy", "pointmaze-fork-dense-multimodal", "bandit-mixed", "hopper-random",
                "hopper-medium", "hopper-expert", "hopper-medium-expert", "walker2d-medium", "halfcheetah-expert")));
        for (String task : BuiltinTasks.taskNames()) {
            if (BuiltinTasks.unavailableReason(task).isPresent()) {
                assertTrue(List.of("hopper", "walker2d", "halfcheetah").contains(task), task);
                continue; // MuJoCo is missing here; the locomotion tests cover these when it is present
            }
            Environment a = BuiltinTasks.environment(task);
            assertEquals(task, a.name());
            assertNotSame(a, BuiltinTasks.environment(task));
        }
        for (String ds : BuiltinTasks.datasetNames()) {
            String task = BuiltinTasks.taskOf(ds);
            assertTrue(ds.startsWith(task + "-"), ds + " belongs to " + task);
            assertEquals(BuiltinTasks.referenceScores(task), BuiltinTasks.referenceScores(ds));
        }
        assertEquals("pointmaze-fork", BuiltinTasks.taskOf("pointmaze-fork-multimodal"));
        assertEquals(4, BuiltinTasks.environment("pointmaze-fork").observationDim());
        assertEquals(3, BuiltinTasks.environment("pendulum").observationDim());
        assertEquals(200, BuiltinTasks.environment("pendulum").maxEpisodeSteps());
        assertEquals(1, BuiltinTasks.environment("bandit").maxEpisodeSteps());
    }

    @Test
    void unknownNamesThrowWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltinTasks.environment("pendulum-v1"));
        assertTrue(e.getMessage().contains("'pendulum-v1'") && e.getMessage().contains("pointmaze-fork"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BuiltinTasks.dataset("pendulum-bad", Path.of("x")));
        assertTrue(e.getMessage().contains("pendulum-medium-replay"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BuiltinTasks.generate("hopper-medium-v2"));
        assertTrue(e.getMessage().contains("bandit-mixed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BuiltinTasks.normalizedScore("walker", 1.0));
        assertTrue(e.getMessage().contains("pendulum") && e.getMessage().contains("bandit-mixed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BuiltinTasks.taskOf("pendulum"));
        assertThrows(IllegalArgumentException.class, () -> BuiltinTasks.environment(null));
    }

    @Test
    void normalizedScoreIsZeroAtRandomAndHundredAtExpert() {
        for (String task : BuiltinTasks.taskNames()) {
            ReferenceScores r = BuiltinTasks.referenceScores(task);
            assertEquals(0.0, BuiltinTasks.normalizedScore(task, r.min()), 1e-9, task);
            assertEquals(100.0, BuiltinTasks.normalizedScore(task, r.max()), 1e-9, task);
            assertEquals(50.0, BuiltinTasks.normalizedScore(task, (r.min() + r.max()) / 2), 1e-9, task);
        }
        ReferenceScores p = BuiltinTasks.referenceScores("pendulum-medium");
        assertEquals(100 * (-500 - p.min()) / (p.max() - p.min()), BuiltinTasks.normalizedScore("pendulum", -500),
                1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ReferenceScores(1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceScores(0, Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceScores(0, 1, 0));
    }

    @Test
    void cacheDirectoryDefaultsUnderHomeAndFollowsTheProperty() {
        String old = System.getProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
        try {
            System.clearProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
            assertEquals(Path.of(System.getProperty("user.home"), ".edp4j", "datasets"),
                    BuiltinTasks.cacheDirectory());
            System.setProperty(BuiltinTasks.CACHE_DIR_PROPERTY, "/tmp/some-cache");
            assertEquals(Path.of("/tmp/some-cache"), BuiltinTasks.cacheDirectory());
        } finally {
            if (old == null) {
                System.clearProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
            } else {
                System.setProperty(BuiltinTasks.CACHE_DIR_PROPERTY, old);
            }
        }
    }
}
