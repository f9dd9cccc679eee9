package io.github.edp4j.core.env;

/**
 * The outcome of one {@link Environment#step(float[])}: gymnasium-style, with termination (a true end of the
 * episode, no bootstrapping) kept apart from truncation (a time limit).
 *
 * @param observation the next observation
 * @param reward the reward of the transition
 * @param terminated whether the episode ended in a terminal state
 * @param truncated whether the episode was cut off by a time limit
 */
public record StepResult(float[] observation, double reward, boolean terminated, boolean truncated) {

    /** @return whether the episode is over for either reason */
    public boolean done() {
        return terminated || truncated;
    }
}
