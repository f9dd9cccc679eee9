package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.onnx.OnnxPolicy;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ONNX export run by ONNX Runtime returns the libtorch path's actions ({@link Policy#act(float[][], float[],
 * float[])}) within 1e-4 given the same noise and uniform draw, for every policy class: EDP's diffusion policy with
 * DPM-Solver of orders 1-3 on each time grid and EAS (softmax and argmax, N = 1 and more), the Gaussian and
 * deterministic actors, and DTQL's one-step policy with and without candidate selection. Bounds that differ per
 * dimension and a non-trivial normaliser exercise the clipping and normalisation inside the graph.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OnnxParityTest {

    private static final int OBS = 4;
    private static final ActionBounds BOUNDS = new ActionBounds(new float[] {-1f, -2f, 0f}, new float[] {1f, 0.5f, 3f});
    private static final ObservationNormalizer NORM = new ObservationNormalizer(new float[] {0.5f, -1f, 2f, 0f},
            new float[] {2f, 0.5f, 1f, 3f}, 1e-3);
    /** The four-mode toy's bounds narrowed unevenly, so that some actions are clipped and others are not. */
    private static final ActionBounds TOY_BOUNDS = new ActionBounds(new float[] {-0.9f, -0.75f},
            new float[] {0.8f, 1f});

    private static EdpTrainer.Builder small(Algorithm algo, PolicyClass pc) {
        return EdpTrainer.builder().algo(algo).policy(pc).steps(20).hidden(32, 32, 32).seed(11);
    }

    private static float[][] observations(int b, int dim, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] o = new float[b][dim];
        for (float[] row : o) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) (r.nextGaussian() * 2);
            }
        }
        return o;
    }

    /** Compares both backends on a batch and returns the largest difference. */
    private static double compare(Policy p, int b, long seed) {
        return compare(p, b, seed, false);
    }

    private static double compare(Policy p, int b, long seed, boolean needsInterior) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] obs = observations(b, p.observationDim(), seed);
        float[] noise = new float[p.noiseSize(b)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.nextGaussian();
        }
        int n = p.acting().easCandidates();
        boolean uniform = p.noiseSize(1) > 0 && n > 1 && !p.acting().easArgmax();
        float[] u = uniform ? new float[b * n] : null;
        if (u != null) {
            for (int i = 0; i < u.length; i++) {
                u[i] = (float) (1 - r.nextDouble());
            }
        }
        float[][] torch = p.act(obs, noise, u);
        float[][] ort;
        try (OnnxPolicy o = OnnxPolicy.of(p)) {
            ort = o.act(obs, noise, u);
        }
        double worst = 0;
        int interior = 0;
        ActionBounds bounds = p.actionBounds();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < bounds.dim(); j++) {
                worst = Math.max(worst, Math.abs(torch[i][j] - ort[i][j]));
                assertTrue(ort[i][j] >= bounds.low(j) && ort[i][j] <= bounds.high(j), "inside the bounds");
                interior += ort[i][j] > bounds.low(j) && ort[i][j] < bounds.high(j) ? 1 : 0;
            }
        }
        assertTrue(worst <= 1e-4, p.acting().describe() + ": libtorch and ONNX Runtime differ by " + worst);
        assertTrue(!needsInterior || interior > 0, "some action values must be strictly inside the bounds");
        System.out.println("parity " + p + " " + p.acting().describe() + ": max |diff| = " + worst + ", interior "
                + interior + " " + java.util.Arrays.deepToString(ort));
        return worst;
    }

    @Test
    void diffusionPolicyWithDpmSolverAndEasMatchesLibtorch() {
        // trained briefly on the four-mode toy so that the noise network predicts noise (untrained, every sample
        // ends on the bounds); then acting with narrower uneven bounds and a normaliser of its own. K = 100, as in the
        // quick start: with very few diffusion steps (K = 20) the last solver step spans a huge logSNR interval, whose
        // coefficients (~1e5) cancel catastrophically and turn float rounding differences of any two implementations
        // into differences of 1e-3 and more
        FitResult fit = EdpTrainer.builder().algo(Algorithm.IQL).steps(100).hidden(32, 32, 32).batchSize(64)
                .iterations(300).eas(5, 1.0).seed(11).progress(false).build()
                .fit(io.github.edp4j.core.data.FourModeToy.dataset(1000, 3));
        try (Policy trained = fit.policy();
                Policy p = TestPolicies.rebound(trained, TOY_BOUNDS, new ObservationNormalizer(new float[] {0.1f},
                        new float[] {0.8f}, 1e-3))) {
            compare(p, 6, 1, true);
            compare(p.withActing(p.acting().withEas(6, 0.5, true)), 6, 2, false);
            compare(p.withActing(p.acting().withDpmSolver(2, 5, TimeGrid.LOGSNR)), 6, 3, false);
            compare(p.withActing(p.acting().withDpmSolver(3, 7, TimeGrid.TIME_QUADRATIC).withEas(1, 1, false)), 6, 4,
                    false);
            compare(p.withActing(p.acting().withDpmSolver(1, 4, TimeGrid.TIME_UNIFORM)), 6, 5, false);
            compare(p.withActing(p.acting().withDpmSolver(3, 15, TimeGrid.LOGSNR)), 6, 6, false);
        }
    }

    @Test
    void feedForwardActorsMatchLibtorch() {
        try (Policy gauss = TestPolicies.untrained(small(Algorithm.IQL, PolicyClass.GAUSSIAN), OBS, BOUNDS, NORM);
                Policy det = TestPolicies.untrained(small(Algorithm.TD3, PolicyClass.GAUSSIAN), OBS, BOUNDS, NORM)) {
            assertEquals(0, gauss.noiseSize(3));
            compare(gauss, 3, 7);
            compare(det, 3, 8);
        }
    }

    @Test
    void dtqlOneStepPolicyWithAndWithoutSelectionMatchesLibtorch() {
        try (Policy p = TestPolicies.untrained(small(Algorithm.DTQL, PolicyClass.DIFFUSION).eas(4, 1.0), OBS, BOUNDS,
                NORM);
                Policy unit = TestPolicies.untrained(small(Algorithm.DTQL, PolicyClass.DIFFUSION).eas(1, 1.0), OBS,
                        ActionBounds.symmetric(3, 1f), NORM)) {
            compare(p, 3, 9);
            compare(p.withActing(p.acting().withEas(3, 1.0, true)), 2, 10);
            compare(unit, 3, 11);
        }
    }

    @Test
    void drawnRandomnessIsDeterministicPerCallSequenceAndInsideTheBounds() {
        try (Policy p = TestPolicies.untrained(small(Algorithm.IQL, PolicyClass.DIFFUSION).eas(3, 1.0), OBS, BOUNDS,
                NORM);
                OnnxPolicy a = OnnxPolicy.of(p);
                OnnxPolicy b = OnnxPolicy.of(p)) {
            float[][] obs = observations(2, OBS, 12);
            float[][] first = a.act(obs);
            assertArrayEquals(first[1], b.act(obs)[1]);
            float[] second = a.act(obs[0]);
            assertEquals(BOUNDS.dim(), second.length);
            for (int j = 0; j < BOUNDS.dim(); j++) {
                assertTrue(second[j] >= BOUNDS.low(j) && second[j] <= BOUNDS.high(j));
            }
        }
    }

    @Test
    void diffusionPolicyWithTheDdpmChainMatchesLibtorch() {
        try (Policy p = TestPolicies.untrained(EdpTrainer.builder().algo(Algorithm.DQL).policy(PolicyClass.DIFFUSION)
                .steps(10).hidden(16, 16).eas(3, 1.0).seed(11), OBS, BOUNDS, NORM)) {
            assertEquals(ActingSettings.Sampler.DDPM, p.acting().sampler());
            assertEquals(10 * 2 * 3 * 3, p.noiseSize(2), "the starting noise and that of steps K..2");
            compare(p, 2, 13, true);
            compare(p.withActing(p.acting().withEas(1, 1.0, false)), 3, 14);
        }
    }
}
