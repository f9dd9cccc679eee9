package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * Element-wise activations of the policy and critic networks. {@link #MISH} is the EDP default (arXiv
 * 2305.20081, App. B) and is computed as {@code x * tanh(softplus(x))} (Misra 2019); DJL 0.32's built-in Mish
 * uses a base-2 logarithm and does not compute Mish, so it is not used.
 */
public enum Activation {
    /** {@code x * tanh(softplus(x))}. */
    MISH {
        @Override
        public NDArray apply(NDArray x) {
            return x.mul(x.getNDArrayInternal().softPlus().tanh());
        }
    },
    /** {@code max(x, 0)}. */
    RELU {
        @Override
        public NDArray apply(NDArray x) {
            return ai.djl.nn.Activation.relu(x);
        }
    },
    /** {@code tanh(x)}. */
    TANH {
        @Override
        public NDArray apply(NDArray x) {
            return x.tanh();
        }
    },
    /** {@code x * sigmoid(x)}. */
    SILU {
        @Override
        public NDArray apply(NDArray x) {
            return x.mul(x.getNDArrayInternal().sigmoid());
        }
    };

    /**
     * Applies the activation.
     *
     * @param x input
     * @return a new array owned by the manager of {@code x}
     */
    public abstract NDArray apply(NDArray x);
}
