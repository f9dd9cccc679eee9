package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.data.OfflineDataset;
import org.junit.jupiter.api.Test;

/** Preprocessing numbers on hand-made rewards. */
class RewardPreprocessingTest {

    /** One transition per reward, 1-D observations; episodes end at the given rows (terminals). */
    private static OfflineDataset withRewards(float[] rewards, int... episodeEnds) {
        int n = rewards.length;
        float[] obs = new float[n];
        float[] next = new float[n];
        for (int i = 0; i < n; i++) {
            obs[i] = i;
            next[i] = i + 1;
        }
        boolean[] term = new boolean[n];
        for (int e : episodeEnds) {
            term[e] = true;
        }
        return OfflineDataset.builder().name("hand-made").observations(obs, 1).actions(new float[n], 1)
                .rewards(rewards).nextObservations(next, 1).terminals(term).build();
    }

    @Test
    void noneReturnsTheSameDataset() {
        OfflineDataset ds = withRewards(new float[] {1, 2});
        assertSame(ds, RewardPreprocessing.NONE.apply(ds));
    }

    @Test
    void antmazeForIqlSubtractsOne() {
        OfflineDataset ds = withRewards(new float[] {0, 1, 0, 1});
        assertArrayEquals(new float[] {-1, 0, -1, 0}, RewardPreprocessing.ANTMAZE_IQL.apply(ds).rewards());
    }

    @Test
    void antmazeOtherwiseCentresAndScalesByFour() {
        OfflineDataset ds = withRewards(new float[] {0, 1, 0.25f});
        assertArrayEquals(new float[] {-2, 2, -1}, RewardPreprocessing.ANTMAZE.apply(ds).rewards());
    }

    @Test
    void minMaxMapsToMinusOneToOne() {
        OfflineDataset ds = withRewards(new float[] {-5, 0, 15, 10});
        // min -5, max 15: (r + 5) / 20 -> 0, 0.25, 1, 0.75 -> (x - 0.5) * 2 -> -1, -0.5, 1, 0.5
        assertArrayEquals(new float[] {-1, -0.5f, 1, 0.5f}, RewardPreprocessing.MIN_MAX.apply(ds).rewards());
    }

    @Test
    void returnScaleUsesTheRangeOfEpisodeReturns() {
        // episodes: rows 0-1 return 3, rows 2-4 return 12, row 5 (runs to the end) return 5: range 9
        OfflineDataset ds = withRewards(new float[] {1, 2, 3, 4, 5, 5}, 1, 4);
        float[] out = RewardPreprocessing.RETURN_SCALE.apply(ds).rewards();
        double s = 1000.0 / 9.0;
        assertArrayEquals(new float[] {(float) s, (float) (2 * s), (float) (3 * s), (float) (4 * s), (float) (5 * s),
                (float) (5 * s)}, out);
    }

    @Test
    void onlyRewardsChange() {
        OfflineDataset ds = withRewards(new float[] {0, 1, 0}, 1);
        OfflineDataset out = RewardPreprocessing.ANTMAZE.apply(ds);
        assertArrayEquals(ds.observations(), out.observations());
        assertArrayEquals(ds.nextObservations(), out.nextObservations());
        assertArrayEquals(ds.terminals(), out.terminals());
        assertArrayEquals(ds.timeouts(), out.timeouts());
        assertEquals(ds.name(), out.name());
    }

    @Test
    void constantRewardsHaveNoRange() {
        OfflineDataset ds = withRewards(new float[] {2, 2, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RewardPreprocessing.MIN_MAX.apply(ds));
        assertTrue(e.getMessage().contains("'hand-made'") && e.getMessage().contains("every reward is 2.0"),
                e.getMessage());
        OfflineDataset equalReturns = withRewards(new float[] {1, 2, 2, 1}, 1, 3);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> RewardPreprocessing.RETURN_SCALE.apply(equalReturns));
        assertTrue(e2.getMessage().contains("all 2 episodes return 3.0"), e2.getMessage());
    }

    @Test
    void domainDefaultsOfThePaper() {
        assertEquals(RewardPreprocessing.ANTMAZE_IQL, RewardPreprocessing.defaultFor(D4rlDomain.ANTMAZE, true));
        assertEquals(RewardPreprocessing.ANTMAZE, RewardPreprocessing.defaultFor(D4rlDomain.ANTMAZE, false));
        for (boolean iql : new boolean[] {true, false}) {
            assertEquals(RewardPreprocessing.MIN_MAX, RewardPreprocessing.defaultFor(D4rlDomain.KITCHEN, iql));
            assertEquals(RewardPreprocessing.MIN_MAX, RewardPreprocessing.defaultFor(D4rlDomain.ADROIT, iql));
            assertEquals(RewardPreprocessing.NONE, RewardPreprocessing.defaultFor(D4rlDomain.LOCOMOTION, iql));
            assertEquals(RewardPreprocessing.NONE, RewardPreprocessing.defaultFor(D4rlDomain.MAZE2D, iql));
            assertEquals(RewardPreprocessing.NONE, RewardPreprocessing.defaultFor(D4rlDomain.UNKNOWN, iql));
        }
    }

    @Test
    void kitchenFixtureSpansMinusOneToOneAfterItsDefault() {
        D4rlDataset d = D4rl.load(Fixtures.file("kitchen-partial-v0.hdf5"));
        float[] r = RewardPreprocessing.defaultFor(d.domain(), true).apply(d.dataset()).rewards();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : r) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(-1f, min);
        assertEquals(1f, max);
        assertEquals(-0.5f, r[30], "1 of 4 sub-tasks done: (1/4 - 0.5) * 2");
    }

    @Test
    void observationNormalizerIsFittedOnTheTransitions() {
        D4rlDataset d = D4rl.load(Fixtures.file("maze2d-umaze-v1.hdf5"));
        ObservationNormalizer norm = d.observationNormalizer();
        // the statistics of the transitions (not of the raw rows), computed here in two passes
        float[] obs = d.dataset().observations();
        int dim = d.dataset().observationDim();
        int n = d.transitions();
        for (int j = 0; j < dim; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += obs[i * dim + j];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (obs[i * dim + j] - mean) * (obs[i * dim + j] - mean);
            }
            assertEquals(mean, norm.mean()[j], 1e-5 * Math.max(1, Math.abs(mean)), "mean " + j);
            assertEquals(Math.sqrt(var / n), norm.std()[j], 1e-4, "std " + j);
        }
        assertEquals(ObservationNormalizer.DEFAULT_EPSILON, norm.epsilon());
        assertEquals(0.5, d.observationNormalizer(0.5).epsilon());
        float[] normalized = norm.applyRows(d.dataset().observations());
        double mean = 0;
        for (int i = 0; i < normalized.length; i += 4) {
            mean += normalized[i];
        }
        assertEquals(0.0, mean / d.transitions(), 1e-5);
    }
}
