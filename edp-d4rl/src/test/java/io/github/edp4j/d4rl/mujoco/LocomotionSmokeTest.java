package io.github.edp4j.d4rl.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.env.StepResult;
import org.junit.jupiter.api.Test;

/** A hopper episode under a constant action runs to its end on the loaded library. */
class LocomotionSmokeTest {
    @Test
    void hopperSteps() {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment env = Locomotion.environment("hopper-medium-v2")) {
            float[] obs = env.reset(1);
            assertEquals(11, obs.length);
            assertEquals(1.25, env.qpos()[1], 0.005 + 1e-12, "rootz starts near its reference 1.25");
            double ret = 0;
            int n = 0;
            StepResult r;
            do {
                r = env.step(new float[] {0.1f, -0.2f, 0.3f});
                ret += r.reward();
                n++;
            } while (!r.done());
            assertEquals(n * 4 * 0.002, env.time(), 1e-12, "simulation time after n steps of frame skip 4");
            assertArrayEquals(new double[] {0.1f, -0.2f, 0.3f}, env.ctrlFromLibrary(), 0.0);
            assertTrue(Double.isFinite(ret) && n > 1, "return " + ret + " after " + n + " steps");
        }
    }
}
