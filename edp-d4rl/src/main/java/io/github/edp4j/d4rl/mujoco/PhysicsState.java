package io.github.edp4j.d4rl.mujoco;

/**
 * The full physical state of a MuJoCo environment, as D4RL stores it in {@code infos/qpos} and {@code infos/qvel}.
 */
public interface PhysicsState {

    /** @return a copy of the generalized positions {@code qpos} (including the x position) */
    double[] qpos();

    /** @return a copy of the generalized velocities {@code qvel} (not clipped) */
    double[] qvel();
}
