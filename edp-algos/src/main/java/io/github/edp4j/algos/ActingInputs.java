package io.github.edp4j.algos;

import java.util.function.UnaryOperator;

/**
 * The checks every {@link ActingPolicy} applies to what it is asked to act on, in one place so that the libtorch
 * {@link Policy} and other runtimes (the ONNX Runtime backend of module {@code edp-onnx}) refuse bad input with the
 * same messages: observations of the wrong dimension or with a non-finite value, and explicit randomness (the initial
 * noise of the sampler and the uniform draw of energy-based action selection, EDP arXiv 2305.20081, Sec. 4.3) of the
 * wrong size or out of range.
 */
public final class ActingInputs {

    private ActingInputs() {
    }

    /**
     * Checks a batch of observations and lays it out row-major.
     *
     * @param observations raw observations, at least one, each of length {@code observationDim} and finite
     * @param observationDim the policy's observation dimension
     * @param transform applied to each checked row before it is copied (the policy's normalisation, or identity);
     *     must return {@code observationDim} values
     * @return {@code (B * observationDim)} values, row after row
     * @throws IllegalArgumentException naming the row and what is wrong with it
     */
    public static float[] rows(float[][] observations, int observationDim, UnaryOperator<float[]> transform) {
        if (observations == null || observations.length == 0) {
            throw new IllegalArgumentException("act: at least one observation is required");
        }
        int b = observations.length;
        float[] flat = new float[b * observationDim];
        for (int i = 0; i < b; i++) {
            float[] o = observations[i];
            if (o == null || o.length != observationDim) {
                throw new IllegalArgumentException("act: observation " + i + " has dimension "
                        + (o == null ? "null" : o.length) + " but the policy expects " + observationDim);
            }
            for (int j = 0; j < observationDim; j++) {
                if (!Float.isFinite(o[j])) {
                    throw new IllegalArgumentException("act: observation " + i + " has non-finite value " + o[j]
                            + " at index " + j);
                }
            }
            System.arraycopy(transform.apply(o), 0, flat, i * observationDim, observationDim);
        }
        return flat;
    }

    /**
     * Checks explicit random draws given to {@code act(observations, noise, uniform)}.
     *
     * @param values the draws, or {@code null} for none
     * @param expected how many are needed (0: none may be given)
     * @param what their name in messages ({@code "noise"}, {@code "uniform"})
     * @param unitInterval whether each must lie in {@code (0, 1]} (uniform draws) rather than be finite (noise)
     * @throws IllegalArgumentException if the count differs or a value is out of range, naming the index
     */
    public static void randomness(float[] values, int expected, String what, boolean unitInterval) {
        int got = values == null ? 0 : values.length;
        if (got != expected) {
            throw new IllegalArgumentException("act: " + what + " has " + got + " values but " + expected
                    + " are needed");
        }
        for (int i = 0; i < got; i++) {
            float v = values[i];
            if (!Float.isFinite(v) || (unitInterval && !(v > 0 && v <= 1))) {
                throw new IllegalArgumentException("act: " + what + " value " + v + " at index " + i + " is not "
                        + (unitInterval ? "in (0, 1]" : "finite"));
            }
        }
    }
}
