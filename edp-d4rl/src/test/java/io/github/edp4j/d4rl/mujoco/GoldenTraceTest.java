package io.github.edp4j.d4rl.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.edp4j.core.env.StepResult;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replays the golden traces of Gymnasium 1.3's {@code *-v4} (gym v3 logic) on MuJoCo 3.14 with Hopper's margins
 * halved (see {@code src/test/python/make_mujoco_traces.py}): same initial state, same actions. On the same engine
 * (libmujoco 3.14.0, e.g. {@code -Dedp4j.mujoco.library=.../site-packages/mujoco/libmujoco.so.3.14.0}) every step
 * of every trace must agree to 1e-12 (measured: exactly, difference 0.0). On another engine (Debian's 2.2.2 with
 * gym v3's margins) the two agree to about 1e-13 for the first steps, then the chaotic contact dynamics let
 * rounding differences grow (measured on 2.2.2: at most 1.1e-13 over the first 10 steps, 4e-7 over 50, 4e-2 by
 * step 100), so the first {@value #TIGHT_HORIZON} steps are compared to {@value #TIGHT_TOLERANCE} and the first
 * {@value #SHORT_HORIZON} to {@value #SHORT_TOLERANCE}, with equal termination flags.
 */
class GoldenTraceTest {

    static final String REFERENCE_VERSION = "3.14.0";
    static final double EXACT_TOLERANCE = 1e-12;
    static final int TIGHT_HORIZON = 10;
    static final double TIGHT_TOLERANCE = 1e-10;
    static final int SHORT_HORIZON = 50;
    static final double SHORT_TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(LocomotionTask.class)
    @Timeout(60)
    void javaEnvironmentReproducesGymnasiumTraces(LocomotionTask task) {
        MuJoCo mujoco = MuJoCoRequired.mujoco();
        if (Boolean.getBoolean("edp4j.mujoco.requireReference")) {
            assertEquals(REFERENCE_VERSION, mujoco.version(), "the mujoco-reference run must load libmujoco "
                    + REFERENCE_VERSION + ", got " + mujoco);
        }
        boolean sameEngine = mujoco.version().equals(REFERENCE_VERSION);
        int horizon = sameEngine ? Integer.MAX_VALUE : SHORT_HORIZON;
        List<List<GoldenTraces.Row>> traces = GoldenTraces.read(task);
        try (LocomotionEnvironment env = Locomotion.environment(task)) {
            for (int t = 0; t < traces.size(); t++) {
                List<GoldenTraces.Row> rows = traces.get(t);
                GoldenTraces.Row first = rows.get(0);
                float[] obs = env.resetTo(first.qpos(), first.qvel());
                assertObservation(task, first, obs, "trace " + t + " reset");
                int last = Math.min(rows.size() - 1, horizon);
                for (int k = 1; k <= last; k++) {
                    GoldenTraces.Row row = rows.get(k);
                    String where = mujoco + ", " + task + " trace " + t + " step " + k;
                    double tol = sameEngine ? EXACT_TOLERANCE : k <= TIGHT_HORIZON ? TIGHT_TOLERANCE : SHORT_TOLERANCE;
                    float[] action = new float[row.action().length];
                    for (int i = 0; i < action.length; i++) {
                        action[i] = (float) row.action()[i];
                        assertEquals(row.action()[i], action[i], 0.0, "golden actions are float32 values");
                    }
                    StepResult r = env.step(action);
                    assertEquals(row.reward(), r.reward(), tol, where + ": reward");
                    assertEquals(row.terminated(), r.terminated(), where + ": terminated");
                    assertArrayClose(row.qpos(), env.qpos(), tol, where + ": qpos");
                    assertArrayClose(row.qvel(), env.qvel(), tol, where + ": qvel");
                    if (sameEngine) {
                        assertObservation(task, row, r.observation(), where);
                    }
                    if (k < rows.size() - 1) {
                        assertFalse(r.done(), where + ": episode ended before the trace did");
                    }
                }
            }
        }
    }

    private static void assertObservation(LocomotionTask task, GoldenTraces.Row row, float[] obs, String where) {
        double[] expected = GoldenTraces.observation(task, row.qpos(), row.qvel());
        assertEquals(expected.length, obs.length, where + ": observation length");
        for (int i = 0; i < obs.length; i++) {
            assertEquals((float) expected[i], obs[i], 0f, where + ": observation[" + i + "]");
        }
    }

    private static void assertArrayClose(double[] expected, double[] actual, double tol, String where) {
        assertEquals(expected.length, actual.length, where + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, where + "[" + i + "]");
        }
    }
}
