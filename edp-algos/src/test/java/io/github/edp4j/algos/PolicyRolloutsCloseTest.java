package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Environments holding native resources (MuJoCo's) are closed when the rollouts end. */
class PolicyRolloutsCloseTest {

    /** A 3-step environment of the toy's shapes that counts how often it is closed. */
    private static final class Closeable implements Environment, AutoCloseable {
        private final AtomicInteger closed;
        private int t;

        Closeable(AtomicInteger closed) {
            this.closed = closed;
        }

        @Override
        public String name() {
            return "closeable";
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
            t = 0;
            return new float[] {0f};
        }

        @Override
        public StepResult step(float[] action) {
            t++;
            return new StepResult(new float[] {0.1f * t}, 1.0, false, t == 3);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void everyCloseableEnvironmentIsClosedOnce() {
        AtomicInteger closed = new AtomicInteger();
        FitResult r = EdpTrainerTest.tiny(Algorithm.IQL, PolicyClass.GAUSSIAN, 3).build()
                .fit(FourModeToy.dataset(200, 4));
        try (Policy p = r.policy()) {
            PolicyRollouts.Result result = PolicyRollouts.run(p, () -> new Closeable(closed), 4, 0);
            assertEquals(4, result.episodes());
            assertEquals(3.0, result.meanReturn(), 0.0);
        }
        assertEquals(4, closed.get());
    }
}
