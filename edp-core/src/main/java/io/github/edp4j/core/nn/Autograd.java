package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where edp-core and edp-algos run a backward pass, so that a debugging mode can stress it.
 *
 * <p>With the system property {@value #GC_BEFORE_BACKWARD} set to {@code true}, every backward pass is preceded by a
 * full garbage collection and by a churn of freshly written direct buffers, so that any Java memory that a recorded
 * graph still points at (see {@link NativeConstants}) is freed and overwritten before the gradient reads it. A graph
 * built only from libtorch-owned memory gives bit-identical gradients with and without the mode; the test suite's
 * {@code gc-stress} execution runs the gradient, determinism and resume tests this way, repeated. The mode is slow
 * (a collection per backward pass) and meant for tests and debugging only.
 *
 * <p>The build enforces that main code of edp-core and edp-algos calls {@link GradientCollector#backward} only
 * through {@link #backward(GradientCollector, NDArray)} ({@code GradientMemorySafetyTest}).
 */
public final class Autograd {

    /** System property that turns on a garbage collection and memory churn before every backward pass. */
    public static final String GC_BEFORE_BACKWARD = "edp4j.debug.gcBeforeBackward";

    private Autograd() {
    }

    /**
     * Runs {@code collector.backward(loss)}, after a forced collection when {@value #GC_BEFORE_BACKWARD} is set.
     *
     * @param collector the active gradient collector
     * @param loss the scalar to differentiate
     */
    public static void backward(GradientCollector collector, NDArray loss) {
        if (Boolean.getBoolean(GC_BEFORE_BACKWARD)) {
            collectAndOverwriteFreedMemory();
        }
        collector.backward(loss);
    }

    /**
     * Collects garbage, so that direct buffers no longer referenced from Java are freed, then allocates and fills
     * direct buffers of the sizes constants have, so that freed memory is reused with other contents.
     */
    static void collectAndOverwriteFreedMemory() {
        for (int round = 0; round < 2; round++) {
            System.gc();
            List<ByteBuffer> junk = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(i % 2 == 0 ? 16 : 1024);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
                junk.add(b);
            }
            junk.clear();
        }
        System.gc();
    }
}
