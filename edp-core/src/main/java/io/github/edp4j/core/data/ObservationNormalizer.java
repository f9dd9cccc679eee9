package io.github.edp4j.core.data;

import java.util.Arrays;

/**
 * Per-dimension observation standardisation {@code (s - mean) / (std + eps)}, fitted on a dataset and applied
 * to every observation a trained policy sees, so that training and acting use the same input scale.
 * Immutable.
 */
public final class ObservationNormalizer {

    /** Default epsilon added to the standard deviation. */
    public static final double DEFAULT_EPSILON = 1e-3;

    private final float[] mean;
    private final float[] std;
    private final double epsilon;

    /**
     * @param mean per-dimension mean
     * @param std per-dimension standard deviation, non-negative
     * @param epsilon positive constant added to {@code std}
     */
    public ObservationNormalizer(float[] mean, float[] std, double epsilon) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("observation normalizer: mean has " + mean.length
                    + " dimensions but std has " + std.length);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("observation normalizer: epsilon must be > 0, got " + epsilon);
        }
        for (int i = 0; i < std.length; i++) {
            if (!Float.isFinite(mean[i]) || !Float.isFinite(std[i]) || std[i] < 0) {
                throw new IllegalArgumentException("observation normalizer: dimension " + i
                        + " needs a finite mean and a finite std >= 0, got mean=" + mean[i] + ", std=" + std[i]);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.epsilon = epsilon;
    }

    /**
     * The identity normalizer: mean 0 and {@code std + epsilon = 1} exactly.
     *
     * @param dim observation dimension
     * @return a normalizer that leaves observations unchanged
     */
    public static ObservationNormalizer identity(int dim) {
        // std + eps = 1023/1024 + 1/1024 = 1 exactly in float and double.
        float[] std = new float[dim];
        Arrays.fill(std, 1023f / 1024f);
        return new ObservationNormalizer(new float[dim], std, 1.0 / 1024);
    }

    /**
     * Fits mean and standard deviation of a dataset's observations.
     *
     * @param ds the dataset
     * @param epsilon added to the standard deviation
     * @return the fitted normalizer
     */
    public static ObservationNormalizer fit(OfflineDataset ds, double epsilon) {
        int d = ds.observationDim();
        int n = ds.size();
        float[] obs = ds.observations();
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = obs[i * d + j];
                sum[j] += v;
                sq[j] += v * v;
            }
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            double m = sum[j] / n;
            mean[j] = (float) m;
            std[j] = (float) Math.sqrt(Math.max(0, sq[j] / n - m * m));
        }
        return new ObservationNormalizer(mean, std, epsilon);
    }

    /** @return the observation dimension */
    public int dim() {
        return mean.length;
    }

    /** @return a copy of the mean */
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the standard deviation */
    public float[] std() {
        return std.clone();
    }

    /** @return the epsilon added to the standard deviation */
    public double epsilon() {
        return epsilon;
    }

    /**
     * Normalizes one observation into a new array.
     *
     * @param observation raw observation
     * @return normalized observation
     */
    public float[] apply(float[] observation) {
        if (observation.length != mean.length) {
            throw new IllegalArgumentException("observation has dimension " + observation.length
                    + " but the policy expects " + mean.length);
        }
        float[] out = new float[observation.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((observation[i] - mean[i]) / (std[i] + epsilon));
        }
        return out;
    }

    /**
     * Normalizes row-major observations of a dataset layout into a new array.
     *
     * @param flat row-major observations with {@link #dim()} columns
     * @return normalized copy
     */
    public float[] applyRows(float[] flat) {
        int d = mean.length;
        float[] out = new float[flat.length];
        for (int i = 0; i < flat.length; i++) {
            int j = i % d;
            out[i] = (float) ((flat[i] - mean[j]) / (std[j] + epsilon));
        }
        return out;
    }

    /**
     * Returns a dataset whose observations and next observations are normalized.
     *
     * @param ds the dataset
     * @return the normalized dataset
     */
    public OfflineDataset applyTo(OfflineDataset ds) {
        if (ds.observationDim() != mean.length) {
            throw new IllegalArgumentException("dataset '" + ds.name() + "' has observation dimension "
                    + ds.observationDim() + " but the normalizer has " + mean.length);
        }
        return ds.toBuilder()
                .observations(applyRows(ds.observations()), mean.length)
                .nextObservations(applyRows(ds.nextObservations()), mean.length)
                .build();
    }
}
