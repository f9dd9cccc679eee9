package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.env.StepResult;
import org.junit.jupiter.api.Test;

class BanditTest {

    private static final long SEED = 70_000; // held out from the reference seeds
    private static final int EPISODES = 5000;

    private final ReferenceScores ref = BuiltinTasks.referenceScores("bandit");

    @Test
    void rewardIsOneAtEachModeAndNearZeroInTheCentre() {
        for (double sx : new double[] {-1, 1}) {
            for (double sy : new double[] {-1, 1}) {
                assertEquals(1.0, Bandit.reward(0.7 * sx, 0.7 * sy), 0.0);
                assertEquals(1.0, Bandit.reward(0.7 * sx + 0.06, 0.7 * sy - 0.08), 0.0); // inside the plateau
                // 0.3 from the mode: exp(-(0.3 - 0.1)^2 / 0.08)
                assertEquals(0.6065306597126335, Bandit.reward(0.7 * sx, 0.7 * sy - 0.3 * sy), 1e-12);
            }
        }
        // centre: exp(-(0.98995 - 0.1)^2 / 0.08)
        assertEquals(5.01683471073956e-05, Bandit.reward(0, 0), 1e-15);
    }

    @Test
    void episodeIsOneTerminalStep() {
        Bandit env = new Bandit();
        float[] obs = env.reset(3);
        assertArrayEquals(obs, new Bandit().reset(3));
        assertFalse(java.util.Arrays.equals(obs, new Bandit().reset(4)));
        assertTrue(Math.abs(obs[0]) <= 1 && Math.abs(obs[1]) <= 1);
        StepResult r = env.step(new float[] {0.7f, -0.7f});
        assertTrue(r.terminated());
        assertFalse(r.truncated());
        assertEquals(1.0, r.reward(), 0.0);
        assertEquals(1, env.maxEpisodeSteps());
        assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f, 0f}));
        env.reset(5);
        // clipped to (1, 1): 0.424 from the mode
        assertEquals(Bandit.reward(1, 1), env.step(new float[] {4f, 9f}).reward(), 0.0);
    }

    @Test
    void keepingOneModeScoresWellAndAveragingScoresBadly() {
        for (int mode = 0; mode < 4; mode++) {
            double mx = (mode & 1) == 0 ? 0.7 : -0.7;
            double my = (mode & 2) == 0 ? 0.7 : -0.7;
            double keep = score(mx, my, 0.05);
            assertTrue(keep > 90, "mode " + mode + " with spread 0.05 scores " + keep);
            double keepWide = score(mx, my, 0.1);
            assertTrue(keepWide >= 80, "mode " + mode + " with spread 0.1 scores " + keepWide);
        }
        double centre = score(0, 0, 0.05);
        assertTrue(centre < 30, "mode-averaging policy scores " + centre);
        // a Gaussian fitted to all four modes: mean 0, standard deviation about 0.7
        double fitted = score(0, 0, 0.7);
        assertTrue(fitted < 30, "Gaussian fitted to the four modes scores " + fitted);
    }

    @Test
    void mixedDatasetHoldsGoodAndBadActions() {
        OfflineDataset ds = BuiltinTasks.generate("bandit-mixed");
        int good = 0;
        int bad = 0;
        for (int i = 0; i < ds.size(); i++) {
            float r = ds.reward(i);
            if (r > 0.9f) {
                good++;
            } else if (r < 0.1f) {
                bad++;
            }
        }
        assertTrue(good > 0.3 * ds.size() && good < 0.6 * ds.size(), "good actions " + good);
        assertTrue(bad > 0.2 * ds.size(), "bad actions " + bad);
    }

    private double score(double mx, double my, double spread) {
        Controller c = (obs, rng) -> new float[] {
            (float) Math.max(-1, Math.min(1, mx + spread * Randomness.gaussian(rng))),
            (float) Math.max(-1, Math.min(1, my + spread * Randomness.gaussian(rng)))};
        return ref.normalize(Rollouts.meanReturn(new Bandit(), c, SEED, EPISODES));
    }
}
