package io.github.edp4j.algos;

import io.github.edp4j.core.env.Environment;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * The paper's evaluation during training: {@link PolicyRollouts} over {@code n} seeded episodes, the same seeds at
 * every evaluation so that scores are comparable across iterations, summarised as an {@link Evaluation}.
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
        double mean = PolicyRollouts.run(policy, environments, episodes, seedBase).meanReturn();
        return new Evaluation(iteration, mean, normalizer.applyAsDouble(mean), episodes);
    }
}
