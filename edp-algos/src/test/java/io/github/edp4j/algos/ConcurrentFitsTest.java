package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two fits in one JVM (threads, a server, Spark's local mode) give exactly what each gives alone (issue "Audit
 * findings", defect 4): libtorch's random generator is process-wide, so without the seeded scopes of
 * {@link TorchRuntime#withSeed} the two runs' draws interleave; and a fit's thread setting does not outlive it.
 */
class ConcurrentFitsTest {

    private static final float[][] STATES = {{0.1f}, {0.5f}, {-0.7f}};

    /** What a fit leaves to compare: its metrics per logged iteration and the actions of its policy. */
    private record Outcome(List<Map<String, Double>> metrics, float[][] actions) {}

    private static Outcome fit(Algorithm algo, long seed, OfflineDataset data) {
        FitResult r = EdpTrainer.builder().algo(algo).steps(10).hidden(16, 16).batchSize(32).iterations(60)
                .logEvery(10).seed(seed).progress(false).build().fit(data);
        try (Policy p = r.policy()) {
            List<Map<String, Double>> metrics = new ArrayList<>();
            for (TrainingRecord rec : r.curve()) {
                metrics.add(rec.metrics());
            }
            return new Outcome(metrics, p.act(STATES));
        }
    }

    @Tag("gc-stress-sampled")
    @Test
    @Timeout(300)
    void twoConcurrentFitsEqualTheSameFitsAlone() throws Exception {
        OfflineDataset data = FourModeToy.dataset(1000, 5);
        Outcome aloneA = fit(Algorithm.TD3, 1, data);
        Outcome aloneB = fit(Algorithm.IQL, 2, data);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                Future<Outcome> a = pool.submit(() -> fit(Algorithm.TD3, 1, data));
                Future<Outcome> b = pool.submit(() -> fit(Algorithm.IQL, 2, data));
                check(aloneA, a.get(), "TD3 fit next to an IQL fit, round " + round);
                check(aloneB, b.get(), "IQL fit next to a TD3 fit, round " + round);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void check(Outcome alone, Outcome concurrent, String what) {
        assertEquals(alone.metrics(), concurrent.metrics(), what + ": training metrics differ");
        for (int i = 0; i < STATES.length; i++) {
            assertArrayEquals(alone.actions()[i], concurrent.actions()[i], 0f, what + ": action " + i + " differs");
        }
    }

    @Test
    void aFitsThreadSettingIsRestoredAfterwards() {
        int before = TorchRuntime.threads();
        int other = before == 1 ? Math.min(2, Runtime.getRuntime().availableProcessors()) : 1;
        OfflineDataset data = FourModeToy.dataset(200, 3);
        EdpTrainer.builder().algo(Algorithm.IQL).steps(5).hidden(8).batchSize(16).iterations(3).threads(other)
                .progress(false).build().fit(data).policy().close();
        assertEquals(before, TorchRuntime.threads(), "the thread count of the calling thread after fit");
    }
}
