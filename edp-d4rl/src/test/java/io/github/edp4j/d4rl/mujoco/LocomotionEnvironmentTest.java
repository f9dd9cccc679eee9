package io.github.edp4j.d4rl.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gym v3 rules of the environments, and their answers to bad input. */
@Timeout(60)
class LocomotionEnvironmentTest {

    @Test
    void namesMapToTasks() {
        assertEquals(LocomotionTask.HOPPER, LocomotionTask.forName("hopper"));
        assertEquals(LocomotionTask.HOPPER, LocomotionTask.forName("Hopper-v3"));
        assertEquals(LocomotionTask.HOPPER, LocomotionTask.forName("hopper-medium-v2"));
        assertEquals(LocomotionTask.HOPPER, LocomotionTask.forName("/data/hopper-medium-replay-v2.hdf5"));
        assertEquals(LocomotionTask.WALKER2D, LocomotionTask.forName("Walker2d-v4"));
        assertEquals(LocomotionTask.WALKER2D, LocomotionTask.forName("walker2d-expert-v2"));
        assertEquals(LocomotionTask.HALFCHEETAH, LocomotionTask.forName("halfcheetah-medium-expert-v2"));
        assertEquals(LocomotionTask.HALFCHEETAH, LocomotionTask.forName("HalfCheetah-v3"));
        assertEquals(LocomotionTask.HALFCHEETAH, LocomotionTask.forName("half_cheetah"));
        assertEquals(LocomotionTask.HALFCHEETAH, LocomotionTask.forName("halfcheetah.hdf5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocomotionTask.forName("ant-medium-v2"));
        assertTrue(e.getMessage().contains("ant-medium-v2") && e.getMessage().contains("hopper"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocomotionTask.forName(" "));
        assertEquals("walker2d", LocomotionTask.WALKER2D.envName());
        assertEquals(11, LocomotionTask.HOPPER.observationDim());
        assertEquals(17, LocomotionTask.HALFCHEETAH.observationDim());
        assertEquals(6, LocomotionTask.WALKER2D.actionDim());
    }

    @ParameterizedTest
    @EnumSource(LocomotionTask.class)
    void seededResetIsReproducibleAndDrawsGymsNoise(LocomotionTask task) {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment env = Locomotion.environment(task)) {
            float[] a = env.reset(11);
            double[] qa = env.qpos();
            double[] va = env.qvel();
            float[] b = env.reset(11);
            assertArrayEquals(a, b, "same seed, same first observation");
            assertArrayEquals(qa, env.qpos(), 0.0);
            float[] c = env.reset(12);
            assertFalse(Arrays.equals(a, c), "another seed, another start");
            double s = task == LocomotionTask.HALFCHEETAH ? 0.1 : 0.005;
            double z0 = task == LocomotionTask.HALFCHEETAH ? 0.0 : 1.25;
            double maxVel = 0;
            for (long seed = 0; seed < 50; seed++) {
                env.reset(seed);
                double[] q = env.qpos();
                for (int i = 0; i < q.length; i++) {
                    double noise = q[i] - (i == 1 ? z0 : 0.0);
                    assertTrue(Math.abs(noise) <= s + 1e-12, task + " qpos noise " + noise + " beyond " + s);
                }
                for (double v : env.qvel()) {
                    maxVel = Math.max(maxVel, Math.abs(v));
                    if (task != LocomotionTask.HALFCHEETAH) {
                        assertTrue(Math.abs(v) <= s, task + " qvel noise " + v + " beyond " + s);
                    }
                }
            }
            if (task == LocomotionTask.HALFCHEETAH) {
                assertTrue(maxVel > 0.2, "HalfCheetah's qvel noise is Gaussian with std 0.1, max over 450 draws "
                        + maxVel);
            }
            assertEquals(va.length, task.nv());
        }
    }

    @Test
    void hopperRewardIsForwardVelocityPlusAliveBonusMinusControlCost() {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment env = Locomotion.environment("hopper")) {
            env.reset(5);
            double x0 = env.qpos()[0];
            float[] action = {0.5f, -0.25f, 0.75f};
            StepResult r = env.step(action);
            double x1 = env.qpos()[0];
            double cost = 1e-3 * (0.25 + 0.0625 + 0.5625);
            assertEquals((x1 - x0) / 0.008 + 1.0 - cost, r.reward(), 1e-12);
            assertFalse(r.terminated());
        }
    }

    @Test
    void halfCheetahRewardHasNoAliveBonusAndItsVelocitiesAreNotClipped() {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment env = Locomotion.environment("halfcheetah")) {
            double[] q = new double[9];
            double[] v = new double[9];
            v[3] = 25.0; // beyond Hopper's and Walker2d's clip of 10
            float[] obs = env.resetTo(q, v);
            assertEquals(25.0f, obs[8 + 3], 0f, "qvel[3] in the observation, unclipped");
            double x0 = env.qpos()[0];
            StepResult r = env.step(new float[] {1, 1, 1, 1, 1, 1});
            assertEquals((env.qpos()[0] - x0) / 0.05 - 0.1 * 6, r.reward(), 1e-12);
        }
    }

    @Test
    void hopperAndWalkerClipObservedVelocitiesAtTen() {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment env = Locomotion.environment("walker2d")) {
            double[] q = env.qpos();
            double[] v = new double[9];
            v[4] = -30.0;
            float[] obs = env.resetTo(q, v);
            assertEquals(-10.0f, obs[8 + 4], 0f);
            assertEquals(-30.0, env.qvel()[4], 0.0, "qvel itself is not clipped");
        }
    }

    @Test
    void unhealthyStatesTerminate() {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment hopper = Locomotion.environment("hopper")) {
            double[] q = {0, 0.6, 0, 0, 0, 0};  // below z = 0.7
            hopper.resetTo(q, new double[6]);
            assertTrue(hopper.step(new float[3]).terminated(), "hopper below z 0.7");
            hopper.resetTo(new double[] {0, 1.25, 0.3, 0, 0, 0}, new double[6]);
            assertTrue(hopper.step(new float[3]).terminated(), "hopper leaning beyond 0.2 rad");
            hopper.resetTo(new double[] {0, 1.25, 0, 0, 0, 0}, new double[] {0, 0, 0, 0, 150, 0});
            assertTrue(hopper.step(new float[3]).terminated(), "hopper with a velocity beyond 100");
            hopper.resetTo(new double[] {0, 1.25, 0, 0, 0, 0}, new double[6]);
            assertFalse(hopper.step(new float[3]).terminated(), "hopper upright");
            StepResult ended = terminate(hopper);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> hopper.step(new float[3]));
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
            assertTrue(ended.terminated());
        }
        try (LocomotionEnvironment walker = Locomotion.environment("walker2d")) {
            double[] q = new double[9];
            q[1] = 1.25;
            q[2] = 1.2;  // beyond 1 rad
            walker.resetTo(q, new double[9]);
            assertTrue(walker.step(new float[6]).terminated(), "walker leaning beyond 1 rad");
            q[2] = 0;
            q[1] = 2.1;  // above z 2
            walker.resetTo(q, new double[9]);
            assertTrue(walker.step(new float[6]).terminated(), "walker above z 2");
        }
    }

    private static StepResult terminate(Environment env) {
        StepResult r;
        int n = 0;
        do {
            r = env.step(new float[] {1, -1, 1});
            n++;
        } while (!r.done() && n < 1000);
        return r;
    }

    @Test
    void episodesAreTruncatedAfter1000Steps() {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment env = Locomotion.environment(LocomotionTask.HALFCHEETAH)) {
            env.reset(0);
            StepResult r = null;
            for (int i = 0; i < 1000; i++) {
                assertTrue(r == null || !r.done(), "ended early at step " + i);
                r = env.step(new float[] {0.3f, -0.3f, 0.3f, -0.3f, 0.3f, -0.3f});
            }
            assertTrue(r.truncated() && !r.terminated());
            assertThrows(IllegalStateException.class, () -> env.step(new float[6]));
        }
    }

    @Test
    void actionsAreClippedToTheUnitBox() {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment a = Locomotion.environment("hopper");
                LocomotionEnvironment b = Locomotion.environment("hopper")) {
            a.reset(9);
            b.reset(9);
            StepResult ra = a.step(new float[] {5f, -7f, 0.5f});
            StepResult rb = b.step(new float[] {1f, -1f, 0.5f});
            assertArrayEquals(rb.observation(), ra.observation());
            assertEquals(rb.reward(), ra.reward(), 0.0, "the control cost uses the clipped action");
            assertArrayEquals(new double[] {1, -1, 0.5}, a.ctrlFromLibrary(), 0.0);
        }
    }

    @Test
    void badActionsAreClearExceptionsNamingTheStep() {
        MuJoCoRequired.mujoco();
        try (LocomotionEnvironment env = Locomotion.environment("walker2d")) {
            assertThrows(IllegalStateException.class, () -> env.step(new float[6]), "step before reset");
            env.reset(1);
            env.step(new float[6]);
            env.step(new float[6]);
            IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new float[3]));
            assertTrue(dim.getMessage().contains("length 3") && dim.getMessage().contains("expected 6")
                    && dim.getMessage().contains("step 2"), dim.getMessage());
            IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new float[] {0, 0, Float.NaN, 0, 0, 0}));
            assertTrue(nan.getMessage().contains("action[2]") && nan.getMessage().contains("step 2")
                    && nan.getMessage().contains("NaN"), nan.getMessage());
            IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new float[] {0, 0, 0, 0, 0, Float.NEGATIVE_INFINITY}));
            assertTrue(inf.getMessage().contains("Infinity"), inf.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.step(null));
            assertThrows(IllegalArgumentException.class, () -> env.resetTo(new double[9], new double[8]));
            assertThrows(IllegalArgumentException.class,
                    () -> env.resetTo(new double[9], new double[] {0, 0, 0, 0, Double.NaN, 0, 0, 0, 0}));
            env.reset(2);
            assertEquals(17, env.step(new float[6]).observation().length, "still usable after refused input");
        }
    }

    @Test
    void closedEnvironmentsRefuseUse() {
        MuJoCoRequired.mujoco();
        LocomotionEnvironment env = Locomotion.environment("hopper");
        env.reset(1);
        env.close();
        assertThrows(IllegalStateException.class, () -> env.step(new float[3]));
        assertThrows(IllegalStateException.class, () -> env.reset(1));
        env.close();
    }
}
