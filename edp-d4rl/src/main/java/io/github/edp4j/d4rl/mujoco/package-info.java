/**
 * D4RL's MuJoCo locomotion tasks (hopper, walker2d, halfcheetah) in Java: a JNA binding of libmujoco
 * ({@link io.github.edp4j.d4rl.mujoco.MuJoCo}; Debian's 2.2.2 or official releases 3.0 and later) and
 * environments that follow gym's v3 classes, which D4RL's v2 datasets were collected with. The entry point is
 * {@link io.github.edp4j.d4rl.mujoco.Locomotion}.
 */
package io.github.edp4j.d4rl.mujoco;
