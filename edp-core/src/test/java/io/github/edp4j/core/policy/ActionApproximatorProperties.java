package io.github.edp4j.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.schedule.NoiseSchedule;
import io.github.edp4j.core.schedule.ScheduleKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The float32 device path of corruption and action approximation (EDP Eq. 2 and 9) inverts exactly, to 1e-4,
 * wherever {@code abar_k >= 1e-3}, for every schedule and K in [1, 2000].
 */
class ActionApproximatorProperties {

    private static NDManager manager;

    @BeforeContainer
    static void start() {
        manager = TorchRuntime.newManager();
    }

    @AfterContainer
    static void stop() {
        manager.close();
    }

    @Property(tries = 1000, seed = "20261204")
    void float32CorruptThenApproximateReturnsCleanAction(@ForAll ScheduleKind kind,
            @ForAll @IntRange(min = 1, max = 2000) int k, @ForAll @DoubleRange(min = 0, max = 1) double stepFraction,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) {
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        int step = 1 + (int) Math.min(k - 1, Math.floor(stepFraction * k));
        if (s.alphaBar(step) < 1e-3) {
            // outside the claimed range; pick the last step that satisfies it, if any
            while (step > 1 && s.alphaBar(step) < 1e-3) {
                step--;
            }
            if (s.alphaBar(step) < 1e-3) {
                return;
            }
        }
        try (NDManager m = manager.newSubManager()) {
            TorchRuntime.seed(seed);
            ActionApproximator approx = new ActionApproximator(s.toDevice(m), ActionBounds.symmetric(3, 1f), m);
            NDArray a0 = m.randomUniform(-1f, 1f, new Shape(8, 3), DataType.FLOAT32);
            NDArray eps = m.randomNormal(0f, 1f, new Shape(8, 3), DataType.FLOAT32);
            NDArray idx = m.full(new Shape(8), step - 1, DataType.INT64);
            NDArray noisy = approx.corrupt(a0, idx, eps);
            float[] back = approx.approximate(noisy, idx, eps).toFloatArray();
            float[] expected = a0.toFloatArray();
            for (int i = 0; i < back.length; i++) {
                assertEquals(expected[i], back[i], 1e-4, kind + " K=" + k + " k=" + step + " abar=" + s.alphaBar(step));
            }
        }
    }
}
