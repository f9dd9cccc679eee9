package io.github.edp4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.schedule.NoiseSchedule;
import io.github.edp4j.core.schedule.ScheduleKind;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with a message that names the field and the value. */
class BadInputTest {

    private static OfflineDataset.Builder valid() {
        return OfflineDataset.builder().name("t").observations(new float[] {1, 2, 3, 4}, 2)
                .actions(new float[] {0.1f, 0.2f}, 1).rewards(new float[] {1, 0})
                .nextObservations(new float[] {3, 4, 5, 6}, 2);
    }

    @Test
    void diffusionStepsBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSchedule.of(ScheduleKind.LINEAR, 0));
        assertEquals("noise schedule: steps (K) must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionPolicyConfig.defaults(2, ActionBounds.symmetric(1, 1f), -5));
        assertEquals("steps (K) must be >= 1, got -5", e.getMessage());
    }

    @Test
    void actionBoundsWithLowNotBelowHigh() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ActionBounds(new float[] {-1, 0.5f}, new float[] {1, 0.5f}));
        assertEquals("action bounds: low must be < high, but dimension 1 has low=0.5 >= high=0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ActionBounds(new float[] {-1}, new float[] {1, 2}));
        assertEquals("action bounds: low has 1 dimensions but high has 2", e.getMessage());
    }

    @Test
    void datasetProblems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().rewards(new float[0]).build());
        assertEquals("dataset 't': zero transitions (rewards is empty)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> valid().actions(new float[] {0.1f, 0.2f, 0.3f}, 1).build());
        assertEquals("dataset 't': actions has 3 values, expected 2 rows x 1 = 2 (rewards has 2 rows)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> valid().nextObservations(new float[] {1, 2, 3}, 3).build());
        assertEquals("dataset 't': nextObservations has dimension 3 but observations has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> valid().observations(new float[] {1, 2, Float.NaN, 4}, 2).build());
        assertEquals("dataset 't': observations has non-finite value NaN at row 1, column 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> valid().rewards(new float[] {1, Float.POSITIVE_INFINITY}).build());
        assertEquals("dataset 't': rewards has non-finite value Infinity at row 1, column 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> valid().terminals(new boolean[3]).build());
        assertEquals("dataset 't': terminals has 3 rows but rewards has 2", e.getMessage());
    }

    @Test
    void batchesWithWrongDimensionsOrNonFiniteValues() {
        try (NDManager m = TorchRuntime.newManager();
                DiffusionPolicy p = new DiffusionPolicy(
                        DiffusionPolicyConfig.defaults(2, ActionBounds.symmetric(1, 1f), 10).withHidden(8), m)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.sample(m.zeros(new Shape(4, 3)), p.defaultSampler()));
            assertEquals("states must have shape (B, 2), got (4, 3)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> p.sample(m.create(new float[] {1, Float.NaN}, new Shape(1, 2)), p.defaultSampler()));
            assertEquals("states contain NaN or Inf values", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> p.loss(m.zeros(new Shape(4, 2)), m.zeros(new Shape(3, 1))));
            assertEquals("batch sizes differ: actions have 3 rows, states 4", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> p.loss(m.zeros(new Shape(4, 2)), m.zeros(new Shape(4, 2))));
            assertEquals("actions must have shape (B, 1), got (4, 2)", e.getMessage());
        }
    }
}
