package io.github.edp4j.core.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.DeviceDataset;
import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.sampling.DpmSolver3;
import io.github.edp4j.core.sampling.TimeGrid;
import org.junit.jupiter.api.Test;

/**
 * A diffusion policy trained by the diffusion loss alone keeps all four modes of the state-conditioned toy.
 * Sampled with DPM-Solver-3 (15 calls) and with DDPM (all K steps), at least 90% of actions lie within 0.15 of a
 * mode and every mode holds 15-35% of them. The 15-call solver is held to this on the logSNR grid: on EDP's
 * time-uniform grid even the exact noise predictor reaches only about 80% on this toy ({@code
 * TimeGridCeilingTest}), so that grid is held to 60% with its mode shares checked; the time-quadratic grid, whose
 * coarse high-noise steps let one mode grow past 35% with a learned model, is held to 90% near a mode with every
 * mode keeping 10-45% of the actions.
 */
class BehaviorCloningLearningTest {

    static final int STEPS_K = 100;
    static final int ITERATIONS = 16_000;

    @Test
    void diffusionPolicyKeepsAllFourModes() {
        TorchRuntime.seed(3);
        try (NDManager root = TorchRuntime.newManager()) {
            DeviceDataset data = FourModeToy.dataset(20_000, 3).toDevice(root);
            DiffusionPolicyConfig cfg = DiffusionPolicyConfig.defaults(1, ActionBounds.symmetric(2, 1f), STEPS_K)
                    .withHidden(128, 128, 128).withSeed(3);
            try (DiffusionPolicy policy = new DiffusionPolicy(cfg, root);
                    DiffusionPolicy ema = new DiffusionPolicy(cfg, root)) {
                BehaviorCloning bc = new BehaviorCloning(policy, 2e-3f, 0, ema, 0.005f);
                for (int i = 0; i < ITERATIONS; i++) {
                    // cosine decay from 2e-3 to 1e-4 sharpens the low-noise end the 15-call solvers rely on
                    bc.setLearningRate((float) (1e-4 + 0.5 * (2e-3 - 1e-4) * (1 + Math.cos(Math.PI * i / ITERATIONS))));
                    bc.step(data, 256, root);
                }
                int n = 4000;
                float[] states = new float[n];
                for (int i = 0; i < n; i++) {
                    states[i] = -1f + 2f * i / (n - 1);
                }
                FourModeToy.ModeStatistics quadratic = sample(root, ema, states,
                        new DpmSolver3(ema.schedule(), cfg.bounds(), 15, TimeGrid.TIME_QUADRATIC));
                FourModeToy.ModeStatistics logSnr = sample(root, ema, states,
                        new DpmSolver3(ema.schedule(), cfg.bounds(), 15, TimeGrid.LOGSNR));
                System.out.println("DPM-Solver-3, 15 calls, logSNR:         " + logSnr.summary());
                FourModeToy.ModeStatistics uniform = sample(root, ema, states, ema.defaultSampler());
                FourModeToy.ModeStatistics ddpm = sample(root, ema, states, new DdpmSampler(ema.schedule(), cfg.bounds()));
                System.out.println("DPM-Solver-3, 15 calls, time-quadratic: " + quadratic.summary());
                System.out.println("DPM-Solver-3, 15 calls, time-uniform:   " + uniform.summary());
                System.out.println("DDPM, K = " + STEPS_K + ":                     " + ddpm.summary());
                check("DPM-Solver-3 (15 calls, logSNR)", logSnr, 0.90);
                check("DDPM", ddpm, 0.90);
                check("DPM-Solver-3 (15 calls, time-uniform)", uniform, 0.60);
                check("DPM-Solver-3 (15 calls, time-quadratic)", quadratic, 0.90, 0.10, 0.45);
            }
        }
    }

    private static FourModeToy.ModeStatistics sample(NDManager root, DiffusionPolicy policy, float[] states,
            ActionSampler sampler) {
        try (NDManager m = root.newSubManager()) {
            NDArray s = m.create(states, new Shape(states.length, 1));
            return FourModeToy.statistics(states, policy.sample(s, sampler).toFloatArray(), 0.15);
        }
    }

    private static void check(String name, FourModeToy.ModeStatistics st, double minNear) {
        check(name, st, minNear, 0.15, 0.35);
    }

    private static void check(String name, FourModeToy.ModeStatistics st, double minNear, double minShare,
            double maxShare) {
        assertTrue(st.nearFraction() >= minNear, name + ": " + st.summary());
        for (double share : st.shares()) {
            assertTrue(share >= minShare && share <= maxShare, name + ": " + st.summary());
        }
    }
}
