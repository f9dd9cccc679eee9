package io.github.edp4j.examples.training;

import io.github.edp4j.algos.Evaluation;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.TrainingRecord;
import io.github.edp4j.examples.plot.LearningCurve;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns what {@link io.github.edp4j.algos.EdpTrainer#fit} returns into learning curves and loss statistics: the
 * normalized score of every evaluation as the series {@value #SCORE_SERIES}, and every training metric
 * ({@code critic_loss}, {@code policy_loss}, {@code value_loss}, {@code bc_loss}, {@code q_mean}, ...) under its
 * own name, so that {@link io.github.edp4j.examples.plot.LearningCurvePlot} puts scores and losses on their
 * panels by name.
 */
public final class FitCurves {

    /** The series holding the normalized score of each evaluation. */
    public static final String SCORE_SERIES = "normalized score";

    private FitCurves() {}

    /**
     * @param result a finished fit, possibly resumed (its history then starts before this run)
     * @param runName the curve's name in legends, such as {@code EDP-IQL}
     * @return the curve: the normalized score at each evaluation with a finite score, and each metric at each
     *     training record; non-finite values and repeated iterations are left out
     */
    public static LearningCurve of(FitResult result, String runName) {
        Objects.requireNonNull(result, "result");
        LearningCurve.Builder b = LearningCurve.builder(runName);
        Set<String> seen = new HashSet<>();
        for (Evaluation e : result.evaluations()) {
            if (Double.isFinite(e.normalizedScore()) && seen.add(SCORE_SERIES + '\0' + e.iteration())) {
                b.add(SCORE_SERIES, e.iteration(), e.normalizedScore());
            }
        }
        for (TrainingRecord r : result.curve()) {
            for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                if (m.getValue() != null && Double.isFinite(m.getValue())
                        && seen.add(m.getKey() + '\0' + r.iteration())) {
                    b.add(m.getKey(), r.iteration(), m.getValue());
                }
            }
        }
        return b.build();
    }

    /**
     * Statistics of each training metric over the training records of a fit.
     *
     * @param result a finished fit
     * @return one entry per metric, in the order the trainer reports them; empty if nothing was recorded
     */
    public static List<MetricStatistics> metricStatistics(FitResult result) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (TrainingRecord r : result.curve()) {
            for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                if (m.getValue() != null && Double.isFinite(m.getValue())) {
                    points.computeIfAbsent(m.getKey(), k -> new ArrayList<>())
                            .add(new double[] {r.iteration(), m.getValue()});
                }
            }
        }
        List<MetricStatistics> out = new ArrayList<>();
        points.forEach((name, p) -> {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] v : p) {
                min = Math.min(min, v[1]);
                max = Math.max(max, v[1]);
            }
            double[] first = p.get(0);
            double[] last = p.get(p.size() - 1);
            out.add(new MetricStatistics(name, (long) first[0], first[1], (long) last[0], last[1], min, max, p.size()));
        });
        return out;
    }

    /**
     * One training metric over a run: its first and last recorded values (each a mean over the iterations since
     * the record before) and the extremes of all records.
     *
     * @param name the metric, such as {@code critic_loss} or {@code q_mean}
     * @param firstIteration iteration of the first record
     * @param first value at the first record
     * @param lastIteration iteration of the last record
     * @param last value at the last record
     * @param min smallest recorded value
     * @param max largest recorded value
     * @param records number of records
     */
    public record MetricStatistics(String name, long firstIteration, double first, long lastIteration, double last,
            double min, double max, int records) {}
}
