package io.github.edp4j.algos;

/**
 * One evaluation of the policy during training (the paper's protocol: every E iterations, n episodes).
 *
 * @param iteration iterations completed when evaluated
 * @param meanReturn mean undiscounted episode return
 * @param normalizedScore {@code 100 (R - ref_min) / (ref_max - ref_min)} of the mean return, or NaN without a
 *     reference
 * @param episodes number of episodes
 */
public record Evaluation(long iteration, double meanReturn, double normalizedScore, int episodes) {}
