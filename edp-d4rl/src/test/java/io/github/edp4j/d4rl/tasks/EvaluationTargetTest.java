package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.d4rl.D4rlScores;
import io.github.edp4j.d4rl.mujoco.MuJoCo;
import org.junit.jupiter.api.Test;

class EvaluationTargetTest {

    @Test
    void d4rlLocomotionNamesMapToTheirTaskWithD4rlReferences() {
        for (String name : new String[] {"hopper-medium-v2", "hopper", "Hopper-v3", "hopper_medium-v2.hdf5",
                "hopper-medium-expert"}) {
            EvaluationTarget t = EvaluationTarget.of(name);
            assertEquals("hopper", t.task(), name);
            assertTrue(t.needsMuJoCo());
            assertEquals(D4rlScores.normalized("hopper-medium-v2", 1234.5), t.normalizedScore(1234.5), 1e-9, name);
            assertEquals(t.normalizedScore(99.0), t.normalizer().applyAsDouble(99.0), 0.0);
            assertEquals("D4RL hopper", t.referenceSource());
            assertEquals(!MuJoCo.isAvailable(), t.unavailableReason().isPresent(), name);
        }
        assertEquals("halfcheetah", EvaluationTarget.of("halfcheetah-medium-replay-v2").task());
        assertEquals(100.0, EvaluationTarget.of("walker2d-expert-v2").normalizedScore(4592.3), 1e-9);
    }

    @Test
    void builtinNamesMapToTheirTaskAndOthersToNothing() {
        EvaluationTarget p = EvaluationTarget.of("pendulum-medium");
        assertEquals("pendulum", p.task());
        assertFalse(p.needsMuJoCo());
        assertTrue(p.unavailableReason().isEmpty());
        assertEquals(BuiltinTasks.normalizedScore("pendulum", -500), p.normalizedScore(-500), 0.0);
        assertEquals("pendulum", p.environments().get().name());
        assertTrue(EvaluationTarget.find("antmaze-umaze-v0").isEmpty());
        assertTrue(EvaluationTarget.find("").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvaluationTarget.of("pen-human-v1"));
        assertTrue(e.getMessage().contains("'pen-human-v1'") && e.getMessage().contains("hopper-medium-v2"),
                e.getMessage());
    }
}
