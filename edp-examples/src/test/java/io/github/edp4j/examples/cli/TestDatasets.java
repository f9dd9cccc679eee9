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
        return threeEpisodes(name, 2, 1);
    }

    /**
     * The episodes of {@link #threeEpisodes(String)} with other dimensions (a D4RL name's file must have its
     * environment's): observation {@code k > 0} of row {@code i} is {@code -0.5 k i}, every action dimension
     * {@code 0.1 i - 0.2}.
     */
    static OfflineDataset threeEpisodes(String name, int observationDim, int actionDim) {
        int n = 6;
        float[] obs = new float[n * observationDim];
        float[] next = new float[n * observationDim];
        float[] act = new float[n * actionDim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < observationDim; k++) {
                obs[observationDim * i + k] = k == 0 ? i : -0.5f * k * i;
                next[observationDim * i + k] = k == 0 ? i + 1 : -0.5f * k * (i + 1);
            }
            for (int k = 0; k < actionDim; k++) {
                act[actionDim * i + k] = 0.1f * i - 0.2f;
            }
        }
        return OfflineDataset.builder().name(name)
                .observations(obs, observationDim)
                .actions(act, actionDim)
                .rewards(new float[] {4, 6, 5, 5, 10, 60})
                .nextObservations(next, observationDim)
                .terminals(new boolean[] {false, true, false, false, false, false})
                .timeouts(new boolean[] {false, false, false, false, true, false})
                .build();
    }
}
