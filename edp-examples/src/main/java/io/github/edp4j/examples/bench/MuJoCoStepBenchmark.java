package io.github.edp4j.examples.bench;

import io.github.edp4j.core.env.StepResult;
import io.github.edp4j.d4rl.mujoco.Locomotion;
import io.github.edp4j.d4rl.mujoco.LocomotionEnvironment;
import io.github.edp4j.d4rl.mujoco.LocomotionTask;
import io.github.edp4j.d4rl.mujoco.MuJoCo;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark main (not a test): environment steps per second of each MuJoCo locomotion task (issue 19's speed
 * figure) under uniform random actions, resetting when an episode ends (resets are counted in the time). Prints
 * one JSON object per task with the median of {@value #ROUNDS} rounds after a warm-up. Run with the CLI jar:
 * {@code java -cp edp-examples/target/edp4j-cli.jar io.github.edp4j.examples.bench.MuJoCoStepBenchmark [steps]}
 * (add {@code -Dedp4j.mujoco.library=...} to measure another libmujoco).
 */
public final class MuJoCoStepBenchmark {

    private static final int ROUNDS = 5;

    private MuJoCoStepBenchmark() {
    }

    /** @param args optional: steps per round (default 20,000) */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        if (steps < 1) {
            throw new IllegalArgumentException("steps per round must be >= 1, got " + steps);
        }
        if (!MuJoCo.isAvailable()) {
            System.err.println(MuJoCo.unavailableReason());
            System.exit(2);
        }
        MuJoCo mujoco = MuJoCo.get();
        for (LocomotionTask task : LocomotionTask.values()) {
            try (LocomotionEnvironment env = Locomotion.environment(task)) {
                SplittableRandom rng = new SplittableRandom(1);
                run(env, rng, steps / 5);
                double[] rates = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    long t0 = System.nanoTime();
                    run(env, rng, steps);
                    rates[r] = steps / ((System.nanoTime() - t0) / 1e9);
                }
                Arrays.sort(rates);
                System.out.printf(Locale.ROOT, "{\"task\": \"%s\", \"mujoco\": \"%s\", \"frame_skip_dt\": %.3f,"
                        + " \"env_steps_per_s\": %.0f, \"min\": %.0f, \"max\": %.0f}%n", task.envName(),
                        mujoco.version(), env.dt(), rates[ROUNDS / 2], rates[0], rates[ROUNDS - 1]);
            }
        }
    }

    private static void run(LocomotionEnvironment env, SplittableRandom rng, int steps) {
        float[] action = new float[env.actionDim()];
        long episode = 0;
        env.reset(episode++);
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < action.length; k++) {
                action[k] = (float) rng.nextDouble(-1.0, 1.0);
            }
            StepResult r = env.step(action);
            if (r.done()) {
                env.reset(episode++);
            }
        }
    }
}
