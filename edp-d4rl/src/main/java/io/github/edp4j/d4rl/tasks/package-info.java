/**
 * Built-in offline RL tasks that need no download: pure-Java environments (pendulum, point mazes, a four-mode
 * bandit), D4RL-style datasets generated from seeded scripted controllers, and reference scores for the normalized
 * score. The entry point is {@link io.github.edp4j.d4rl.tasks.BuiltinTasks}.
 */
package io.github.edp4j.d4rl.tasks;
