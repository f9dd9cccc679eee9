package io.github.edp4j.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.TorchRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EAS (EDP Eq. 14) with four candidate modes per state, one candidate per mode, and a score that prefers one
 * mode: argmax always picks it; softmax sampling picks mode {@code i} with probability {@code exp(q_i) / sum_j
 * exp(q_j)}, checked against the binomial standard error on 40,000 states.
 */
class EnergyBasedActionSelectionTest {

    private static final float[] MODE_X = {-0.75f, -0.25f, 0.25f, 0.75f};
    private static final float[] SCORES = {0.0f, 1.0f, 2.0f, 0.5f};
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = TorchRuntime.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** Candidate j of every state is mode j (the batch arrives as N consecutive rows per state). */
    private static ActionGenerator modes(NDManager m) {
        return states -> {
            long rows = states.getShape().get(0);
            float[] a = new float[(int) rows];
            for (int i = 0; i < rows; i++) {
                a[i] = MODE_X[i % MODE_X.length];
            }
            NDArray out = states.getManager().create(a, new Shape(rows, 1));
            return out;
        };
    }

    /** Score of a mode looked up by its position. */
    private static ActionScorer score() {
        return (states, actions) -> {
            // q = interpolate SCORES at the mode position: index = (x + 0.75) * 2
            NDArray idx = actions.add(0.75f).mul(2f).round().toType(DataType.INT64, false).reshape(-1);
            NDArray table = states.getManager().create(SCORES);
            return table.get(idx);
        };
    }

    @Test
    void argmaxAlwaysPicksTheBestMode() {
        try (NDManager m = manager.newSubManager()) {
            EnergyBasedActionSelection eas = new EnergyBasedActionSelection(4, 1.0,
                    EnergyBasedActionSelection.Mode.ARGMAX);
            NDArray states = m.zeros(new Shape(1000, 2));
            float[] picked = eas.select(states, modes(m), score()).toFloatArray();
            assertEquals(1000, picked.length);
            for (float p : picked) {
                assertEquals(MODE_X[2], p, 1e-6);
            }
        }
    }

    @Test
    void softmaxSamplingPicksInProportionToExpScore() {
        TorchRuntime.seed(7);
        int n = 40_000;
        try (NDManager m = manager.newSubManager()) {
            EnergyBasedActionSelection eas = new EnergyBasedActionSelection(4, 1.0,
                    EnergyBasedActionSelection.Mode.SOFTMAX);
            NDArray states = m.zeros(new Shape(n, 2));
            float[] picked = eas.select(states, modes(m), score()).toFloatArray();
            double z = 0;
            for (float q : SCORES) {
                z += Math.exp(q);
            }
            int[] counts = new int[4];
            for (float p : picked) {
                counts[Math.round((p + 0.75f) * 2)]++;
            }
            for (int i = 0; i < 4; i++) {
                double expected = Math.exp(SCORES[i]) / z;
                double se = Math.sqrt(expected * (1 - expected) / n);
                double observed = counts[i] / (double) n;
                System.out.printf("mode %d: expected %.4f observed %.4f%n", i, expected, observed);
                assertEquals(expected, observed, 4.5 * se, "mode " + i);
            }
        }
    }

    @Test
    void temperatureSharpensTheChoice() {
        TorchRuntime.seed(8);
        int n = 20_000;
        try (NDManager m = manager.newSubManager()) {
            EnergyBasedActionSelection eas = new EnergyBasedActionSelection(4, 0.25,
                    EnergyBasedActionSelection.Mode.SOFTMAX);
            float[] picked = eas.select(m.zeros(new Shape(n, 2)), modes(m), score()).toFloatArray();
            double z = 0;
            for (float q : SCORES) {
                z += Math.exp(q / 0.25);
            }
            double expectedBest = Math.exp(SCORES[2] / 0.25) / z;
            int best = 0;
            for (float p : picked) {
                best += Math.abs(p - MODE_X[2]) < 1e-6 ? 1 : 0;
            }
            double se = Math.sqrt(expectedBest * (1 - expectedBest) / n);
            assertEquals(expectedBest, best / (double) n, 4.5 * se);
        }
    }

    @Test
    void rejectsBadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnergyBasedActionSelection(0, 1.0, EnergyBasedActionSelection.Mode.SOFTMAX));
        assertEquals("EAS: candidates must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new EnergyBasedActionSelection(10, 0.0, EnergyBasedActionSelection.Mode.SOFTMAX));
        assertEquals("EAS: temperature must be finite and > 0, got 0.0", e.getMessage());
    }
}
