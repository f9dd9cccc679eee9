package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.env.Environment;

/** The argument and state checks every built-in {@link Environment#step(float[])} makes. */
final class EnvironmentChecks {

    private EnvironmentChecks() {
    }

    /**
     * @param env the environment
     * @param running whether an episode is running
     * @param action the action passed to {@code step}
     * @throws IllegalStateException if no episode is running
     * @throws IllegalArgumentException if the action is null, of the wrong length or not finite
     */
    static void checkStep(Environment env, boolean running, float[] action) {
        if (!running) {
            throw new IllegalStateException(env.name() + ": no episode is running; call reset(seed) first"
                    + " (an episode ends after a terminal or a timeout)");
        }
        if (action == null) {
            throw new IllegalArgumentException(env.name() + ": action must not be null");
        }
        if (action.length != env.actionDim()) {
            throw new IllegalArgumentException(env.name() + ": action has length " + action.length + ", expected "
                    + env.actionDim());
        }
        for (int i = 0; i < action.length; i++) {
            if (!Float.isFinite(action[i])) {
                throw new IllegalArgumentException(env.name() + ": action[" + i + "] is not finite: " + action[i]);
            }
        }
    }
}
