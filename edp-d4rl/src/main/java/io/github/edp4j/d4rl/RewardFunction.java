package io.github.edp4j.d4rl;

/**
 * Computes the reward of a transition whose file stores none, such as OGBench's goal-conditioned datasets (only
 * their {@code -singletask} variants store {@code rewards}). Give it with
 * {@link DatasetOptions.Builder#rewardFunction(RewardFunction)}; it is called once per transition, in order.
 */
@FunctionalInterface
public interface RewardFunction {

    /**
     * @param row the file row the transition was built from (so a function can look up other per-row arrays)
     * @param observation the observation (do not modify)
     * @param action the action (do not modify)
     * @param nextObservation the next observation (do not modify)
     * @return the reward, a finite number
     */
    float reward(int row, float[] observation, float[] action, float[] nextObservation);
}
