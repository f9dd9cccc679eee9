package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * The one way edp-core and edp-algos make constants: every array returned here owns memory that libtorch allocated
 * (a copy), never a view of Java memory.
 *
 * <p>Why: DJL's {@code x.mul(2f)} (and {@code add}, {@code sub}, {@code div}, {@code pow}, {@code maximum},
 * {@code minimum} with a number) wraps the number in a 0-dimensional array over a Java direct buffer, uses it and
 * closes it at once; {@code NDManager.create(float[] | double[] | Buffer ...)} likewise hands libtorch a view of a
 * Java buffer; and {@code toType(t, false)} returns the very same handle when the type already matches. Autograd
 * keeps the inputs of a differentiated operation for the backward pass (the gradient of {@code x c} is {@code c}):
 * once the Java side has closed its handle the buffer may be garbage-collected and its memory reused before
 * {@code backward()} reads it, so the gradient silently depends on when the collector ran (seen: a gradient of
 * {@code -3.07e27} instead of {@code 0.0057} in a full test run). Constants made here are allocated by libtorch
 * ({@code full}, or a clone of the Java view that is closed at once), so autograd's reference keeps them valid
 * however the Java handles are closed.
 *
 * <p>The build enforces the rule: {@code GradientMemorySafetyTest} (edp-algos) fails on any call of the hazardous
 * forms in the main code of edp-core or edp-algos outside this class.
 */
public final class NativeConstants {

    private NativeConstants() {
    }

    /**
     * @param manager the owner of the result
     * @param value the value
     * @param type the data type
     * @return a 0-dimensional array holding {@code value}, allocated by libtorch
     */
    public static NDArray scalar(NDManager manager, float value, DataType type) {
        return manager.full(new Shape(), value, type);
    }

    /**
     * @param manager the owner of the result
     * @param values the values, copied
     * @param shape the shape, whose size must equal {@code values.length}
     * @return a float32 array allocated by libtorch holding a copy of {@code values}
     */
    public static NDArray array(NDManager manager, float[] values, Shape shape) {
        try (NDArray view = manager.create(values, shape)) {
            return view.duplicate();
        }
    }

    /**
     * @param manager the owner of the result
     * @param values the values, copied
     * @return a float32 vector allocated by libtorch holding a copy of {@code values}
     */
    public static NDArray array(NDManager manager, float[] values) {
        return array(manager, values, new Shape(values.length));
    }

    /**
     * @param manager the owner of the result
     * @param values the values, copied
     * @param shape the shape, whose size must equal {@code values.length}
     * @param type the data type of the result
     * @return an array of {@code type} allocated by libtorch holding {@code values} converted to it
     */
    public static NDArray array(NDManager manager, float[] values, Shape shape, DataType type) {
        try (NDArray view = manager.create(values, shape)) {
            return type == DataType.FLOAT32 ? view.duplicate() : view.toType(type, true);
        }
    }

    /**
     * @param manager the owner of the result
     * @param values the values, copied
     * @param shape the shape, whose size must equal {@code values.length}
     * @param type the data type of the result
     * @return an array of {@code type} allocated by libtorch holding {@code values} converted to it
     */
    public static NDArray array(NDManager manager, double[] values, Shape shape, DataType type) {
        try (NDArray view = manager.create(values, shape)) {
            return type == DataType.FLOAT64 ? view.duplicate() : view.toType(type, true);
        }
    }

    /**
     * @param manager the owner of the result
     * @param values the values, copied
     * @param shape the shape, whose size must equal {@code values.length}
     * @return an int64 array allocated by libtorch holding a copy of {@code values}
     */
    public static NDArray array(NDManager manager, long[] values, Shape shape) {
        try (NDArray view = manager.create(values, shape)) {
            return view.duplicate();
        }
    }

    /**
     * @param manager the owner of the result
     * @param values the values, copied
     * @param shape the shape, whose size must equal {@code values.length}
     * @return an int32 array allocated by libtorch holding a copy of {@code values}
     */
    public static NDArray array(NDManager manager, int[] values, Shape shape) {
        try (NDArray view = manager.create(values, shape)) {
            return view.duplicate();
        }
    }

    /**
     * A conversion that always yields a new array (DJL's {@code toType(t, false)} returns the same handle when the
     * type already matches, so closing the "converted" array would close the original).
     *
     * @param x the array
     * @param type the data type of the result
     * @return a new array of {@code type}, owned by the manager of {@code x}
     */
    public static NDArray convert(NDArray x, DataType type) {
        return x.toType(type, true);
    }

    /** {@code op(x, c)} with {@code c} a 0-dim array made by libtorch, freed once the result exists. */
    private static NDArray withConstant(NDArray x, float c, BinaryOperator<NDArray> op) {
        try (NDArray k = scalar(x.getManager(), c, x.getDataType())) {
            return op.apply(x, k);
        }
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code x * c}, owned by the manager of {@code x}
     */
    public static NDArray mul(NDArray x, float c) {
        return withConstant(x, c, NDArray::mul);
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code x / c}, owned by the manager of {@code x}
     */
    public static NDArray div(NDArray x, float c) {
        return withConstant(x, c, NDArray::div);
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code x + c}, owned by the manager of {@code x}
     */
    public static NDArray add(NDArray x, float c) {
        return withConstant(x, c, NDArray::add);
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code x - c}, owned by the manager of {@code x}
     */
    public static NDArray sub(NDArray x, float c) {
        return withConstant(x, c, NDArray::sub);
    }

    /**
     * @param c the constant
     * @param x the array
     * @return {@code c - x}, owned by the manager of {@code x}
     */
    public static NDArray subFrom(float c, NDArray x) {
        return withConstant(x, c, (a, k) -> k.sub(a));
    }

    /**
     * @param c the constant
     * @param x the array
     * @return {@code c / x}, owned by the manager of {@code x}
     */
    public static NDArray divInto(float c, NDArray x) {
        return withConstant(x, c, (a, k) -> k.div(a));
    }

    /**
     * @param x the array
     * @param c the exponent
     * @return {@code x ^ c} element-wise, owned by the manager of {@code x}
     */
    public static NDArray pow(NDArray x, float c) {
        return withConstant(x, c, NDArray::pow);
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code max(x, c)} element-wise, owned by the manager of {@code x}
     */
    public static NDArray maximum(NDArray x, float c) {
        return withConstant(x, c, NDArray::maximum);
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code min(x, c)} element-wise, owned by the manager of {@code x}
     */
    public static NDArray minimum(NDArray x, float c) {
        return withConstant(x, c, NDArray::minimum);
    }

    /**
     * @param x the array
     * @param low the lower bound
     * @param high the upper bound
     * @return {@code min(max(x, low), high)} element-wise, with the gradient of the two comparisons
     */
    public static NDArray clamp(NDArray x, float low, float high) {
        try (NDArray lower = maximum(x, low)) {
            return minimum(lower, high);
        }
    }
}
