package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A multi-layer perceptron: hidden {@link Linear} layers each followed by an {@link Activation}, then a linear
 * output layer (EDP, arXiv 2305.20081, App. B: 3 x 256 Mish for the policy and the critics).
 */
public final class Mlp {

    private final List<Linear> layers = new ArrayList<>();
    private final UnaryOperator<NDArray> activation;

    /**
     * @param params the set that owns the parameters
     * @param name parameter name prefix
     * @param in input width
     * @param hidden hidden widths (possibly empty)
     * @param out output width
     * @param activation hidden activation
     * @param rng initialisation generator
     */
    public Mlp(ParameterSet params, String name, int in, int[] hidden, int out, Activation activation,
            SplittableRandom rng) {
        this.activation = activation.bind(params.manager());
        int width = in;
        for (int i = 0; i < hidden.length; i++) {
            layers.add(new Linear(params, name + "." + i, width, hidden[i], rng));
            width = hidden[i];
        }
        layers.add(new Linear(params, name + "." + hidden.length, width, out, rng));
    }

    /**
     * @param x {@code (B, in)}
     * @return {@code (B, out)}, owned by the manager of {@code x}
     */
    public NDArray forward(NDArray x) {
        return forwardFrom(0, x);
    }

    /**
     * Layers {@code from..} on {@code input}. Each temporary's handle is closed as soon as it has been used (with
     * gradients on, autograd keeps its own reference to what the backward pass needs), so its memory goes back to
     * the allocator when nothing needs it any more instead of when the step's manager closes: a training step then
     * reuses memory instead of faulting in fresh pages for every temporary.
     */
    private NDArray forwardFrom(int from, NDArray input) {
        boolean free = true;
        NDArray h = input;
        for (int i = from; i < layers.size() - 1; i++) {
            NDArray lin = layers.get(i).forward(h);
            if (free && h != input) {
                h.close();
            }
            h = activation.apply(lin);
            if (free) {
                lin.close();
            }
        }
        NDArray out = layers.get(layers.size() - 1).forward(h);
        if (free && h != input) {
            h.close();
        }
        return out;
    }

    /**
     * Continues a forward pass from the first layer's output before its activation, e.g. when that output was
     * assembled from precomputed parts (the first layer is affine, so {@code concat(a, b) W = a W_a + b W_b}).
     *
     * @param firstPreActivation {@code x W_0 + b_0}, {@code (B, hidden[0])}
     * @return {@code (B, out)}, owned by the manager of {@code firstPreActivation}
     * @throws IllegalStateException if the network has no hidden layer
     */
    public NDArray forwardFromFirst(NDArray firstPreActivation) {
        if (layers.size() < 2) {
            throw new IllegalStateException("forwardFromFirst needs at least one hidden layer");
        }
        NDArray h = activation.apply(firstPreActivation);
        NDArray out = forwardFrom(1, h);
        h.close();
        return out;
    }

    /**
     * @param index layer index, 0 first
     * @return that layer
     */
    public Linear layer(int index) {
        return layers.get(index);
    }

    /** @return the number of linear layers (hidden layers + 1) */
    public int layers() {
        return layers.size();
    }

    /** @return output width */
    public int out() {
        return layers.get(layers.size() - 1).out();
    }
}
