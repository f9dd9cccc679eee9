package io.github.edp4j.core.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * Float32 device copies of the per-step coefficients of a {@link NoiseSchedule}, indexed by the 0-based step
 * {@code k - 1}, so that a training step gathers the coefficients of a batch of random steps without leaving
 * the device.
 */
public final class ScheduleTables {

    private final int steps;
    private final NDArray sqrtAlphaBar;
    private final NDArray sqrtOneMinusAlphaBar;

    ScheduleTables(NoiseSchedule schedule, NDManager manager) {
        int k = schedule.steps();
        float[] a = new float[k];
        float[] b = new float[k];
        for (int i = 1; i <= k; i++) {
            a[i - 1] = (float) schedule.sqrtAlphaBar(i);
            b[i - 1] = (float) schedule.sqrtOneMinusAlphaBar(i);
        }
        this.steps = k;
        this.sqrtAlphaBar = NativeConstants.array(manager, a, new Shape(k, 1));
        this.sqrtOneMinusAlphaBar = NativeConstants.array(manager, b, new Shape(k, 1));
    }

    /** @return K */
    public int steps() {
        return steps;
    }

    /**
     * @param step manager that owns the result
     * @param index {@code (B,)} int64 0-based step indices
     * @return {@code (B, 1)} values of {@code sqrt(abar_k)}
     */
    public NDArray sqrtAlphaBar(NDManager step, NDArray index) {
        return gather(step, sqrtAlphaBar, index);
    }

    /**
     * @param step manager that owns the result
     * @param index {@code (B,)} int64 0-based step indices
     * @return {@code (B, 1)} values of {@code sqrt(1 - abar_k)}
     */
    public NDArray sqrtOneMinusAlphaBar(NDManager step, NDArray index) {
        return gather(step, sqrtOneMinusAlphaBar, index);
    }

    private static NDArray gather(NDManager step, NDArray table, NDArray index) {
        NDArray out = table.get(new NDIndex("{}", index));
        out.attach(step);
        return out;
    }
}
