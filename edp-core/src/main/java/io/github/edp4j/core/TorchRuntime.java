package io.github.edp4j.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Starts DJL's PyTorch engine the way EDP4J needs it: with explicit thread counts, and with the engine's random
 * generator seeded.
 *
 * <p>The native libtorch is the application's choice: a platform's native artifact on the runtime class path
 * ({@link #nativeArtifact(boolean)} names it), or DJL's automatic download where the application allows network
 * access. This class changes no process-wide setting of DJL: offline mode ({@code -Dai.djl.offline=true}, so that a
 * missing native library fails at once instead of being downloaded) is set by the application, as the
 * {@code edp4j} command-line tool does. When no native library can be loaded, {@link #engine()} fails with a message
 * naming the artifact to add for the detected platform.
 *
 * <p>libtorch keeps one process-wide generator and one thread pool; this class is the single place EDP4J
 * touches them. Its only state is the lock that guards that generator ({@link #withSeed}): libtorch's random
 * functions take no generator argument through DJL, so two fits in one JVM (threads, a server, Spark's local mode)
 * would otherwise interleave their draws and lose determinism.
 */
public final class TorchRuntime {

    /**
     * Guards libtorch's process-wide random generator: a seeded scope holds it from the seeding to the last draw.
     * Fair, so concurrent fits take turns; reentrant, so a scope may call code that opens another.
     */
    private static final ReentrantLock GENERATOR = new ReentrantLock(true);

    private TorchRuntime() {}

    /**
     * Returns the PyTorch engine, loading it on first use from the native libtorch on the class path (or, unless
     * the application has put DJL in offline mode, from DJL's download).
     *
     * @return the engine
     * @throws IllegalStateException naming the native artifact to add for this platform when libtorch cannot be
     *     loaded
     */
    public static Engine engine() {
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(NativeLibtorch.ofThisBuild().missingMessage(System.getProperty("os.name"),
                    System.getProperty("os.arch"), Utils.isOfflineMode(), e), e);
        }
    }

    /**
     * The Maven coordinates of DJL's native libtorch for this JVM's platform ({@code os.name}, {@code os.arch}) and
     * the DJL and PyTorch versions EDP4J is built with, such as
     * {@code ai.djl.pytorch:pytorch-native-cpu:2.5.1:osx-aarch64}.
     *
     * @param cuda the CUDA 12.4 build rather than the CPU one
     * @return {@code group:artifact:version:classifier}, or empty where DJL publishes no such build for this
     *     platform (CUDA exists for Linux and Windows on x86-64 only)
     */
    public static Optional<String> nativeArtifact(boolean cuda) {
        return NativeLibtorch.ofThisBuild().artifact(
                NativeLibtorch.classifier(System.getProperty("os.name"), System.getProperty("os.arch")), cuda);
    }

    /**
     * Creates a new root manager on the engine's default device (a GPU when the CUDA build is present and a
     * GPU is visible, otherwise the CPU).
     *
     * @return the manager; close it when done
     */
    public static NDManager newManager() {
        return engine().newBaseManager();
    }

    /**
     * Creates a new root manager on an explicit device.
     *
     * @param device the device
     * @return the manager; close it when done
     */
    public static NDManager newManager(ai.djl.Device device) {
        return engine().newBaseManager(device);
    }

    /**
     * Seeds libtorch's process-wide random generator (batch indices, diffusion noise, EAS sampling) for a
     * single-threaded program or test. Library code uses {@link #withSeed} instead, which no other seeded scope can
     * interleave with; the build checks that edp-core and edp-algos never call this method.
     *
     * @param seed the seed
     */
    public static void seed(long seed) {
        engine();
        GENERATOR.lock();
        try {
            JniUtils.setSeed(seed);
        } finally {
            GENERATOR.unlock();
        }
    }

    /**
     * Runs {@code body} with libtorch's process-wide generator seeded with {@code seed}, holding it for the whole of
     * {@code body}: every draw of {@code body} comes from this seed whatever other threads do, so a training
     * iteration or an action gives the same result alone or next to other fits in the same JVM. Other seeded
     * scopes wait (fairly) until {@code body} returns; work outside such scopes (environments, file output,
     * evaluation bookkeeping) still runs in parallel.
     *
     * @param seed the seed
     * @param body the computation that draws random numbers
     * @param <T> result type
     * @return the result of {@code body}
     */
    public static <T> T withSeed(long seed, Supplier<T> body) {
        engine();
        GENERATOR.lock();
        try {
            JniUtils.setSeed(seed);
            return body.get();
        } finally {
            GENERATOR.unlock();
        }
    }

    /**
     * Runs {@code body} with libtorch's intra-op thread count set to {@code threads} on the calling thread, then
     * restores the previous count, so a fit's setting does not outlive it.
     *
     * @param threads number of threads, at least 1; 0 keeps the current setting
     * @param body the computation
     * @param <T> result type
     * @return the result of {@code body}
     */
    public static <T> T withThreads(int threads, Supplier<T> body) {
        if (threads == 0) {
            return body.get();
        }
        int previous = threads();
        threads(threads);
        try {
            return body.get();
        } finally {
            threads(previous);
        }
    }

    /**
     * Sets libtorch's intra-op thread count (and one inter-op thread).
     *
     * @param threads number of threads, at least 1
     */
    public static void threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        engine();
        JniUtils.setNumThreads(threads);
    }

    /** @return libtorch's intra-op thread count */
    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /**
     * Runs {@code body} with libtorch's gradient mode off (nothing is recorded for autograd, even inside a gradient
     * collector), then restores the previous mode. For computations whose result is used without gradient, such as
     * target values; their activations may then take faster no-gradient forms.
     *
     * @param body the computation
     * @param <T> result type
     * @return the result of {@code body}
     */
    public static <T> T withoutGradients(Supplier<T> body) {
        engine();
        boolean previous = JniUtils.isGradMode();
        if (!previous) {
            return body.get();
        }
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
