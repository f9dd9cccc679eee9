package io.github.edp4j.core;

import java.util.Arrays;

/**
 * Per-dimension box bounds of a continuous action space, {@code low[i] < high[i]}.
 *
 * <p>Diffusion policies clip their approximated clean action to these bounds (EDP, arXiv 2305.20081,
 * Sec. 4.1, and the DPM-Solver noise clipping of the official code). Immutable: the arrays are copied on the
 * way in and on the way out.
 */
public final class ActionBounds {

    private final float[] low;
    private final float[] high;

    /**
     * Creates bounds from per-dimension limits.
     *
     * @param low lower limits, finite
     * @param high upper limits, finite and strictly greater than {@code low}
     * @throws IllegalArgumentException if the lengths differ, a value is not finite or {@code low >= high}
     */
    public ActionBounds(float[] low, float[] high) {
        if (low == null || high == null) {
            throw new IllegalArgumentException("action bounds: low and high must not be null");
        }
        if (low.length == 0) {
            throw new IllegalArgumentException("action bounds: action dimension must be >= 1, got 0");
        }
        if (low.length != high.length) {
            throw new IllegalArgumentException(
                    "action bounds: low has " + low.length + " dimensions but high has " + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
                throw new IllegalArgumentException("action bounds: dimension " + i + " is not finite: low="
                        + low[i] + ", high=" + high[i]);
            }
            if (low[i] >= high[i]) {
                throw new IllegalArgumentException("action bounds: low must be < high, but dimension " + i
                        + " has low=" + low[i] + " >= high=" + high[i]);
            }
        }
        this.low = low.clone();
        this.high = high.clone();
    }

    /**
     * The symmetric box {@code [-limit, limit]^dim}, the usual D4RL action space with {@code limit = 1}.
     *
     * @param dim action dimension, at least 1
     * @param limit positive half-width
     * @return the bounds
     */
    public static ActionBounds symmetric(int dim, float limit) {
        if (dim < 1) {
            throw new IllegalArgumentException("action bounds: dim must be >= 1, got " + dim);
        }
        if (!(limit > 0) || !Float.isFinite(limit)) {
            throw new IllegalArgumentException("action bounds: limit must be finite and > 0, got " + limit);
        }
        float[] lo = new float[dim];
        float[] hi = new float[dim];
        Arrays.fill(lo, -limit);
        Arrays.fill(hi, limit);
        return new ActionBounds(lo, hi);
    }

    /** @return the action dimension */
    public int dim() {
        return low.length;
    }

    /** @return a copy of the lower limits */
    public float[] low() {
        return low.clone();
    }

    /** @return a copy of the upper limits */
    public float[] high() {
        return high.clone();
    }

    /**
     * @param i dimension
     * @return lower limit of dimension {@code i}
     */
    public float low(int i) {
        return low[i];
    }

    /**
     * @param i dimension
     * @return upper limit of dimension {@code i}
     */
    public float high(int i) {
        return high[i];
    }

    /**
     * Clips an action in place to the box.
     *
     * @param action the action, of length {@link #dim()}
     * @return the same array
     */
    public float[] clip(float[] action) {
        for (int i = 0; i < low.length; i++) {
            action[i] = Math.max(low[i], Math.min(high[i], action[i]));
        }
        return action;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionBounds b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "ActionBounds{low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "}";
    }
}
