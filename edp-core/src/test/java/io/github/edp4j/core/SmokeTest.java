package io.github.edp4j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.edp4j.core.data.DeviceDataset;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.policy.BehaviorCloning;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void lossDecreases() {
        TorchRuntime.seed(1);
        SplittableRandom r = new SplittableRandom(1);
        int n = 1000;
        float[] obs = new float[n];
        float[] act = new float[n];
        for (int i = 0; i < n; i++) {
            obs[i] = (float) r.nextDouble(-1, 1);
            act[i] = 0.5f * obs[i];
        }
        OfflineDataset ds = OfflineDataset.builder().observations(obs, 1).actions(act, 1).rewards(new float[n])
                .nextObservations(obs, 1).build();
        try (NDManager root = TorchRuntime.newManager()) {
            DeviceDataset dd = ds.toDevice(root);
            DiffusionPolicyConfig cfg = DiffusionPolicyConfig.defaults(1, ActionBounds.symmetric(1, 1f), 20)
                    .withHidden(64, 64);
            try (DiffusionPolicy p = new DiffusionPolicy(cfg, root)) {
                BehaviorCloning bc = new BehaviorCloning(p, 1e-3f, 0);
                float first = 0;
                float last = 0;
                for (int i = 0; i < 300; i++) {
                    float l = bc.step(dd, 128, root);
                    if (i < 20) {
                        first += l / 20;
                    }
                    if (i >= 280) {
                        last += l / 20;
                    }
                }
                System.out.println("first=" + first + " last=" + last);
                assertTrue(last < first * 0.7, "first=" + first + " last=" + last);
            }
        }
    }
}
