package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) over one {@link ParameterSet}, with optional clipping of the global gradient norm
 * (EDP, arXiv 2305.20081, Table 3) and gradients zeroed after each step. The moment estimates live in the
 * parameter set's manager; the update itself is libtorch's fused Adam kernel, so a step allocates nothing
 * per parameter. Gradient clipping costs one host read of the global norm per step.
 */
public final class AdamOptimizer {

    private final ParameterSet params;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private float learningRate;
    private final float maxGradNorm;
    private long stepCount;

    /**
     * @param params parameters to optimise
     * @param learningRate learning rate, positive
     * @param maxGradNorm global gradient-norm limit, or {@code <= 0} for none
     */
    public AdamOptimizer(ParameterSet params, float learningRate, float maxGradNorm) {
        this(params, learningRate, maxGradNorm, 0.9f, 0.999f, 1e-8f);
    }

    /**
     * @param params parameters to optimise
     * @param learningRate learning rate, positive
     * @param maxGradNorm global gradient-norm limit, or {@code <= 0} for none
     * @param beta1 first-moment decay in [0, 1)
     * @param beta2 second-moment decay in [0, 1)
     * @param epsilon denominator constant, positive
     */
    public AdamOptimizer(ParameterSet params, float learningRate, float maxGradNorm, float beta1, float beta2,
            float epsilon) {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.params = params;
        this.learningRate = learningRate;
        this.maxGradNorm = maxGradNorm;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        NDManager m = params.manager();
        for (NDArray p : params.list()) {
            means.add(m.zeros(p.getShape()));
            variances.add(m.zeros(p.getShape()));
        }
    }

    /** @return number of updates made */
    public long stepCount() {
        return stepCount;
    }

    /** @param learningRate new learning rate, positive */
    public void setLearningRate(float learningRate) {
        this.learningRate = learningRate;
    }

    /**
     * Applies one update from the gradients accumulated by the last backward pass, then zeroes them. Must be
     * called after the gradient collector is closed.
     *
     * @param step manager for temporaries of this step
     * @return the global gradient norm before clipping
     */
    public float step(NDManager step) {
        List<NDArray> ps = params.list();
        List<NDArray> grads = new ArrayList<>(ps.size());
        for (NDArray p : ps) {
            NDArray g = p.getGradient();
            g.attach(step);
            grads.add(g);
        }
        float norm = globalNorm(step, grads);
        float rescale = 1f;
        if (maxGradNorm > 0 && norm > maxGradNorm) {
            rescale = maxGradNorm / (norm + 1e-6f);
        }
        stepCount++;
        double coef1 = 1.0 - Math.pow(beta1, stepCount);
        double coef2 = 1.0 - Math.pow(beta2, stepCount);
        float lrCorrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        for (int i = 0; i < ps.size(); i++) {
            PtNDArray w = (PtNDArray) ps.get(i);
            JniUtils.adamUpdate(w, (PtNDArray) grads.get(i), (PtNDArray) means.get(i), (PtNDArray) variances.get(i),
                    learningRate, lrCorrected, 0f, rescale, -1f, beta1, beta2, epsilon, false);
            JniUtils.zeroGrad(w);
        }
        return norm;
    }

    /** Zeroes the gradients without updating (e.g. after a backward pass whose result is discarded). */
    public void zeroGradients() {
        for (NDArray p : params.list()) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    private static float globalNorm(NDManager step, List<NDArray> grads) {
        NDArray total = null;
        for (NDArray g : grads) {
            NDArray s = g.square().sum();
            total = total == null ? s : total.add(s);
        }
        return (float) Math.sqrt(total.getFloat());
    }

    /**
     * Exports the optimizer state (moments and step count) as float arrays, for checkpoints.
     *
     * @return the moments, means first then variances, in parameter order
     */
    public List<float[]> exportMoments() {
        List<float[]> out = new ArrayList<>();
        for (NDArray m : means) {
            out.add(m.toFloatArray());
        }
        for (NDArray v : variances) {
            out.add(v.toFloatArray());
        }
        return out;
    }

    /**
     * Restores the state written by {@link #exportMoments()}.
     *
     * @param moments means then variances in parameter order
     * @param steps the step count
     */
    public void importMoments(List<float[]> moments, long steps) {
        if (moments.size() != 2 * means.size()) {
            throw new IllegalArgumentException("optimizer state has " + moments.size() + " arrays, expected "
                    + 2 * means.size());
        }
        NDManager m = params.manager();
        for (int i = 0; i < means.size(); i++) {
            try (NDArray a = NativeConstants.array(m, moments.get(i), means.get(i).getShape());
                    NDArray b = NativeConstants.array(m, moments.get(means.size() + i), variances.get(i).getShape())) {
                ParameterSet.assign(means.get(i), a);
                ParameterSet.assign(variances.get(i), b);
            }
        }
        this.stepCount = steps;
    }
}
