package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place where edp-core and edp-algos run a backward pass, so that a debugging mode can stress it.
 *
 * <p>With the system property {@value #GC_BEFORE_BACKWARD} set to {@code true}, every backward pass is preceded by a
 * full garbage collection and by a churn of freshly written direct buffers (set to a probability such as
 * {@code 0.25}, a random share of them is: a hazardous constant is made on every pass through its code, so sampling
 * still finds it within a few iterations, at a fraction of the cost), so that any Java memory that a recorded
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
        double probability = stressProbability(System.getProperty(GC_BEFORE_BACKWARD));
        if (probability >= 1 || (probability > 0 && ThreadLocalRandom.current().nextDouble() < probability)) {
            collectAndOverwriteFreedMemory();
        }
        collector.backward(loss);
    }

    /**
     * @param value the property's value: {@code true} (every backward pass), a probability in (0, 1] (that share of
     *     backward passes, drawn independently), or anything else (off)
     * @return the probability of a collection before a backward pass
     */
    static double stressProbability(String value) {
        if (value == null) {
            return 0;
        }
        if (value.equalsIgnoreCase("true")) {
            return 1;
        }
        try {
            double p = Double.parseDouble(value);
            return p > 0 && p <= 1 ? p : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Collects garbage, so that direct buffers no longer referenced from Java are freed, then allocates and fills
     * direct buffers of the sizes constants have, so that freed memory is reused with other contents (they are
     * freed in turn by the next collection).
     */
    static void collectAndOverwriteFreedMemory() {
        // the collector hands unreachable buffers to the reference-handler thread, which frees their memory; a
        // sentinel discovered in the same collection tells when that thread has reached them
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
        System.gc();
        try {
            queue.remove(200);
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reference.reachabilityFence(sentinel);
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(i % 2 == 0 ? 16 : 1024);
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
            junk.add(b);
        }
        Reference.reachabilityFence(junk);
    }
}
