package io.github.edp4j.examples.bench;

import io.github.edp4j.core.data.OfflineDataset;
import java.util.SplittableRandom;

/**
 * Random offline datasets of a given shape for the benchmarks: standard-normal observations that continue from one
 * row to the next within an episode, actions {@code tanh(N(0, 1))} inside {@code [-1, 1]}, normal rewards,
 * 1000-step episodes ending in a timeout and about one terminal per 3000 rows (which ends its episode). Speed does
 * not depend on the values, only on the shapes.
 */
final class SyntheticData {

    private SyntheticData() {}

    /**
     * @param name dataset name
     * @param rows transitions
     * @param observationDim observation dimension
     * @param actionDim action dimension
     * @param seed generator seed
     * @return the dataset
     */
    static OfflineDataset dataset(String name, int rows, int observationDim, int actionDim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] obs = new float[rows * observationDim];
        float[] next = new float[rows * observationDim];
        float[] act = new float[rows * actionDim];
        float[] rew = new float[rows];
        boolean[] terminals = new boolean[rows];
        boolean[] timeouts = new boolean[rows];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < act.length; i++) {
            act[i] = (float) Math.tanh(rnd.nextGaussian());
        }
        for (int i = 0; i < rows; i++) {
            rew[i] = (float) rnd.nextGaussian();
            terminals[i] = rnd.nextInt(3000) == 0;
            timeouts[i] = !terminals[i] && i % 1000 == 999;
            boolean last = terminals[i] || timeouts[i] || i == rows - 1;
            for (int j = 0; j < observationDim; j++) {
                next[i * observationDim + j] = last ? (float) rnd.nextGaussian() : obs[(i + 1) * observationDim + j];
            }
        }
        return OfflineDataset.builder().name(name).observations(obs, observationDim).actions(act, actionDim)
                .rewards(rew).nextObservations(next, observationDim).terminals(terminals).timeouts(timeouts).build();
    }
}
