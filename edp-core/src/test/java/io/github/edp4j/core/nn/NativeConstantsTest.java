package io.github.edp4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.edp4j.core.TorchRuntime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link NativeConstants}: the values of DJL's number operations, and gradients that survive a garbage collection. */
class NativeConstantsTest {

    private static final float[] X = {-2f, -0.5f, 0.25f, 1.5f, 3f};

    @Test
    void valuesEqualDjlsNumberOperations() {
        try (NDManager m = TorchRuntime.newManager()) {
            NDArray x = m.create(X);
            assertArrayEquals(x.mul(-0.5f).toFloatArray(), NativeConstants.mul(x, -0.5f).toFloatArray(), 0f);
            assertArrayEquals(x.div(4f).toFloatArray(), NativeConstants.div(x, 4f).toFloatArray(), 0f);
            assertArrayEquals(x.maximum(-1f).toFloatArray(), NativeConstants.maximum(x, -1f).toFloatArray(), 0f);
            assertArrayEquals(x.minimum(1f).toFloatArray(), NativeConstants.minimum(x, 1f).toFloatArray(), 0f);
            assertArrayEquals(new float[] {-1f, -0.5f, 0.25f, 1f, 1f},
                    NativeConstants.clamp(x, -1f, 1f).toFloatArray(), 0f);
        }
    }

    @Tag("gc-stress")
    @Test
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
        check(x -> NativeConstants.mul(x, 3f), new float[] {3f, 3f, 3f, 3f, 3f});
        check(x -> NativeConstants.div(x, 4f), new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f});
        check(x -> NativeConstants.clamp(x, -1f, 1f), new float[] {0f, 1f, 1f, 0f, 0f});
    }

    private static void check(Function<NDArray, NDArray> op, float[] expectedGradient) {
        try (NDManager m = TorchRuntime.newManager()) {
            NDArray x = m.create(X);
            x.setRequiresGradient(true);
            try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                NDArray y = op.apply(x).sum();
                churnDirectMemory();
                Autograd.backward(gc, y);
            }
            assertArrayEquals(expectedGradient, x.getGradient().toFloatArray(), 0f);
        }
    }

    /** Drops and collects direct buffers so that freed native memory is reused with other contents. */
    private static void churnDirectMemory() {
        for (int round = 0; round < 3; round++) {
            List<ByteBuffer> junk = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(64);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
                junk.add(b);
            }
            junk.clear();
            System.gc();
        }
    }
}
