package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyRollouts} against a scripted environment whose returns do not depend on the actions, so every
 * expected value is known in advance: episode {@code i} is reset with seed {@code 100 + i}, lasts {@code seed % 3 + 1}
 * steps (terminated, or truncated at the last of {@code 3} steps) and earns {@code seed / 100} per step.
 */
class PolicyRolloutsTest {

    private static Policy policy;

    @BeforeAll
    static void train() {
        policy = EdpTrainer.builder().algo(Algorithm.IQL).policy(PolicyClass.GAUSSIAN).hidden(8).batchSize(16)
                .iterations(2).logEvery(1).seed(1).progress(false).build().fit(FourModeToy.dataset(200, 1)).policy();
    }

    @AfterAll
    static void close() {
        policy.close();
    }

    /** One observation, two actions in [-1, 1]; records every action it is given. */
    static class Scripted implements Environment {
        final List<float[]> actions = new ArrayList<>();
        private long seed;
        private int t;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public int observationDim() {
            return 1;
        }

        @Override
        public ActionBounds actionBounds() {
            return ActionBounds.symmetric(2, 1f);
        }

        @Override
        public int maxEpisodeSteps() {
            return 3;
        }

        @Override
        public float[] reset(long seed) {
            this.seed = seed;
            this.t = 0;
            return new float[] {seed % 2 == 0 ? 0.5f : -0.5f};
        }

        @Override
        public StepResult step(float[] action) {
            actions.add(action.clone());
            t++;
            int length = (int) (seed % 3) + 1;
            boolean end = t >= length;
            return new StepResult(new float[] {0.1f * t}, seed / 100.0, end && length < 3, end && length == 3);
        }
    }

    @Test
    void returnsAndLengthsComeInSeedOrderWithTheirStatistics() {
        List<Scripted> made = new ArrayList<>();
        PolicyRollouts.Result r = PolicyRollouts.run(policy, () -> {
            Scripted s = new Scripted();
            made.add(s);
            return s;
        }, 4, 100);
        // seeds 100..103: lengths 2, 3, 1, 2; rewards per step 1.00, 1.01, 1.02, 1.03
        assertArrayEquals(new int[] {2, 3, 1, 2}, r.lengths());
        assertArrayEquals(new double[] {2.0, 3.03, 1.02, 2.06}, r.returns(), 1e-12);
        assertEquals(4, r.episodes());
        assertEquals((2.0 + 3.03 + 1.02 + 2.06) / 4, r.meanReturn(), 1e-12);
        assertEquals(1.02, r.minReturn(), 1e-12);
        assertEquals(3.03, r.maxReturn(), 1e-12);
        assertEquals(2.0, r.meanLength(), 1e-12);
        double m = r.meanReturn();
        double var = (sq(2.0 - m) + sq(3.03 - m) + sq(1.02 - m) + sq(2.06 - m)) / 4;
        assertEquals(Math.sqrt(var), r.stdReturn(), 1e-12);
        // one fresh environment per episode (plus none extra); each got exactly as many actions as its length,
        // inside the bounds
        assertEquals(4, made.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(r.lengths()[i], made.get(i).actions.size(), "episode " + i);
            for (float[] a : made.get(i).actions) {
                assertEquals(2, a.length);
                assertTrue(Math.abs(a[0]) <= 1 && Math.abs(a[1]) <= 1, a[0] + ", " + a[1]);
            }
        }
        // the result's arrays are copies
        r.returns()[0] = 99;
        assertEquals(2.0, r.returns()[0], 0.0);
    }

    @Test
    void rejectsBadEpisodeCountsAndMismatchedDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicyRollouts.run(policy, Scripted::new, 0, 1));
        assertEquals("episodes must be >= 1, got 0", e.getMessage());
        Environment wide = new Scripted() {
            @Override
            public int observationDim() {
                return 3;
            }
        };
        e = assertThrows(IllegalArgumentException.class, () -> PolicyRollouts.run(policy, () -> wide, 2, 1));
        assertEquals("the policy (trained on four-mode-toy) has observation dimension 1 and action dimension 2, but"
                + " task scripted has observation dimension 3 and action dimension 2", e.getMessage());
    }

    /** The scripted environment, holding a resource as MuJoCo's do: it counts how often it is closed. */
    private static final class CloseableScripted extends Scripted implements AutoCloseable {
        private final AtomicInteger closed;

        CloseableScripted(AtomicInteger closed) {
            this.closed = closed;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void everyCloseableEnvironmentIsClosedOnceWhenTheRolloutsEnd() {
        AtomicInteger closed = new AtomicInteger();
        PolicyRollouts.Result r = PolicyRollouts.run(policy, () -> new CloseableScripted(closed), 4, 100);
        assertEquals(4, r.episodes());
        assertArrayEquals(new double[] {2.0, 3.03, 1.02, 2.06}, r.returns(), 1e-12);
        assertEquals(4, closed.get());
    }

    private static double sq(double x) {
        return x * x;
    }
}
