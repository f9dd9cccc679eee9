package io.github.edp4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.DeviceDataset;
import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.policy.BehaviorCloning;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.sampling.DpmSolver3;
import io.github.edp4j.core.sampling.TimeGrid;

/**
 * Trains a diffusion policy by behaviour cloning alone on the four-mode toy of {@link FourModeToy} and shows that
 * it keeps all four modes, sampled with DDPM (K steps) and with 15-call DPM-Solver-3 on each time grid. A Gaussian
 * policy would average the modes into the middle, far from all of them.
 *
 * <p>Arguments (optional): {@code iterations} (default 16000).
 */
public final class DiffusionToyDemo {

    private DiffusionToyDemo() {}

    /**
     * @param args optional iteration count
     */
    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 16_000;
        int k = 100;
        TorchRuntime.seed(3);
        System.out.printf("Training a diffusion policy (K = %d, 3 x 128 Mish) by behaviour cloning on the four-mode "
                + "toy for %d iterations...%n", k, iterations);
        long t0 = System.nanoTime();
        try (NDManager root = TorchRuntime.newManager()) {
            DeviceDataset data = FourModeToy.dataset(20_000, 3).toDevice(root);
            DiffusionPolicyConfig cfg = DiffusionPolicyConfig.defaults(1, ActionBounds.symmetric(2, 1f), k)
                    .withHidden(128, 128, 128).withSeed(3);
            try (DiffusionPolicy policy = new DiffusionPolicy(cfg, root);
                    DiffusionPolicy ema = new DiffusionPolicy(cfg, root)) {
                BehaviorCloning bc = new BehaviorCloning(policy, 2e-3f, 0, ema, 0.005f);
                float loss = 0;
                for (int i = 0; i < iterations; i++) {
                    bc.setLearningRate((float) (1e-4 + 0.5 * (2e-3 - 1e-4) * (1 + Math.cos(Math.PI * i / iterations))));
                    loss += bc.step(data, 256, root);
                    if ((i + 1) % 2000 == 0) {
                        System.out.printf("  iteration %6d  diffusion loss %.4f  (%.0f s)%n", i + 1, loss / 2000,
                                (System.nanoTime() - t0) / 1e9);
                        loss = 0;
                    }
                }
                int n = 4000;
                float[] states = new float[n];
                for (int i = 0; i < n; i++) {
                    states[i] = -1f + 2f * i / (n - 1);
                }
                System.out.println();
                System.out.println("Samples within 0.15 of a mode and each mode's share (dataset: ~100%, 25% each):");
                report(root, ema, states, "DDPM, all K = " + k + " steps", new DdpmSampler(ema.schedule(), cfg.bounds()));
                for (TimeGrid grid : TimeGrid.values()) {
                    report(root, ema, states, "DPM-Solver-3, 15 calls, " + grid,
                            new DpmSolver3(ema.schedule(), cfg.bounds(), 15, grid));
                }
                System.out.printf("%nDone in %.0f s. The time-uniform grid (EDP's default) blurs narrow modes even "
                        + "with an exact model (about 80%% within 0.15); see TimeGridCeilingTest.%n",
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static void report(NDManager root, DiffusionPolicy policy, float[] states, String name,
            ActionSampler sampler) {
        try (NDManager m = root.newSubManager()) {
            NDArray s = m.create(states, new Shape(states.length, 1));
            FourModeToy.ModeStatistics st = FourModeToy.statistics(states, policy.sample(s, sampler).toFloatArray(), 0.15);
            System.out.printf("  %-42s %s%n", name, st.summary());
        }
    }
}
