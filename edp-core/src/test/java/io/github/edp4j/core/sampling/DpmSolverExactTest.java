package io.github.edp4j.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.schedule.NoiseSchedule;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DPM-Solver against exact answers: for Gaussian data every solver step is affine in {@code x}, so the
 * solver's slope {@code c} divided by the probability-flow ODE's exact slope characterises the
 * implementation (docs/design.md, section 4). The reference ratios, for all three orders on all three grids with
 * 15, 30 and 60 model calls, are the output of {@code docs/dpm_solver_reference.py}, which runs the official
 * DPM-Solver implementation (github.com/LuChengTHU/dpm-solver, {@code dpm_solver_pytorch.py}, torch 2.13, float64)
 * on the ideal noise predictor of N(0.3, 0.5^2) with the linear schedule, K = 1000, t from 1 to 1e-3, singlestep
 * with lower-order final steps.
 */
class DpmSolverExactTest {

    private static final double MU = 0.3;
    private static final double S = 0.5;
    private static NDManager manager;
    private static final NoiseSchedule LINEAR = NoiseSchedule.linear(1000);

    @BeforeAll
    static void start() {
        manager = TorchRuntime.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    static Stream<Arguments> officialTable() {
        return Stream.of(
                Arguments.of(TimeGrid.TIME_UNIFORM, 1, new double[] {0.826832, 0.910055, 0.954042}),
                Arguments.of(TimeGrid.TIME_UNIFORM, 2, new double[] {0.966876, 1.134856, 1.032861}),
                Arguments.of(TimeGrid.TIME_UNIFORM, 3, new double[] {0.957745, 0.995840, 0.999351}),
                Arguments.of(TimeGrid.LOGSNR, 1, new double[] {0.851291, 0.922655, 0.960549}),
                Arguments.of(TimeGrid.LOGSNR, 2, new double[] {1.108006, 1.028781, 1.006837}),
                Arguments.of(TimeGrid.LOGSNR, 3, new double[] {1.044675, 1.001621, 1.000116}),
                Arguments.of(TimeGrid.TIME_QUADRATIC, 1, new double[] {0.898334, 0.947827, 0.973567}),
                Arguments.of(TimeGrid.TIME_QUADRATIC, 2, new double[] {1.055614, 1.013781, 1.003270}),
                Arguments.of(TimeGrid.TIME_QUADRATIC, 3, new double[] {1.019562, 1.001283, 1.000070}));
    }

    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("officialTable")
    void slopeRatioMatchesOfficialImplementation(TimeGrid grid, int order, double[] expected) {
        int[] calls = {15, 30, 60};
        double cExact = Math.sqrt(sq(LINEAR.alphaAt(1e-3) * S) + sq(LINEAR.sigmaAt(1e-3)))
                / Math.sqrt(sq(LINEAR.alphaAt(1.0) * S) + sq(LINEAR.sigmaAt(1.0)));
        for (int i = 0; i < calls.length; i++) {
            DpmSolver solver = DpmSolver.builder(LINEAR).order(order).modelCalls(calls[i]).grid(grid).build();
            double c = slope(solver);
            assertEquals(expected[i], c / cExact, 0.002,
                    grid + " order " + order + " with " + calls[i] + " calls: c/c_exact");
        }
    }

    @Test
    void affineOffsetIsTheExactMean() {
        // output = c (x_T - alpha_T mu) + alpha_t0 mu + small: check the offset at x_T = alpha_T mu.
        DpmSolver solver = DpmSolver.builder(LINEAR).order(3).modelCalls(60).grid(TimeGrid.LOGSNR).build();
        double xT = LINEAR.alphaAt(1.0) * MU;
        double out = run(solver, new double[] {xT})[0];
        assertEquals(LINEAR.alphaAt(1e-3) * MU, out, 1e-3);
    }

    @Test
    void edpConfigurationUsesOfficialOrderPattern() {
        assertArrayEquals(new int[] {3, 3, 3, 3, 2, 1}, DpmSolver.orderPattern(15, 3));
        assertArrayEquals(new int[] {3, 3, 3, 3, 1}, DpmSolver.orderPattern(13, 3));
        assertArrayEquals(new int[] {3, 3, 3, 3, 2}, DpmSolver.orderPattern(14, 3));
        assertArrayEquals(new int[] {2, 2, 1}, DpmSolver.orderPattern(5, 2));
        assertArrayEquals(new int[] {1, 1, 1}, DpmSolver.orderPattern(3, 1));
        assertArrayEquals(new int[] {1}, DpmSolver.orderPattern(1, 3));
        assertArrayEquals(new int[] {2}, DpmSolver.orderPattern(2, 3));
        double[] outer = DpmSolver.outerPoints(LINEAR, TimeGrid.TIME_UNIFORM, 1.0, 1e-3, 15,
                DpmSolver.orderPattern(15, 3));
        double[] all = TimeGrid.TIME_UNIFORM.points(LINEAR, 1.0, 1e-3, 15);
        int[] idx = {0, 3, 6, 9, 12, 14, 15};
        for (int i = 0; i < idx.length; i++) {
            assertEquals(all[idx[i]], outer[i], 1e-15);
        }
        DpmSolver3 edp = new DpmSolver3(LINEAR, null);
        assertEquals(15, edp.modelCalls());
        assertArrayEquals(new int[] {3, 3, 3, 3, 2, 1}, edp.orders());
    }

    @Test
    void everyBudgetUsesExactlyThatManyModelCalls() {
        for (int order = 1; order <= 3; order++) {
            for (int calls = 1; calls <= 40; calls++) {
                int[] pattern = DpmSolver.orderPattern(calls, order);
                int sum = 0;
                for (int o : pattern) {
                    sum += o;
                }
                assertEquals(calls, sum, "order " + order + ", calls " + calls);
                int[] counter = {0};
                DpmSolver solver = DpmSolver.builder(LINEAR).order(order).modelCalls(calls).build();
                NDArray x = manager.zeros(new Shape(2, 1), DataType.FLOAT64);
                NoisePredictor gauss = AnalyticModels.gaussian(LINEAR, MU, S);
                solver.sample((xx, t, s) -> {
                    counter[0]++;
                    return gauss.predict(xx, t, s);
                }, null, x).close();
                x.close();
                assertEquals(calls, counter[0], "model calls of order " + order + " with budget " + calls);
            }
        }
    }

    @Test
    void gridsRunFromStartToEnd() {
        for (TimeGrid g : TimeGrid.values()) {
            double[] p = g.points(LINEAR, 1.0, 1e-3, 10);
            assertEquals(1.0, p[0], 0);
            assertEquals(1e-3, p[10], 0);
            for (int i = 1; i < p.length; i++) {
                if (!(p[i] < p[i - 1])) {
                    throw new AssertionError(g + " grid not decreasing at " + i);
                }
            }
        }
        double[] q = TimeGrid.TIME_QUADRATIC.points(LINEAR, 1.0, 1e-3, 2);
        double mid = (1 + Math.sqrt(1e-3)) / 2;
        assertEquals(mid * mid, q[1], 1e-15);
        double[] l = TimeGrid.LOGSNR.points(LINEAR, 1.0, 1e-3, 2);
        assertEquals((LINEAR.lambda(1.0) + LINEAR.lambda(1e-3)) / 2, LINEAR.lambda(l[1]), 1e-9);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> DpmSolver.builder(LINEAR).order(4).build());
        assertThrows(IllegalArgumentException.class, () -> DpmSolver.builder(LINEAR).modelCalls(0).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DpmSolver.builder(LINEAR).timeRange(1e-3, 1.0).build());
        assertEquals(true, e.getMessage().contains("tStart=0.001"), e.getMessage());
    }

    private double slope(DpmSolver solver) {
        double[] out = run(solver, new double[] {-1.0, 1.0});
        return (out[1] - out[0]) / 2.0;
    }

    private double[] run(DpmSolver solver, double[] xs) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(xs, new Shape(xs.length, 1));
            NDArray out = solver.sample(AnalyticModels.gaussian(LINEAR, MU, S), null, x);
            return out.toDoubleArray();
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
