package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.ParameterSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * An MLP whose hidden layers are {@code Linear -> LayerNorm -> activation}, then a linear output: DTQL's Q networks
 * (arXiv 2405.19690, official code: 3 x [Linear 256, LayerNorm, Mish]). LayerNorm (Ba, Kiros, Hinton 2016) has a
 * learned
 * gain (initially 1) and bias (initially 0) per unit and {@code epsilon = 1e-5}, as in PyTorch.
 */
final class LayerNormMlp {

    private static final float EPSILON = 1e-5f;

    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final List<NDArray> gains = new ArrayList<>();
    private final List<NDArray> offsets = new ArrayList<>();
    private final List<Shape> normalizedShapes = new ArrayList<>();
    private final UnaryOperator<NDArray> activation;

    LayerNormMlp(ParameterSet params, String name, int in, int[] hidden, int out, Activation activation,
            SplittableRandom rng) {
        this.activation = activation.bind(params.manager());
        int width = in;
        for (int i = 0; i < hidden.length; i++) {
            addLinear(params, name + "." + i, width, hidden[i], rng);
            float[] ones = new float[hidden[i]];
            Arrays.fill(ones, 1f);
            gains.add(params.add(name + ".norm" + i + ".gain", ones, new Shape(hidden[i])));
            offsets.add(params.add(name + ".norm" + i + ".bias", new float[hidden[i]], new Shape(hidden[i])));
            normalizedShapes.add(new Shape(hidden[i]));
            width = hidden[i];
        }
        addLinear(params, name + "." + hidden.length, width, out, rng);
    }

    /**
     * A linear layer initialised like PyTorch's {@code nn.Linear} (uniform in {@code [-1/sqrt(in), 1/sqrt(in)]}),
     * stored {@code (out, in)} for libtorch's fused {@code x W^T + b}.
     */
    private void addLinear(ParameterSet params, String name, int in, int out, SplittableRandom rng) {
        float[] w = io.github.edp4j.core.nn.Linear.uniformInit(in * out, in, rng);
        float[] b = io.github.edp4j.core.nn.Linear.uniformInit(out, in, rng);
        weights.add(params.add(name + ".weight", w, new Shape(out, in)));
        biases.add(params.add(name + ".bias", b, new Shape(out)));
    }

    /**
     * @param x {@code (B, in)}
     * @return {@code (B, out)}, owned by the manager of {@code x}
     */
    NDArray forward(NDArray x) {
        NDArray h = x;
        int last = weights.size() - 1;
        for (int i = 0; i < last; i++) {
            NDArray lin = Linear.linear(h, weights.get(i), biases.get(i)).singletonOrThrow();
            NDArray norm = LayerNorm.layerNorm(lin, normalizedShapes.get(i), gains.get(i), offsets.get(i), EPSILON)
                    .singletonOrThrow();
            h = activation.apply(norm);
        }
        return Linear.linear(h, weights.get(last), biases.get(last)).singletonOrThrow();
    }
}
