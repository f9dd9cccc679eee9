package io.github.edp4j.algos;

import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a policy for a number of seeded episodes, episode {@code i} reset with seed {@code seed + i}, the way the
 * EDP paper evaluates (undiscounted returns, no exploration noise beyond the policy's own sampling). The episodes
 * step in lockstep, so that the policy acts on every live episode in one batch.
 */
public final class PolicyRollouts {

    private PolicyRollouts() {}

    /**
     * @param policy the policy; its observation and action dimensions must match the environment's
     * @param environments creates a fresh environment per episode; those that are {@link AutoCloseable} (MuJoCo's)
     *     are closed when the run ends
     * @param episodes number of episodes, {@code >= 1}
     * @param seed seed of the first episode's reset
     * @return every episode's return and length
     * @throws IllegalArgumentException if {@code episodes < 1} or the dimensions do not match, naming both
     */
    public static Result run(ActingPolicy policy, Supplier<Environment> environments, int episodes, long seed) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(environments, "environments");
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        Environment[] envs = new Environment[episodes];
        try {
            return run(policy, environments, episodes, seed, envs);
        } finally {
            close(envs);
        }
    }

    /** Frees environments that hold native resources (MuJoCo's model and data) as soon as the episodes end. */
    private static void close(Environment[] envs) {
        for (Environment env : envs) {
            closeIfCloseable(env);
        }
    }

    /**
     * Closes an environment that holds native resources (it is {@link AutoCloseable}, as MuJoCo's are).
     *
     * @param env the environment, or null
     * @throws IllegalStateException if closing fails, naming the environment
     */
    static void closeIfCloseable(Environment env) {
        if (env instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close environment " + env.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private static Result run(ActingPolicy policy, Supplier<Environment> environments, int episodes, long seed,
            Environment[] envs) {
        float[][] obs = new float[episodes][];
        boolean[] done = new boolean[episodes];
        double[] returns = new double[episodes];
        int[] lengths = new int[episodes];
        for (int i = 0; i < episodes; i++) {
            envs[i] = environments.get();
            if (i == 0) {
                checkDimensions(policy, envs[0]);
            }
            obs[i] = envs[i].reset(seed + i);
        }
        int live = episodes;
        int guard = envs[0].maxEpisodeSteps() + 1;
        for (int t = 0; t < guard && live > 0; t++) {
            int[] index = new int[live];
            float[][] batch = new float[live][];
            int k = 0;
            for (int i = 0; i < episodes; i++) {
                if (!done[i]) {
                    index[k] = i;
                    batch[k++] = obs[i];
                }
            }
            float[][] actions = policy.act(batch);
            for (int j = 0; j < live; j++) {
                int i = index[j];
                StepResult r = envs[i].step(actions[j]);
                returns[i] += r.reward();
                lengths[i]++;
                obs[i] = r.observation();
                done[i] = r.done();
            }
            live = 0;
            for (boolean d : done) {
                live += d ? 0 : 1;
            }
        }
        return new Result(returns, lengths);
    }

    /**
     * Checks that a policy can act in an environment.
     *
     * @param policy the policy
     * @param env the environment
     * @throws IllegalArgumentException naming both dimensions of both, and the policy's training dataset, if they
     *     differ
     */
    public static void checkDimensions(ActingPolicy policy, Environment env) {
        int policyActions = policy.actionBounds().dim();
        if (policy.observationDim() != env.observationDim() || policyActions != env.actionDim()) {
            throw new IllegalArgumentException("the policy (trained on " + policy.datasetName()
                    + ") has observation dimension " + policy.observationDim() + " and action dimension "
                    + policyActions + ", but task " + env.name() + " has observation dimension "
                    + env.observationDim() + " and action dimension " + env.actionDim());
        }
    }

    /**
     * The outcome of {@link #run}.
     *
     * @param returns each episode's undiscounted return, in seed order
     * @param lengths each episode's number of steps, in seed order
     */
    public record Result(double[] returns, int[] lengths) {

        /** Copies the arrays. */
        public Result {
            returns = returns.clone();
            lengths = lengths.clone();
        }

        @Override
        public double[] returns() {
            return returns.clone();
        }

        @Override
        public int[] lengths() {
            return lengths.clone();
        }

        /** @return the number of episodes */
        public int episodes() {
            return returns.length;
        }

        /** @return the mean return */
        public double meanReturn() {
            return Arrays.stream(returns).average().orElse(Double.NaN);
        }

        /** @return the population standard deviation of the returns (0 for one episode) */
        public double stdReturn() {
            double mean = meanReturn();
            double ss = 0;
            for (double r : returns) {
                ss += (r - mean) * (r - mean);
            }
            return Math.sqrt(ss / returns.length);
        }

        /** @return the smallest return */
        public double minReturn() {
            return Arrays.stream(returns).min().orElse(Double.NaN);
        }

        /** @return the largest return */
        public double maxReturn() {
            return Arrays.stream(returns).max().orElse(Double.NaN);
        }

        /** @return the mean episode length in steps */
        public double meanLength() {
            return Arrays.stream(lengths).average().orElse(Double.NaN);
        }
    }
}
