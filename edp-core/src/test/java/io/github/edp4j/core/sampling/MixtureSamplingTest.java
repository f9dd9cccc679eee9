package io.github.edp4j.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.schedule.NoiseSchedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Samplers driven by the exact noise predictor of a well-separated 1-D Gaussian mixture (docs/design.md, section 4):
 * 30-call DPM-Solver-3 on either grid and K = 1000 DDPM reproduce the weights, means and standard deviations to
 * within 0.01 from 20,000 samples; EDP's 15-call time-uniform default keeps the weights to within 0.02.
 */
class MixtureSamplingTest {

    private static final double[] WEIGHTS = {0.2, 0.5, 0.3};
    private static final double[] MEANS = {-0.6, 0.1, 0.7};
    private static final double[] STDS = {0.08, 0.08, 0.08};
    private static final int SAMPLES = 20_000;
    private static final NoiseSchedule LINEAR = NoiseSchedule.linear(1000);
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = TorchRuntime.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void dpmSolver3With30CallsOnTimeUniformGrid() {
        checkAll(DpmSolver.builder(LINEAR).order(3).modelCalls(30).grid(TimeGrid.TIME_UNIFORM).build(), 11);
    }

    @Test
    void dpmSolver3With30CallsOnLogSnrGrid() {
        checkAll(DpmSolver.builder(LINEAR).order(3).modelCalls(30).grid(TimeGrid.LOGSNR).build(), 12);
    }

    @Test
    void ddpmWithAllThousandSteps() {
        checkAll(new DdpmSampler(LINEAR, null), 13);
    }

    @Test
    void edpDefaultKeepsWeights() {
        double[][] stats = sampleStats(new DpmSolver3(LINEAR, null), 14);
        report("DPM-Solver-3 15 calls time-uniform", stats);
        for (int i = 0; i < WEIGHTS.length; i++) {
            assertEquals(WEIGHTS[i], stats[0][i], 0.02, "weight of component " + i);
        }
    }

    private void checkAll(ActionSampler sampler, long seed) {
        double[][] stats = sampleStats(sampler, seed);
        report(sampler.toString(), stats);
        for (int i = 0; i < WEIGHTS.length; i++) {
            assertEquals(WEIGHTS[i], stats[0][i], 0.01, sampler + ": weight of component " + i);
            assertEquals(MEANS[i], stats[1][i], 0.01, sampler + ": mean of component " + i);
            assertEquals(STDS[i], stats[2][i], 0.01, sampler + ": std of component " + i);
        }
    }

    private static void report(String name, double[][] stats) {
        System.out.printf("%s: weights %.4f %.4f %.4f, means %.4f %.4f %.4f, stds %.4f %.4f %.4f%n", name,
                stats[0][0], stats[0][1], stats[0][2], stats[1][0], stats[1][1], stats[1][2], stats[2][0],
                stats[2][1], stats[2][2]);
    }

    /** Returns {weights, means, stds} of the samples, split at the midpoints between component means. */
    private double[][] sampleStats(ActionSampler sampler, long seed) {
        TorchRuntime.seed(seed);
        double[] xs;
        try (NDManager m = manager.newSubManager()) {
            NDArray noise = m.randomNormal(0f, 1f, new Shape(SAMPLES, 1), DataType.FLOAT32).toType(DataType.FLOAT64,
                    false);
            NoisePredictor model = AnalyticModels.mixture(LINEAR, WEIGHTS, MEANS, STDS);
            xs = sampler.sample(model, null, noise).toDoubleArray();
        }
        double[] cuts = {(MEANS[0] + MEANS[1]) / 2, (MEANS[1] + MEANS[2]) / 2};
        double[] n = new double[3];
        double[] sum = new double[3];
        double[] sq = new double[3];
        for (double x : xs) {
            int c = x < cuts[0] ? 0 : x < cuts[1] ? 1 : 2;
            n[c]++;
            sum[c] += x;
            sq[c] += x * x;
        }
        double[][] out = new double[3][3];
        for (int c = 0; c < 3; c++) {
            double mean = sum[c] / n[c];
            out[0][c] = n[c] / xs.length;
            out[1][c] = mean;
            out[2][c] = Math.sqrt(sq[c] / n[c] - mean * mean);
        }
        return out;
    }
}
