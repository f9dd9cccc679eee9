package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.NativeConstants;

/** Device copies of action bounds: maps {@code tanh} outputs into the box and clips into it. */
final class BoundsScaling {

    private final NDArray low;
    private final NDArray high;
    private final NDArray centre;
    private final NDArray halfWidth;

    BoundsScaling(ActionBounds bounds, NDManager manager) {
        int d = bounds.dim();
        float[] lo = bounds.low();
        float[] hi = bounds.high();
        float[] c = new float[d];
        float[] h = new float[d];
        for (int i = 0; i < d; i++) {
            c[i] = (lo[i] + hi[i]) / 2;
            h[i] = (hi[i] - lo[i]) / 2;
        }
        this.low = NativeConstants.array(manager, lo, new Shape(1, d));
        this.high = NativeConstants.array(manager, hi, new Shape(1, d));
        this.centre = NativeConstants.array(manager, c, new Shape(1, d));
        this.halfWidth = NativeConstants.array(manager, h, new Shape(1, d));
    }

    /** {@code centre + halfWidth * u} for {@code u} in [-1, 1]. */
    NDArray fromUnit(NDArray unit) {
        return unit.mul(halfWidth).add(centre);
    }

    /** {@code (x - centre) / halfWidth}, the inverse of {@link #fromUnit}. */
    NDArray toUnit(NDArray x) {
        return x.sub(centre).div(halfWidth);
    }

    /** Scales a unit-box quantity (e.g. a noise scale) to the box's half-width. */
    NDArray scale(NDArray unit) {
        return unit.mul(halfWidth);
    }

    NDArray clip(NDArray x) {
        return x.maximum(low).minimum(high);
    }
}
