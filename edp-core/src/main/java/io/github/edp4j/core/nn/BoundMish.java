package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.function.UnaryOperator;

/**
 * {@link Activation#MISH} bound to one network: the one-exp form's constants 20 and 2 live in the network's manager,
 * made once, so evaluating Mish never creates a scalar array. Inputs on another device than the constants take the
 * reference form.
 */
final class BoundMish implements UnaryOperator<NDArray> {

    private final NDArray cap;
    private final NDArray two;

    /** @param owner the network's long-lived manager, which holds the constants */
    BoundMish(NDManager owner) {
        this.cap = NativeConstants.scalar(owner, 20f, DataType.FLOAT32);
        this.two = NativeConstants.scalar(owner, 2f, DataType.FLOAT32);
    }

    @Override
    public NDArray apply(NDArray x) {
        if (Activation.takesOneExpForm(x) && x.getDevice().equals(cap.getDevice())) {
            return Activation.oneExpFormOfMish(x, cap, two);
        }
        return Activation.referenceMish(x);
    }
}
