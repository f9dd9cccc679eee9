package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.SplittableRandom;

/**
 * Runs a {@link Controller} in an {@link Environment}: returns of seeded episodes (for reference scores) and
 * recording of episodes into a {@link TransitionBuffer} (for datasets). Episode {@code i} of a run starting at
 * {@code firstSeed} resets the environment with {@code firstSeed + i} and gives the controller
 * {@link Randomness#controllerRng(long)} of that seed.
 */
final class Rollouts {

    private Rollouts() {
    }

    /**
     * @param env the environment (reset for every episode)
     * @param controller the policy
     * @param firstSeed seed of the first episode
     * @param episodes number of episodes, at least 1
     * @return the mean undiscounted return
     */
    static double meanReturn(Environment env, Controller controller, long firstSeed, int episodes) {
        double sum = 0;
        for (int i = 0; i < episodes; i++) {
            sum += episodeReturn(env, controller, firstSeed + i);
        }
        return sum / episodes;
    }

    /**
     * @param env the environment
     * @param controller the policy
     * @param seed the episode's seed
     * @return the undiscounted return of one episode
     */
    static double episodeReturn(Environment env, Controller controller, long seed) {
        SplittableRandom rng = Randomness.controllerRng(seed);
        float[] obs = env.reset(seed);
        controller.reset(rng);
        double total = 0;
        while (true) {
            StepResult r = env.step(controller.act(obs, rng));
            total += r.reward();
            if (r.done()) {
                return total;
            }
            obs = r.observation();
        }
    }

    /**
     * Records one full episode (the environment is reset with {@code seed}).
     *
     * @param env the environment
     * @param controller the policy
     * @param seed the episode's seed
     * @param out where the transitions go
     */
    static void record(Environment env, Controller controller, long seed, TransitionBuffer out) {
        recordFrom(env, env.reset(seed), controller, Randomness.controllerRng(seed), out);
    }

    /**
     * Records the rest of an episode that has already been reset.
     *
     * @param env the environment, with a running episode
     * @param firstObservation the episode's current observation
     * @param controller the policy (reset here)
     * @param rng the controller's randomness
     * @param out where the transitions go
     */
    static void recordFrom(Environment env, float[] firstObservation, Controller controller, SplittableRandom rng,
            TransitionBuffer out) {
        controller.reset(rng);
        float[] obs = firstObservation;
        while (true) {
            float[] action = controller.act(obs, rng);
            env.actionBounds().clip(action);
            StepResult r = env.step(action);
            out.add(obs, action, r.reward(), r.observation(), r.terminated(), r.truncated() && !r.terminated());
            if (r.done()) {
                return;
            }
            obs = r.observation();
        }
    }
}
