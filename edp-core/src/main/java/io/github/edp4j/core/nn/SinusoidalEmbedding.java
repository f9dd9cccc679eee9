package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Transformer-style sinusoidal embedding of the diffusion time index (Vaswani et al. 2017; used by EDP and
 * Diffusion-QL): {@code [sin(t f_i), cos(t f_i)]} with {@code f_i = exp(-log(10000) i / (d/2 - 1))}.
 */
public final class SinusoidalEmbedding {

    private final int dim;
    private final float[] frequencies;
    private final NDArray frequencyRow;

    /**
     * @param manager long-lived manager owning the frequency table
     * @param dim embedding width, even and at least 4
     */
    public SinusoidalEmbedding(NDManager manager, int dim) {
        if (dim < 4 || dim % 2 != 0) {
            throw new IllegalArgumentException("time embedding dim must be even and >= 4, got " + dim);
        }
        this.dim = dim;
        int half = dim / 2;
        this.frequencies = new float[half];
        double scale = Math.log(10000) / (half - 1);
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.exp(-scale * i);
        }
        this.frequencyRow = NativeConstants.array(manager, frequencies, new Shape(1, half));
    }

    /** @return embedding width */
    public int dim() {
        return dim;
    }

    /**
     * @param t {@code (B,)} float time indices
     * @return {@code (B, dim)}, owned by the manager of {@code t}
     */
    public NDArray embed(NDArray t) {
        NDArray arg = t.reshape(-1, 1).mul(frequencyRow);
        return arg.sin().concat(arg.cos(), 1);
    }

    /**
     * Embeds one scalar time index, computed on the host.
     *
     * @param manager owner of the result
     * @param t time index
     * @return {@code (1, dim)}
     */
    public NDArray embed(NDManager manager, double t) {
        return embed(manager, new double[] {t});
    }

    /**
     * Embeds several scalar time indices, computed on the host (the same values as {@link #embed(NDManager,
     * double)} row by row).
     *
     * @param manager owner of the result
     * @param ts time indices
     * @return {@code (ts.length, dim)}
     */
    public NDArray embed(NDManager manager, double[] ts) {
        int half = frequencies.length;
        float[] v = new float[dim * ts.length];
        for (int r = 0; r < ts.length; r++) {
            double t = ts[r];
            for (int i = 0; i < half; i++) {
                v[r * dim + i] = (float) Math.sin(t * frequencies[i]);
                v[r * dim + half + i] = (float) Math.cos(t * frequencies[i]);
            }
        }
        return NativeConstants.array(manager, v, new Shape(ts.length, dim));
    }
}
