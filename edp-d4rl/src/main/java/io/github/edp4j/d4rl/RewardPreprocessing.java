package io.github.edp4j.d4rl;

import io.github.edp4j.core.data.OfflineDataset;

/**
 * Reward preprocessing of the EDP paper's official code (Kang et al. 2023, arXiv 2305.20081, following IQL's
 * conventions), one constant per rule. Pick one explicitly, or take the domain default with
 * {@link #defaultFor(D4rlDomain, boolean)}; {@link #NONE} switches preprocessing off. Rewards are computed in
 * double precision and stored as float; the dataset's other arrays are unchanged.
 */
public enum RewardPreprocessing {

    /** Rewards unchanged. */
    NONE,

    /** AntMaze with IQL: {@code r - 1} (goal reward 1 becomes 0, every other step -1). */
    ANTMAZE_IQL,

    /** AntMaze with TD3 or CRR: {@code (r - 0.5) * 4} (0/1 rewards become -2/+2). */
    ANTMAZE,

    /**
     * Kitchen and Adroit: min-max to [0, 1] over all transitions, then {@code (r - 0.5) * 2}, so rewards span
     * [-1, 1]. Rewards that are all equal have no range and are rejected.
     */
    MIN_MAX,

    /**
     * Locomotion, optional: {@code r * 1000 / (max_return - min_return)} with the undiscounted returns of the
     * dataset's episodes ({@link EpisodeStatistics#of(OfflineDataset)}). Returns that are all equal have no
     * range and are rejected.
     */
    RETURN_SCALE;

    /**
     * The EDP paper's default for a domain: AntMaze {@link #ANTMAZE_IQL} for IQL and {@link #ANTMAZE}
     * otherwise, Kitchen and Adroit {@link #MIN_MAX}; locomotion, maze2d and unknown datasets {@link #NONE}
     * (locomotion return scaling is optional: choose {@link #RETURN_SCALE} explicitly).
     *
     * @param domain the dataset's domain
     * @param iql whether the policy improvement is IQL (it changes the AntMaze rule)
     * @return the preprocessing to apply
     */
    public static RewardPreprocessing defaultFor(D4rlDomain domain, boolean iql) {
        return switch (domain) {
            case ANTMAZE -> iql ? ANTMAZE_IQL : ANTMAZE;
            case KITCHEN, ADROIT -> MIN_MAX;
            case LOCOMOTION, MAZE2D, UNKNOWN -> NONE;
        };
    }

    /**
     * Applies the rule to a dataset's rewards.
     *
     * @param dataset transitions in episode order
     * @return a dataset with preprocessed rewards ({@code dataset} itself for {@link #NONE})
     * @throws IllegalArgumentException for {@link #MIN_MAX} on constant rewards or {@link #RETURN_SCALE} on
     *     constant episode returns, naming the dataset and the value
     */
    public OfflineDataset apply(OfflineDataset dataset) {
        if (this == NONE) {
            return dataset;
        }
        float[] r = dataset.rewards();
        float[] out = new float[r.length];
        switch (this) {
            case ANTMAZE_IQL -> {
                for (int i = 0; i < r.length; i++) {
                    out[i] = (float) (r[i] - 1.0);
                }
            }
            case ANTMAZE -> {
                for (int i = 0; i < r.length; i++) {
                    out[i] = (float) ((r[i] - 0.5) * 4.0);
                }
            }
            case MIN_MAX -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (float v : r) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (!(max > min)) {
                    throw new IllegalArgumentException("dataset '" + dataset.name() + "': MIN_MAX reward"
                            + " preprocessing needs rewards that differ, but every reward is " + min);
                }
                for (int i = 0; i < r.length; i++) {
                    out[i] = (float) (((r[i] - min) / (max - min) - 0.5) * 2.0);
                }
            }
            case RETURN_SCALE -> {
                EpisodeStatistics s = EpisodeStatistics.of(dataset);
                double range = s.maxReturn() - s.minReturn();
                if (!(range > 0)) {
                    throw new IllegalArgumentException("dataset '" + dataset.name() + "': RETURN_SCALE reward"
                            + " preprocessing needs episode returns that differ, but all " + s.episodes()
                            + " episodes return " + s.minReturn());
                }
                double scale = 1000.0 / range;
                for (int i = 0; i < r.length; i++) {
                    out[i] = (float) (r[i] * scale);
                }
            }
            default -> throw new AssertionError(this);
        }
        return dataset.withRewards(out);
    }
}
