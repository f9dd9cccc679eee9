package io.github.edp4j.algos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A point of the training curve: each metric averaged over the iterations since the previous record that recorded
 * it (a metric that starts within the window, such as DTQL's policy loss after its pre-training, is averaged over
 * the iterations that produced it, not the whole window).
 *
 * @param iteration iterations completed
 * @param metrics metric name to its mean (losses, mean Q, ...), in a stable order
 * @param iterationsPerSecond throughput over the window
 */
public record TrainingRecord(long iteration, Map<String, Double> metrics, double iterationsPerSecond) {

    /** Copies the metrics map. */
    public TrainingRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
