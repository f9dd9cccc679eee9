/**
 * Built-in offline RL tasks: pure-Java environments that need no download (pendulum, point mazes, a four-mode
 * bandit) and D4RL's MuJoCo locomotion tasks (hopper, walker2d, halfcheetah; they need the native MuJoCo library),
 * D4RL-style datasets generated from seeded scripted controllers or shipped expert actors, reference scores for the
 * normalized score, the collection of new datasets from any behaviour policy
 * ({@link io.github.edp4j.d4rl.tasks.DatasetCollector}, {@link io.github.edp4j.d4rl.tasks.Behaviours}) and the
 * environment and score a trained policy is evaluated with ({@link io.github.edp4j.d4rl.tasks.EvaluationTarget}).
 * The entry point is {@link io.github.edp4j.d4rl.tasks.BuiltinTasks}.
 */
package io.github.edp4j.d4rl.tasks;
