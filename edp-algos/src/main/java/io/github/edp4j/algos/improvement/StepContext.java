package io.github.edp4j.algos.improvement;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a training step shares with a {@link PolicyImprovement}: the discount, a generator seeded for this step
 * (so a resumed run repeats the same choices), and a place to record scalar metrics.
 */
public final class StepContext {

    private final float discount;
    private final SplittableRandom random;
    private final Map<String, NDArray> metrics = new LinkedHashMap<>();

    /**
     * @param discount the discount factor gamma
     * @param random generator for this step
     */
    public StepContext(float discount, SplittableRandom random) {
        this.discount = discount;
        this.random = random;
    }

    /** @return gamma */
    public float discount() {
        return discount;
    }

    /** @return the step's generator */
    public SplittableRandom random() {
        return random;
    }

    /**
     * Records a scalar metric of this step.
     *
     * @param name metric name
     * @param value scalar array, read after the step's updates
     */
    public void record(String name, NDArray value) {
        metrics.put(name, value);
    }

    /** @return the metrics recorded so far */
    public Map<String, NDArray> metrics() {
        return metrics;
    }
}
