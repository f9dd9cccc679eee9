package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = x W + b} whose parameters live in a {@link ParameterSet}. Initialised like
 * PyTorch's {@code nn.Linear}: weights and biases uniform in {@code [-1/sqrt(in), 1/sqrt(in)]}, drawn from a
 * seeded Java generator so that initialisation does not depend on the engine's random state.
 */
public final class Linear {

    private final int in;
    private final int out;
    private final NDArray weight;
    private final NDArray bias;

    /**
     * @param params the set that owns the parameters
     * @param name parameter name prefix
     * @param in input width
     * @param out output width
     * @param rng initialisation generator
     */
    public Linear(ParameterSet params, String name, int in, int out, SplittableRandom rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("linear layer '" + name + "': widths must be >= 1, got in=" + in
                    + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        float[] w = uniformInit(in * out, in, rng);
        float[] b = uniformInit(out, in, rng);
        this.weight = params.add(name + ".weight", w, new Shape(in, out));
        this.bias = params.add(name + ".bias", b, new Shape(out));
    }

    /**
     * PyTorch's {@code nn.Linear} initialisation: values uniform in {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]}, drawn
     * in order from {@code rng}.
     *
     * @param count how many values
     * @param fanIn the layer's input width
     * @param rng initialisation generator
     * @return the values
     */
    public static float[] uniformInit(int count, int fanIn, SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    /**
     * @param x {@code (B, in)}
     * @return {@code (B, out)}, owned by the manager of {@code x}
     */
    public NDArray forward(NDArray x) {
        NDArray y = x.matMul(weight);
        // without gradients the bias is added in place: one array fewer to allocate (and fault in) per layer;
        // with gradients the product's handle is closed at once (autograd keeps what it needs)
        if (!JniUtils.isGradMode()) {
            return y.addi(bias);
        }
        NDArray z = y.add(bias);
        y.close();
        return z;
    }

    /** @return the weight, {@code (in, out)} */
    public NDArray weight() {
        return weight;
    }

    /** @return the bias, {@code (out)} */
    public NDArray bias() {
        return bias;
    }

    /** @return input width */
    public int in() {
        return in;
    }

    /** @return output width */
    public int out() {
        return out;
    }
}
