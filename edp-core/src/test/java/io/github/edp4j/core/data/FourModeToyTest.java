package io.github.edp4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FourModeToyTest {

    @Test
    void datasetActionsSitAtTheirModesInEqualShares() {
        OfflineDataset ds = FourModeToy.dataset(20_000, 5);
        FourModeToy.ModeStatistics st = FourModeToy.statistics(ds.observations(), ds.actions(), 0.15);
        System.out.println("dataset: " + st.summary());
        assertTrue(st.nearFraction() > 0.98, st.summary());
        for (double share : st.shares()) {
            assertEquals(0.25, share, 0.02, st.summary());
        }
    }

    @Test
    void averagingTheModesIsFarFromEveryMode() {
        int n = 100;
        float[] states = new float[n];
        float[] actions = new float[2 * n];
        for (int i = 0; i < n; i++) {
            states[i] = -1f + 2f * i / (n - 1);
        }
        FourModeToy.ModeStatistics st = FourModeToy.statistics(states, actions, 0.15);
        assertEquals(0.0, st.nearFraction(), 0.0);
    }

    @Test
    void centresAreSeparated() {
        double[][] c = FourModeToy.centres(0.3);
        for (int i = 0; i < 4; i++) {
            assertEquals(FourModeToy.RADIUS, Math.hypot(c[i][0], c[i][1]), 1e-12);
            int j = (i + 1) % 4;
            assertEquals(FourModeToy.RADIUS * Math.sqrt(2), Math.hypot(c[i][0] - c[j][0], c[i][1] - c[j][1]), 1e-12);
        }
    }
}
