package io.github.edp4j.algos.buildrules.planted;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.edp4j.core.nn.Autograd;
import io.github.edp4j.core.nn.NativeConstants;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Planted violations of the gradient-memory rule, one hazardous form per method (never run, only inspected by
 * {@code GradientMemorySafetyTest}), and safe forms that must not be reported.
 */
public final class PlantedViolations {

    /** The methods below that each hold exactly one hazardous call. */
    public static final List<String> HAZARDOUS_METHODS = List.of("numberMul", "numberDiv", "numberAdd", "numberSub",
            "numberPow", "numberMaximum", "numberMinimum", "numberMod", "inPlaceNumberMul", "staticNumberAdd",
            "createFromFloats", "createFromFloatsWithShape", "createFromDoubles", "createFromBuffer",
            "createFromNumber", "toTypeView", "directBackward", "methodReferenceToNumberMul");

    private PlantedViolations() {
    }

    static NDArray numberMul(NDArray x) {
        return x.mul(2f);
    }

    static NDArray numberDiv(NDArray x) {
        return x.div(2);
    }

    static NDArray numberAdd(NDArray x) {
        return x.add(1.0);
    }

    static NDArray numberSub(NDArray x) {
        return x.sub(1f);
    }

    static NDArray numberPow(NDArray x) {
        return x.pow(2f);
    }

    static NDArray numberMaximum(NDArray x) {
        return x.maximum(0f);
    }

    static NDArray numberMinimum(NDArray x) {
        return x.minimum(0f);
    }

    static NDArray numberMod(NDArray x) {
        return x.mod(2f);
    }

    static NDArray inPlaceNumberMul(NDArray x) {
        return x.muli(3f);
    }

    static NDArray staticNumberAdd(NDArray x) {
        return NDArrays.add(x, 1f);
    }

    static NDArray createFromFloats(NDManager m) {
        return m.create(new float[] {1f, 2f});
    }

    static NDArray createFromFloatsWithShape(NDManager m) {
        return m.create(new float[] {1f, 2f}, new Shape(2, 1));
    }

    static NDArray createFromDoubles(NDManager m) {
        return m.create(new double[] {1.0});
    }

    static NDArray createFromBuffer(NDManager m) {
        return m.create(FloatBuffer.wrap(new float[] {1f}), new Shape(1));
    }

    static NDArray createFromNumber(NDManager m) {
        return m.create(3f);
    }

    static NDArray toTypeView(NDArray x) {
        return x.toType(DataType.FLOAT32, false);
    }

    static void directBackward(GradientCollector gc, NDArray loss) {
        gc.backward(loss);
    }

    static NDArray methodReferenceToNumberMul(NDArray x) {
        java.util.function.BiFunction<NDArray, Number, NDArray> f = NDArray::mul;
        return f.apply(x, 2f);
    }

    static NDArray safeForms(NDManager m, NDArray x, GradientCollector gc) {
        NDArray a = NativeConstants.mul(x, 2f);
        NDArray b = NativeConstants.array(m, new float[] {1f, 2f}, new Shape(2));
        NDArray c = x.gt(0f).logicalAnd(x.lt(1f));
        NDArray d = x.clip(-1f, 1f);
        NDArray e = m.zeros(new Shape(2)).add(m.full(new Shape(), 1f, DataType.FLOAT32));
        Autograd.backward(gc, a.sum());
        return NativeConstants.convert(a.add(b).add(d).add(e).mul(c), DataType.FLOAT32);
    }
}
