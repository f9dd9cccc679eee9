package io.github.edp4j.algos;

import java.util.List;

/**
 * What {@link EdpTrainer#fit} returns: the trained policy and how it got there. RAT and OMS follow the EDP paper
 * (Sec. 5): RAT is the mean normalized score of the last 10 evaluations, OMS the best evaluation.
 *
 * <p>Immutable; the only native memory it refers to is the {@link Policy}'s, which is thread-safe and must be closed
 * by the caller (see {@link Policy} for the contract).
 *
 * @param policy the trained policy (close it when done)
 * @param evaluations every evaluation, in order
 * @param curve the training curve
 * @param wallSeconds wall-clock time of the fit
 * @param iterationsPerSecond training throughput (iterations of this fit over its training time)
 * @param provenance how the policy was trained
 */
public record FitResult(Policy policy, List<Evaluation> evaluations, List<TrainingRecord> curve, double wallSeconds,
        double iterationsPerSecond, Provenance provenance) {

    /** Copies the lists. */
    public FitResult {
        evaluations = List.copyOf(evaluations);
        curve = List.copyOf(curve);
    }

    /** @return the mean normalized score of the last 10 evaluations (RAT), or NaN without evaluations */
    public double rat() {
        return rat(evaluations);
    }

    /** @return the best normalized score (OMS), or NaN without evaluations */
    public double oms() {
        return evaluations.stream().mapToDouble(Evaluation::normalizedScore).max().orElse(Double.NaN);
    }

    static double rat(List<Evaluation> evaluations) {
        int n = evaluations.size();
        return evaluations.subList(Math.max(0, n - 10), n).stream().mapToDouble(Evaluation::normalizedScore).average()
                .orElse(Double.NaN);
    }

    /** @return a one-line summary with both scores labelled */
    public String summary() {
        return String.format("%s: RAT %.1f, OMS %.1f (%d evaluations), %.1f s, %.1f it/s",
                provenance.config().algorithm() + "/" + provenance.config().policyClass(), rat(), oms(),
                evaluations.size(), wallSeconds, iterationsPerSecond);
    }
}
