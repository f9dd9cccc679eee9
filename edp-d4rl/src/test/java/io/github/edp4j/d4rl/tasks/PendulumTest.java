package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.env.StepResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PendulumTest {

    // Expected values computed by hand with gym's Pendulum-v1 step in Python (float64).
    @Test
    void stepMatchesGymPendulumEquations() {
        Pendulum env = new Pendulum();
        env.resetTo(1.0, 0.5);
        StepResult r = env.step(new float[] {0.25f}); // torque 0.5
        assertEquals(-1.02525, r.reward(), 1e-12);
        assertEquals(1.2061032386059223, env.thetaDot(), 1e-12);
        assertEquals(1.0603051619302961, env.theta(), 1e-12);
        assertArrayEquals(new float[] {(float) Math.cos(1.0603051619302961), (float) Math.sin(1.0603051619302961),
            (float) 1.2061032386059223}, r.observation(), 1e-6f);
        assertFalse(r.terminated());
        assertFalse(r.truncated());

        env.resetTo(-2.0, -3.0);
        r = env.step(new float[] {-1f}); // torque -2
        assertEquals(-4.904, r.reward(), 1e-12);
        assertEquals(-3.9819730701192615, env.thetaDot(), 1e-12);
        assertEquals(-2.199098653505963, env.theta(), 1e-12);
        assertEquals(-0.5877721428983534, r.observation()[0], 1e-6);
        assertEquals(-0.8090265187450146, r.observation()[1], 1e-6);
    }

    @Test
    void actionsAreScaledToTorqueAndClipped() {
        Pendulum a = new Pendulum();
        Pendulum b = new Pendulum();
        a.resetTo(0.3, 0.0);
        b.resetTo(0.3, 0.0);
        StepResult ra = a.step(new float[] {5f});
        StepResult rb = b.step(new float[] {1f});
        assertEquals(rb.reward(), ra.reward(), 0.0);
        assertEquals(-(0.09 + 0.001 * 4), ra.reward(), 1e-12); // u = 2 after clipping
        assertEquals(b.thetaDot(), a.thetaDot(), 0.0);
    }

    @Test
    void speedIsClippedAtEight() {
        Pendulum env = new Pendulum();
        env.resetTo(Math.PI / 2, 7.9);
        env.step(new float[] {1f}); // 7.9 + (15 + 6) * 0.05 = 8.95 -> 8
        assertEquals(8.0, env.thetaDot(), 0.0);
        assertEquals(Math.PI / 2 + 0.4, env.theta(), 1e-12);
    }

    @Test
    void rewardWrapsTheAngle() {
        Pendulum env = new Pendulum();
        env.resetTo(2 * Math.PI + 0.1, 0.0);
        assertEquals(-0.01, env.step(new float[] {0f}).reward(), 1e-12);
        assertEquals(-Math.PI, Pendulum.normalizeAngle(Math.PI), 0.0);
        assertEquals(-Math.PI, Pendulum.normalizeAngle(-Math.PI), 0.0);
        assertEquals(0.5, Pendulum.normalizeAngle(0.5 - 4 * Math.PI), 1e-12);
        assertEquals(-3.0, Pendulum.normalizeAngle(-3.0 + 6 * Math.PI), 1e-12);
    }

    @Test
    void resetIsSeededAndInRange() {
        Pendulum env = new Pendulum();
        for (long seed = 0; seed < 500; seed++) {
            float[] obs = env.reset(seed);
            assertEquals(1.0, obs[0] * obs[0] + obs[1] * obs[1], 1e-5);
            assertTrue(obs[2] >= -1 && obs[2] <= 1, "theta_dot " + obs[2]);
            assertArrayEquals(obs, new Pendulum().reset(seed));
        }
        assertFalse(java.util.Arrays.equals(env.reset(1), env.reset(2)));
    }

    @Test
    void episodeIsTruncatedAfter200StepsAndNeverTerminates() {
        Pendulum env = new Pendulum();
        env.reset(7);
        for (int t = 1; t <= 200; t++) {
            StepResult r = env.step(new float[] {0.1f});
            assertFalse(r.terminated());
            assertEquals(t == 200, r.truncated(), "step " + t);
        }
        assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f}));
    }

    @Test
    void badCallsAreRejected() {
        Pendulum env = new Pendulum();
        assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f}));
        env.reset(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> env.step(new float[] {0f, 0f}));
        assertTrue(e.getMessage().contains("length 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> env.step(null));
    }

    @Test
    void expertBalancesFromTheTop() {
        Pendulum env = new Pendulum();
        float[] obs = env.resetTo(0.2, -0.5);
        Controller expert = PendulumController.expert();
        SplittableRandom rng = new SplittableRandom(0);
        double total = 0;
        for (int t = 0; t < 200; t++) {
            StepResult r = env.step(expert.act(obs, rng));
            total += r.reward();
            obs = r.observation();
        }
        assertTrue(total > -2, "return " + total);
        assertTrue(Math.abs(Pendulum.normalizeAngle(env.theta())) < 1e-3, "angle " + env.theta());
    }

    @Test
    void expertSwingsUpFromTheBottom() {
        Pendulum env = new Pendulum();
        float[] obs = env.resetTo(Math.PI, 0.0);
        Controller expert = PendulumController.expert();
        SplittableRandom rng = new SplittableRandom(0);
        for (int t = 0; t < 200; t++) {
            obs = env.step(expert.act(obs, rng)).observation();
        }
        assertTrue(obs[0] > 0.999, "cos theta " + obs[0]);
    }

    @Test
    void mediumScoresAThirdToAHalfAndLeavesRoomForImprovement() {
        TaskSpec task = TaskCatalog.task("pendulum");
        double medium = task.reference().normalize(
                Rollouts.meanReturn(new Pendulum(), PendulumController.medium(), 5_000, 300));
        assertTrue(medium >= 33 && medium <= 50, "medium normalized " + medium);
        // the same controller without its noise and random actions is far better: the data hold the information
        double noiseFree = task.reference().normalize(
                Rollouts.meanReturn(new Pendulum(), new PendulumController(1.0, 0.5, 0, 0), 5_000, 300));
        assertTrue(noiseFree > medium + 30, "noise-free medium " + noiseFree + " vs " + medium);
    }
}
