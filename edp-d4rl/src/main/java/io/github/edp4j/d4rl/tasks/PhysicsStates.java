package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.env.Environment;

/** Access to a simulator's generalized positions and velocities, for D4RL's {@code infos/qpos} and {@code infos/qvel}. */
final class PhysicsStates {

    /** Reads the current state of one environment. */
    interface Probe {
        double[] qpos();

        double[] qvel();
    }

    private PhysicsStates() {
    }

    /**
     * @param env an environment
     * @return a probe of its state, or {@code null} if it exposes none
     */
    static Probe probe(Environment env) {
        return null;
    }
}
