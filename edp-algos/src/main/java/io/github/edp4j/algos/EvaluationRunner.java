package io.github.edp4j.algos;

import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * Runs the paper's evaluation: {@code n} seeded episodes, stepped in lockstep so that the policy acts on all live
 * episodes in one batch. The same seeds are used at every evaluation, so scores are comparable across iterations.
 */
final class EvaluationRunner {

    private final Supplier<Environment> environments;
    private final int episodes;
    private final DoubleUnaryOperator normalizer;
    private final long seedBase;

    EvaluationRunner(Supplier<Environment> environments, int episodes, DoubleUnaryOperator normalizer, long seedBase) {
        this.environments = environments;
        this.episodes = episodes;
        this.normalizer = normalizer;
        this.seedBase = seedBase;
    }

    Evaluation evaluate(Policy policy, long iteration) {
        Environment[] envs = new Environment[episodes];
        float[][] obs = new float[episodes][];
        boolean[] done = new boolean[episodes];
        double[] returns = new double[episodes];
        for (int i = 0; i < episodes; i++) {
            envs[i] = environments.get();
            obs[i] = envs[i].reset(seedBase + i);
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
                obs[i] = r.observation();
                if (r.done()) {
                    done[i] = true;
                }
            }
            live = 0;
            for (boolean d : done) {
                live += d ? 0 : 1;
            }
        }
        double mean = 0;
        for (double r : returns) {
            mean += r / episodes;
        }
        return new Evaluation(iteration, mean, normalizer.applyAsDouble(mean), episodes);
    }
}
