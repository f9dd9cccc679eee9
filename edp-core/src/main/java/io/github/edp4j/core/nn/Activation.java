package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.UnaryOperator;

/**
 * Element-wise activations of the policy and critic networks. {@link #MISH} is the EDP default (arXiv
 * 2305.20081, App. B) and is computed as {@code x * tanh(softplus(x))} (Misra 2019); DJL 0.32's built-in Mish
 * uses a base-2 logarithm and does not compute Mish, so it is not used.
 *
 * <p>Mish has two forms with the same values (to float rounding, checked to 1e-6 in tests): {@link
 * #referenceMish} (softplus, tanh, multiply: three kernels whose fused backward kernels autograd uses) and {@link
 * #oneExpFormOfMish}, {@code tanh(softplus(x)) = n / (n + 2)} with {@code n = e^x (e^x + 2)}, one exponential and cheap
 * arithmetic, faster to evaluate but slower to differentiate (seven recorded operations, and its gradient agrees
 * to 5e-6 only). So {@link #MISH} uses the one-exp form only while libtorch's gradient mode is off (inference, and
 * target computations run under {@code TorchRuntime.withoutGradients}) and the reference form otherwise. (Whether
 * one particular input is tracked cannot be read cheaply: DJL's requires-grad flag is false for non-leaf arrays.)
 * {@link #MISH_REFERENCE} computes the same function with the reference form everywhere, for comparisons.
 *
 * <p>Networks call {@link #bind(NDManager)} once and keep the function it returns: for {@link #MISH} it holds the
 * one-exp form's two scalar constants in the network's own long-lived manager, so no call creates a scalar array
 * and nothing is cached process-wide.
 */
public enum Activation {
    /** {@code x * tanh(softplus(x))}. */
    MISH {
        @Override
        public NDArray apply(NDArray x) {
            return takesOneExpForm(x) ? oneExpFormOfMish(x) : referenceMish(x);
        }

        @Override
        public UnaryOperator<NDArray> bind(NDManager owner) {
            return new BoundMish(owner);
        }
    },
    /** The same function as {@link #MISH}, always in the reference form {@link #referenceMish}. */
    MISH_REFERENCE {
        @Override
        public NDArray apply(NDArray x) {
            return referenceMish(x);
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

    /**
     * The activation as a function for a network to keep, with any constants it needs made once in {@code owner}
     * (the network's long-lived manager, which must outlive the function's use).
     *
     * @param owner the manager that holds the function's constants
     * @return the function; its results are owned by the manager of its input
     */
    public UnaryOperator<NDArray> bind(NDManager owner) {
        return this::apply;
    }

    /**
     * Below this many elements the reference form is used even without gradients: for tiny arrays (acting in one
     * state) the cost is the number of native calls, where the reference form makes fewer.
     */
    static final long ONE_EXP_MIN_SIZE = 4096;

    /**
     * Whether {@link #MISH} takes the one-exp form for this input: a float32 libtorch array of at least {@value
     * #ONE_EXP_MIN_SIZE} elements, with gradient mode off.
     */
    static boolean takesOneExpForm(NDArray x) {
        return x instanceof PtNDArray && x.getDataType() == DataType.FLOAT32 && x.size() >= ONE_EXP_MIN_SIZE
                && !JniUtils.isGradMode();
    }

    /**
     * Mish as {@code x * tanh(softplus(x))}.
     *
     * @param x input
     * @return a new array owned by the manager of {@code x}
     */
    public static NDArray referenceMish(NDArray x) {
        // temporaries closed at once (autograd keeps its own references), so their memory is reused
        NDArray sp = x.getNDArrayInternal().softPlus();
        NDArray t = sp.tanh();
        sp.close();
        NDArray y = x.mul(t);
        t.close();
        return y;
    }

    /**
     * Mish from one exponential: {@code tanh(softplus(x)) = ((1 + e^x)^2 - 1) / ((1 + e^x)^2 + 1) = n / (n + 2)},
     * {@code n = e^x (e^x + 2)}, with {@code x} capped at 20 inside the exponential (beyond it the factor is 1 in
     * float32, and the cap keeps {@code n} finite). Float32 only. With gradient mode off it works in place on its own
     * temporaries and frees them at once.
     *
     * @param x float32 input
     * @return a new array owned by the manager of {@code x}
     */
    public static NDArray oneExpFormOfMish(NDArray x) {
        try (NDManager constants = x.getManager().newSubManager()) {
            return oneExpFormOfMish(x, NativeConstants.scalar(constants, 20f, DataType.FLOAT32),
                    NativeConstants.scalar(constants, 2f, DataType.FLOAT32));
        }
    }

    /**
     * {@link #oneExpFormOfMish(NDArray)} with its constants given.
     *
     * @param x float32 input
     * @param cap the scalar 20 on the device of {@code x}
     * @param two the scalar 2 on the device of {@code x}
     * @return a new array owned by the manager of {@code x}
     */
    static NDArray oneExpFormOfMish(NDArray x, NDArray cap, NDArray two) {
        if (JniUtils.isGradMode()) { // differentiable, out of place (MISH never takes this branch)
            NDArray e = x.minimum(cap).exp();
            NDArray n = e.add(two).mul(e);
            return x.mul(n).div(n.add(two));
        }
        // in place where possible and temporaries freed at once (only ever used without gradients), so that a
        // call leaves one new array and the allocator reuses the temporaries' memory
        NDArray capped = x.minimum(cap);
        NDArray e = capped.exp();
        capped.close();
        NDArray n = e.add(two).muli(e);
        e.close();
        NDArray y = x.mul(n).divi(n.addi(two));
        n.close();
        return y;
    }
}
