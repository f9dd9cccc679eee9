package io.github.edp4j.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Races calls on an object against its {@code close()} from several threads released at once, for the tests of the
 * thread-safety contract of policies (libtorch's and ONNX Runtime's): every call either completes or is refused with
 * an {@link IllegalStateException} whose message starts with {@code "policy is closed"}; anything else (another
 * exception, a crash of native code) fails the test.
 */
public final class ClosingRace {

    /** One call of one thread; the thread that closes does so from inside a call. */
    @FunctionalInterface
    public interface Call {
        /**
         * @param thread the thread's index, 0 to {@code threads - 1}
         * @param call the call's index within the thread
         * @throws Exception on failure
         */
        void run(int thread, int call) throws Exception;
    }

    /**
     * How the calls ended.
     *
     * @param completed calls that returned
     * @param refused calls refused because the object was closed
     */
    public record Outcome(int completed, int refused) {

        /** @return the sum of two outcomes */
        public Outcome plus(Outcome other) {
            return new Outcome(completed + other.completed, refused + other.refused);
        }
    }

    private ClosingRace() {
    }

    /**
     * Starts {@code threads} threads together, each making {@code calls} calls, and waits for them (60 s at most).
     *
     * @param threads number of threads
     * @param calls calls per thread
     * @param call what each call does
     * @return how many calls completed and how many were refused
     * @throws Exception if a call failed in any other way, or the threads did not finish
     */
    public static Outcome run(int threads, int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int[][] counts = new int[threads][2];
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                jobs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < calls; i++) {
                        try {
                            call.run(thread, i);
                            counts[thread][0]++;
                        } catch (IllegalStateException e) {
                            assertTrue(e.getMessage() != null && e.getMessage().startsWith("policy is closed"),
                                    "refused with another message: " + e.getMessage());
                            counts[thread][1]++;
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : jobs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int completed = 0;
        int refused = 0;
        for (int[] c : counts) {
            completed += c[0];
            refused += c[1];
        }
        return new Outcome(completed, refused);
    }
}
