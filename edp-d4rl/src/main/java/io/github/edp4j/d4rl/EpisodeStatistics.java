package io.github.edp4j.d4rl;

import io.github.edp4j.core.data.OfflineDataset;

/**
 * Undiscounted episode returns of a dataset. An episode ends at a row flagged terminal or timeout, or at the
 * last row (an episode still running when the data ends counts as one). Returns are summed in row order in
 * double precision.
 *
 * @param episodes number of episodes, at least 1 for a non-empty dataset
 * @param meanReturn mean episode return
 * @param minReturn smallest episode return
 * @param maxReturn largest episode return
 */
public record EpisodeStatistics(int episodes, double meanReturn, double minReturn, double maxReturn) {

    /**
     * @param rewards one reward per row
     * @param terminals one flag per row: the episode ends after this row
     * @param timeouts one flag per row: the episode is truncated after this row
     * @return the statistics of the episodes these rows form
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public static EpisodeStatistics of(float[] rewards, boolean[] terminals, boolean[] timeouts) {
        if (rewards.length != terminals.length || rewards.length != timeouts.length) {
            throw new IllegalArgumentException("episode statistics: rewards has " + rewards.length
                    + " rows, terminals " + terminals.length + ", timeouts " + timeouts.length);
        }
        if (rewards.length == 0) {
            throw new IllegalArgumentException("episode statistics: no rows");
        }
        int n = rewards.length;
        int count = 0;
        double total = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double ret = 0;
        for (int i = 0; i < n; i++) {
            ret += rewards[i];
            if (terminals[i] || timeouts[i] || i == n - 1) {
                count++;
                total += ret;
                min = Math.min(min, ret);
                max = Math.max(max, ret);
                ret = 0;
            }
        }
        return new EpisodeStatistics(count, total / count, min, max);
    }

    /**
     * @param dataset transitions in episode order
     * @return the statistics of its episodes ({@link OfflineDataset#episodeEnd(int)})
     */
    public static EpisodeStatistics of(OfflineDataset dataset) {
        return of(dataset.rewards(), dataset.terminals(), dataset.timeouts());
    }
}
