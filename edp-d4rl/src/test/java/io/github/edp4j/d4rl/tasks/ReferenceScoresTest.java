package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReferenceScoresTest {

    static java.util.List<String> tasks() {
        return TaskCatalog.scriptedTaskNames();
    }

    /**
     * A regression pin, not a check of the values' correctness: the stored constants were printed by this same
     * {@code measureReference()} ({@code PrintReferenceScores}), so this only guards against an unnoticed change to a
     * task, its scripted policies or their seeding (StrictMath makes the rollouts bit-reproducible). What the values
     * mean is checked by {@link #scriptedExpertClearlyBeatsRandom} on fresh seeds.
     */
    @ParameterizedTest
    @MethodSource("tasks")
    void storedReferenceScoresStillEqualTheSeededRolloutsThatProducedThem(String name) {
        TaskSpec task = TaskCatalog.task(name);
        ReferenceScores measured = task.measureReference();
        assertTrue(task.reference().episodes() >= 100);
        assertEquals(task.reference().min(), measured.min(), 0.0, name + " ref_min");
        assertEquals(task.reference().max(), measured.max(), 0.0, name + " ref_max");
    }

    /** On fresh seeds the expert stays near 100 and the random policy near 0, far apart. */
    @ParameterizedTest
    @MethodSource("tasks")
    void scriptedExpertClearlyBeatsRandom(String name) {
        TaskSpec task = TaskCatalog.task(name);
        int episodes = name.equals("bandit") ? 5000 : 200;
        long seed = 900_000;
        double random = task.reference().normalize(
                Rollouts.meanReturn(task.environment().get(), task.randomPolicy(), seed, episodes));
        double expert = task.reference().normalize(
                Rollouts.meanReturn(task.environment().get(), task.expert().get(), seed, episodes));
        assertTrue(Math.abs(random) < 10, name + ": random policy on fresh seeds scores " + random);
        assertTrue(expert > 90, name + ": expert on fresh seeds scores " + expert);
    }
}
