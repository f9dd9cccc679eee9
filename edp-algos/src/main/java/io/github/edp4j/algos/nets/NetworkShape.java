package io.github.edp4j.algos.nets;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.Activation;
import java.util.Arrays;

/**
 * Dimensions and architecture shared by the feed-forward networks (Gaussian and deterministic actors, critics,
 * value network): EDP's 3 x 256 Mish by default (arXiv 2305.20081, App. B). Immutable, validated.
 *
 * @param observationDim state dimension, at least 1
 * @param bounds action bounds
 * @param hidden hidden widths, each at least 1
 * @param activation hidden activation
 * @param seed initialisation seed
 */
public record NetworkShape(int observationDim, ActionBounds bounds, int[] hidden, Activation activation, long seed) {

    /** Validates every field. */
    public NetworkShape {
        if (observationDim < 1) {
            throw new IllegalArgumentException("observationDim must be >= 1, got " + observationDim);
        }
        if (bounds == null || hidden == null || activation == null) {
            throw new IllegalArgumentException("bounds, hidden and activation must not be null");
        }
        hidden = hidden.clone();
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] < 1) {
                throw new IllegalArgumentException("hidden[" + i + "] must be >= 1, got " + hidden[i]);
            }
        }
    }

    /** @return the action dimension */
    public int actionDim() {
        return bounds.dim();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * @param newSeed seed
     * @return a copy with another seed
     */
    public NetworkShape withSeed(long newSeed) {
        return new NetworkShape(observationDim, bounds, hidden, activation, newSeed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkShape n && observationDim == n.observationDim && bounds.equals(n.bounds)
                && Arrays.equals(hidden, n.hidden) && activation == n.activation && seed == n.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {observationDim, bounds, Arrays.hashCode(hidden), activation, seed});
    }

    @Override
    public String toString() {
        return "NetworkShape{obs=" + observationDim + ", act=" + actionDim() + ", hidden=" + Arrays.toString(hidden)
                + ", " + activation + ", seed=" + seed + "}";
    }
}
