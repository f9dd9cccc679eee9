package io.github.edp4j.examples.cli;

import io.github.edp4j.core.data.OfflineDataset;

/** Test data: a small hand-made dataset with known episode returns. */
final class TestDatasets {

    private TestDatasets() {}

    /**
     * Three episodes of 2, 3 and 1 steps with returns 10, 20 and 60 (mean 30), observation dim 2, action dim 1; the
     * first ends at a terminal, the second at a timeout, the third with the data.
     */
    static OfflineDataset threeEpisodes(String name) {
        int n = 6;
        float[] obs = new float[n * 2];
        float[] next = new float[n * 2];
        float[] act = new float[n];
        for (int i = 0; i < n; i++) {
            obs[2 * i] = i;
            obs[2 * i + 1] = -0.5f * i;
            next[2 * i] = i + 1;
            next[2 * i + 1] = -0.5f * (i + 1);
            act[i] = 0.1f * i - 0.2f;
        }
        return OfflineDataset.builder().name(name)
                .observations(obs, 2)
                .actions(act, 1)
                .rewards(new float[] {4, 6, 5, 5, 10, 60})
                .nextObservations(next, 2)
                .terminals(new boolean[] {false, true, false, false, false, false})
                .timeouts(new boolean[] {false, false, false, false, true, false})
                .build();
    }
}
