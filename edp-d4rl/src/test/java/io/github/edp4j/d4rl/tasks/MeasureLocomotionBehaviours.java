package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.d4rl.D4rlScores;
import io.github.edp4j.d4rl.experts.ExpertActor;
import io.github.edp4j.d4rl.mujoco.Locomotion;
import io.github.edp4j.d4rl.mujoco.LocomotionEnvironment;
import io.github.edp4j.d4rl.mujoco.LocomotionTask;
import java.util.Locale;

/**
 * Prints the mean return and D4RL normalized score of the locomotion behaviour policies (random, the deterministic
 * and stochastic experts, the expert with several Gaussian action noise levels), to choose the {@code -medium}
 * noise of {@link LocomotionDatasets}. Run with the test class path:
 * {@code java -cp <test classpath> [-Dnoises=0.3,0.4] io.github.edp4j.d4rl.tasks.MeasureLocomotionBehaviours
 * [episodes] [task...]}.
 */
public final class MeasureLocomotionBehaviours {

    private MeasureLocomotionBehaviours() {
    }

    /** @param args the number of episodes (default 10), then task names (default all three) */
    public static void main(String[] args) {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        LocomotionTask[] tasks = LocomotionTask.values();
        if (args.length > 1) {
            tasks = new LocomotionTask[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                tasks[i - 1] = LocomotionTask.forName(args[i]);
            }
        }
        for (LocomotionTask task : tasks) {
            ExpertActor actor = ExpertActor.builtin(task.envName());
            try (LocomotionEnvironment env = Locomotion.environment(task)) {
                String only = System.getProperty("noises");
                double[] noises = only == null ? new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0}
                        : java.util.Arrays.stream(only.split(",")).mapToDouble(Double::parseDouble).toArray();
                if (only == null) {
                    report(task, "random", Behaviours.uniformRandom(env.actionBounds()), env, episodes);
                    report(task, "expert deterministic", Behaviours.expert(actor, false, 0), env, episodes);
                    report(task, "expert stochastic", Behaviours.expert(actor, true, 0), env, episodes);
                }
                for (double noise : noises) {
                    report(task, "expert + noise " + noise, Behaviours.expert(actor, false, noise), env, episodes);
                }
            }
        }
    }

    private static void report(LocomotionTask task, String what, BehaviourPolicy b, LocomotionEnvironment env,
            int episodes) {
        double sum = 0;
        double sq = 0;
        long steps = 0;
        for (int i = 0; i < episodes; i++) {
            long seed = 5_000_000L + i;
            java.util.SplittableRandom rng = Randomness.controllerRng(seed);
            float[] obs = env.reset(seed);
            b.reset(rng);
            double r = 0;
            while (true) {
                io.github.edp4j.core.env.StepResult s = env.step(b.act(obs, rng));
                r += s.reward();
                steps++;
                if (s.done()) {
                    break;
                }
                obs = s.observation();
            }
            sum += r;
            sq += r * r;
        }
        double mean = sum / episodes;
        double std = Math.sqrt(Math.max(0, sq / episodes - mean * mean));
        System.out.printf(Locale.ROOT, "%-12s %-24s return %9.1f (std %7.1f)  normalized %6.1f  mean length %6.1f%n",
                task.envName(), what, mean, std, D4rlScores.normalized(task.envName(), mean),
                (double) steps / episodes);
    }
}
