package io.github.edp4j.core.policy;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.schedule.NoiseSchedule;
import io.github.edp4j.core.schedule.ScheduleKind;
import java.util.Arrays;

/**
 * The architecture and diffusion settings of a {@link DiffusionPolicy}; immutable, validated on construction.
 * Defaults follow the official EDP code (arXiv 2305.20081, App. B): linear schedule, sinusoidal time
 * embedding of width 16 through a 32-wide Mish layer back to 16, three hidden layers of 256 with Mish.
 *
 * @param observationDim state dimension, at least 1
 * @param bounds action bounds (their dimension is the action dimension)
 * @param scheduleKind noise schedule
 * @param steps K, the number of diffusion steps, at least 1
 * @param hidden hidden widths of the noise network, each at least 1
 * @param activation hidden activation
 * @param timeEmbeddingDim sinusoidal embedding width, even and at least 4
 * @param timeHiddenDim width of the time embedding's hidden layer, at least 1
 * @param seed seed of the weight initialisation
 */
public record DiffusionPolicyConfig(int observationDim, ActionBounds bounds, ScheduleKind scheduleKind, int steps,
        int[] hidden, Activation activation, int timeEmbeddingDim, int timeHiddenDim, long seed) {

    /** Validates every field. */
    public DiffusionPolicyConfig {
        if (observationDim < 1) {
            throw new IllegalArgumentException("observationDim must be >= 1, got " + observationDim);
        }
        if (bounds == null) {
            throw new IllegalArgumentException("bounds must not be null");
        }
        if (scheduleKind == null) {
            throw new IllegalArgumentException("scheduleKind must not be null");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps (K) must be >= 1, got " + steps);
        }
        if (hidden == null) {
            throw new IllegalArgumentException("hidden must not be null");
        }
        hidden = hidden.clone();
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] < 1) {
                throw new IllegalArgumentException("hidden[" + i + "] must be >= 1, got " + hidden[i]);
            }
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        if (timeEmbeddingDim < 4 || timeEmbeddingDim % 2 != 0) {
            throw new IllegalArgumentException("timeEmbeddingDim must be even and >= 4, got " + timeEmbeddingDim);
        }
        if (timeHiddenDim < 1) {
            throw new IllegalArgumentException("timeHiddenDim must be >= 1, got " + timeHiddenDim);
        }
    }

    /**
     * The official defaults for the given dimensions and K.
     *
     * @param observationDim state dimension
     * @param bounds action bounds
     * @param steps K
     * @return the configuration (linear schedule, 3 x 256 Mish, time embedding 16/32, seed 0)
     */
    public static DiffusionPolicyConfig defaults(int observationDim, ActionBounds bounds, int steps) {
        return new DiffusionPolicyConfig(observationDim, bounds, ScheduleKind.LINEAR, steps,
                new int[] {256, 256, 256}, Activation.MISH, 16, 32, 0L);
    }

    /** @return the action dimension */
    public int actionDim() {
        return bounds.dim();
    }

    /** @return the noise schedule */
    public NoiseSchedule schedule() {
        return NoiseSchedule.of(scheduleKind, steps);
    }

    /** @return a copy of the hidden widths */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * @param newHidden hidden widths
     * @return a copy with other hidden widths
     */
    public DiffusionPolicyConfig withHidden(int... newHidden) {
        return new DiffusionPolicyConfig(observationDim, bounds, scheduleKind, steps, newHidden, activation,
                timeEmbeddingDim, timeHiddenDim, seed);
    }

    /**
     * @param kind schedule kind
     * @param k number of steps
     * @return a copy with another schedule
     */
    public DiffusionPolicyConfig withSchedule(ScheduleKind kind, int k) {
        return new DiffusionPolicyConfig(observationDim, bounds, kind, k, hidden, activation, timeEmbeddingDim,
                timeHiddenDim, seed);
    }

    /**
     * @param newSeed initialisation seed
     * @return a copy with another seed
     */
    public DiffusionPolicyConfig withSeed(long newSeed) {
        return new DiffusionPolicyConfig(observationDim, bounds, scheduleKind, steps, hidden, activation,
                timeEmbeddingDim, timeHiddenDim, newSeed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiffusionPolicyConfig c && observationDim == c.observationDim && bounds.equals(c.bounds)
                && scheduleKind == c.scheduleKind && steps == c.steps && Arrays.equals(hidden, c.hidden)
                && activation == c.activation && timeEmbeddingDim == c.timeEmbeddingDim
                && timeHiddenDim == c.timeHiddenDim && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {observationDim, bounds, scheduleKind, steps, Arrays.hashCode(hidden),
            activation, timeEmbeddingDim, timeHiddenDim, seed});
    }

    @Override
    public String toString() {
        return "DiffusionPolicyConfig{obs=" + observationDim + ", act=" + actionDim() + ", schedule=" + scheduleKind
                + ", K=" + steps + ", hidden=" + Arrays.toString(hidden) + ", activation=" + activation
                + ", timeEmbedding=" + timeEmbeddingDim + "/" + timeHiddenDim + ", seed=" + seed + "}";
    }
}
