package io.github.edp4j.algos.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.AdamOptimizer;
import io.github.edp4j.core.nn.Autograd;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.sampling.NoisePredictor;
import io.github.edp4j.core.schedule.ScheduleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Diffusion-QL's differentiable chain (arXiv 2208.06193): the gradient of a loss on the chain's output with respect
 * to the policy's parameters must flow through every one of the {@code K} reverse steps, not only the last. Checked
 * against central finite differences of the loss along a random direction in parameter space, which see the whole
 * chain; gradients through only the last {@code j < K} steps are shown to miss part of it. Also checks that the
 * chain reproduces core's {@link DdpmSampler} (values and gradients) for the same seed.
 */
@Tag("gc-stress")
class DiffusionQlChainGradientTest {

    private static final int K = 5;
    private static final int OBS = 3;
    private static final int ACT = 2;
    private static final int B = 6;

    private NDManager m;

    @BeforeEach
    void start() {
        m = TorchRuntime.newManager();
    }

    @AfterEach
    void stop() {
        m.close();
    }

    private static DiffusionPolicyConfig config(ActionBounds bounds) {
        return new DiffusionPolicyConfig(OBS, bounds, ScheduleKind.VP, K, new int[] {32, 32}, Activation.MISH, 16, 32,
                7L);
    }

    /** Directional derivative {@code sum_p <dL/dp, d_p>} of the gradients left by the last backward pass. */
    private static double directional(DiffusionPolicy policy, List<NDArray> direction) {
        double sum = 0;
        List<NDArray> ps = policy.parameters().list();
        for (int i = 0; i < ps.size(); i++) {
            float[] g = ps.get(i).getGradient().toFloatArray();
            float[] d = direction.get(i).toFloatArray();
            for (int j = 0; j < g.length; j++) {
                sum += (double) g[j] * d[j];
            }
        }
        new AdamOptimizer(policy.parameters(), 1e-3f, 0f).zeroGradients();
        return sum;
    }

    /** Adds {@code scale * d} to every parameter, in place. */
    private static void shift(DiffusionPolicy policy, List<NDArray> direction, float scale) {
        List<NDArray> ps = policy.parameters().list();
        for (int i = 0; i < ps.size(); i++) {
            try (NDArray delta = direction.get(i).mul(scale)) {
                ps.get(i).addi(delta);
            }
        }
    }

    /**
     * The gradient of {@code L = sum(w * chain(theta))} along the direction, differentiating only the last {@code
     * differentiated} steps (the earlier ones run with their output cut from the graph); {@code K} is the full
     * chain.
     */
    private static double chainGradient(DifferentiableDdpm chain, DiffusionPolicy policy, NDArray states,
            NDArray start, List<NDArray> noise, NDArray w, List<NDArray> direction, int differentiated) {
        try (NDManager step = states.getManager().newSubManager()) {
            NDArray x = start.duplicate();
            x.attach(step);
            for (int k = K; k > differentiated; k--) {
                x = chain.step(policy, x, k, states, noise.get(K - k)); // no collector: no graph
            }
            try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                NDArray y = x.stopGradient();
                for (int k = differentiated; k >= 1; k--) {
                    y = chain.step(policy, y, k, states, k > 1 ? noise.get(K - k) : null);
                }
                Autograd.backward(gc, y.mul(w).sum());
            }
        }
        return directional(policy, direction);
    }

    private static double loss(DifferentiableDdpm chain, DiffusionPolicy policy, NDArray states, NDArray start,
            List<NDArray> noise, NDArray w) {
        try (NDManager step = states.getManager().newSubManager()) {
            NDArray x = start.duplicate();
            x.attach(step);
            return chain.sample(policy, states, x, noise).mul(w).sum().toType(DataType.FLOAT64, false).getDouble();
        }
    }

    @Test
    void gradientFlowsThroughEveryStepOfTheChain() {
        // wide bounds: no clipping, so the loss is smooth and finite differences are exact to O(h^2)
        ActionBounds wide = ActionBounds.symmetric(ACT, 100f);
        DiffusionPolicy policy = new DiffusionPolicy(config(wide), m, true);
        DifferentiableDdpm chain = new DifferentiableDdpm(policy.schedule(), wide, m);
        TorchRuntime.seed(11);
        NDArray states = m.randomNormal(0f, 1f, new Shape(B, OBS), DataType.FLOAT32);
        NDArray start = m.randomNormal(0f, 1f, new Shape(B, ACT), DataType.FLOAT32);
        List<NDArray> noise = new ArrayList<>();
        for (int i = 0; i < K - 1; i++) {
            noise.add(m.randomNormal(0f, 1f, new Shape(B, ACT), DataType.FLOAT32));
        }
        NDArray w = m.randomNormal(0f, 1f, new Shape(B, ACT), DataType.FLOAT32);
        List<NDArray> direction = new ArrayList<>();
        for (NDArray p : policy.parameters().list()) {
            direction.add(m.randomNormal(0f, 1f, p.getShape(), DataType.FLOAT32));
        }

        double[] byDepth = new double[K + 1];
        for (int j = 1; j <= K; j++) {
            byDepth[j] = chainGradient(chain, policy, states, start, noise, w, direction, j);
        }
        float h = 1e-3f;
        shift(policy, direction, h);
        double plus = loss(chain, policy, states, start, noise, w);
        shift(policy, direction, -2 * h);
        double minus = loss(chain, policy, states, start, noise, w);
        shift(policy, direction, h);
        double numeric = (plus - minus) / (2 * h);

        double full = byDepth[K];
        assertTrue(Math.abs(numeric) > 1e-2, "the test needs a non-trivial directional derivative, got " + numeric);
        double tolerance = 0.005 * Math.abs(numeric);
        assertEquals(numeric, full, tolerance, "autograd through all K steps vs finite differences");
        for (int j = 1; j < K; j++) {
            double error = Math.abs(byDepth[j] - numeric);
            assertTrue(error > 5 * tolerance, "a gradient through only the last " + j + " of " + K
                    + " steps must miss part of the true gradient: " + byDepth[j] + " vs " + numeric);
        }
    }

    @Test
    void gradientReachesTheStartingNoise() {
        ActionBounds wide = ActionBounds.symmetric(ACT, 100f);
        DiffusionPolicy policy = new DiffusionPolicy(config(wide), m, true);
        DifferentiableDdpm chain = new DifferentiableDdpm(policy.schedule(), wide, m);
        TorchRuntime.seed(5);
        NDArray states = m.randomNormal(0f, 1f, new Shape(B, OBS), DataType.FLOAT32);
        NDArray start = m.randomNormal(0f, 1f, new Shape(B, ACT), DataType.FLOAT32);
        start.setRequiresGradient(true);
        int[] calls = new int[1];
        NoisePredictor counting = (x, t, s) -> {
            calls[0]++;
            return policy.predict(x, t, s);
        };
        try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
            Autograd.backward(gc, chain.sample(counting, states, start).sum());
        }
        assertEquals(K, calls[0], "one network call per step");
        float[] g = start.getGradient().toFloatArray();
        double norm = 0;
        for (float v : g) {
            norm += v * v;
        }
        assertTrue(norm > 1e-6, "d a_0 / d a_K must be non-zero: the graph links the first step to the last");
    }

    @Test
    void chainEqualsCoreDdpmSamplerInValuesAndGradients() {
        ActionBounds unit = ActionBounds.symmetric(ACT, 1f);
        DiffusionPolicy policy = new DiffusionPolicy(config(unit), m, true);
        DifferentiableDdpm chain = new DifferentiableDdpm(policy.schedule(), unit, m);
        DdpmSampler core = new DdpmSampler(policy.schedule(), unit);
        TorchRuntime.seed(2);
        NDArray states = m.randomNormal(0f, 1f, new Shape(B, OBS), DataType.FLOAT32);
        NDArray start = m.randomNormal(0f, 1f, new Shape(B, ACT), DataType.FLOAT32);
        NDArray w = m.randomNormal(0f, 1f, new Shape(B, ACT), DataType.FLOAT32);

        Function<Boolean, float[][]> run = useCore -> {
            try (NDManager step = m.newSubManager()) {
                NDArray x0 = start.duplicate();
                x0.attach(step);
                float[] actions;
                TorchRuntime.seed(99);
                try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                    NDArray a = useCore ? core.sample(policy, states, x0) : chain.sample(policy, states, x0);
                    actions = a.toFloatArray();
                    Autograd.backward(gc, a.mul(w).sum());
                }
                List<Float> grads = new ArrayList<>();
                for (NDArray p : policy.parameters().list()) {
                    for (float v : p.getGradient().toFloatArray()) {
                        grads.add(v);
                    }
                }
                new AdamOptimizer(policy.parameters(), 1e-3f, 0f).zeroGradients();
                float[] g = new float[grads.size()];
                for (int i = 0; i < g.length; i++) {
                    g[i] = grads.get(i);
                }
                return new float[][] {actions, g};
            }
        };
        float[][] ours = run.apply(false);
        float[][] theirs = run.apply(true);
        assertArrayEquals(theirs[0], ours[0], 1e-6f, "same actions for the same seed");
        for (float a : ours[0]) {
            assertTrue(a >= -1f && a <= 1f, "actions inside the bounds: " + a);
        }
        double norm = 0;
        for (float v : theirs[1]) {
            norm += v * v;
        }
        assertTrue(norm > 0, "core's DdpmSampler is differentiable too (its freed per-step arrays keep the graph)");
        assertArrayEquals(theirs[1], ours[1], 1e-5f, "same parameter gradients as core's DdpmSampler");
    }

    @Test
    void diffusionActorSamplesThroughTheChainAndRejectsBadInput() {
        ActionBounds unit = ActionBounds.symmetric(ACT, 1f);
        DiffusionPolicyConfig cfg = config(unit);
        try (DiffusionActor actor = new DiffusionActor(cfg, new DdpmSampler(cfg.schedule(), unit), m, true)) {
            assertEquals(K, actor.chain().steps());
            TorchRuntime.seed(4);
            NDArray states = m.randomNormal(0f, 1f, new Shape(B, OBS), DataType.FLOAT32);
            NDArray viaChain = actor.sampleThroughChain(states);
            TorchRuntime.seed(4);
            m.randomNormal(0f, 1f, new Shape(B, OBS), DataType.FLOAT32);
            NDArray viaSampler = actor.sample(states);
            assertArrayEquals(viaSampler.toFloatArray(), viaChain.toFloatArray(), 1e-6f,
                    "the chain is the actor's DDPM sampler with gradients kept");
            DifferentiableDdpm chain = actor.chain();
            assertThrows(IllegalArgumentException.class, () -> chain.sample(actor.policy(), states,
                    m.zeros(new Shape(B, ACT + 1)), List.of()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> chain.sample(actor.policy(), states, m.zeros(new Shape(B, ACT)), List.of()));
            assertEquals("DifferentiableDdpm: 4 noise arrays expected for K = 5, got 0", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> chain.step(actor.policy(), m.zeros(new Shape(B, ACT)), 6, states, null));
            assertEquals("DifferentiableDdpm: step k = 6 is outside 1..5", e.getMessage());
        }
    }
}
