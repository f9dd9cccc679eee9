package io.github.edp4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.ActionSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many single-state DPM-Solver-3 samples leak nothing: no array outlives its sample's manager (an exact count), and
 * native memory stays flat. Native memory is the process's resident set less the memory the JVM has committed for
 * its heap and non-heap areas, measured after a collection; it is read every eighth of the run after a quarter of
 * warm-up, and the median of the last three readings must stay within 15% of the median of the first three. Single
 * readings of an unchanged run swing by up to 20% (glibc and libtorch keep or return freed memory as they please:
 * 257 to 296 MB over 60,000 samples without any trend), which made a two-point comparison flaky; a leak of one array
 * per sample is caught by the count. {@link #main} runs the full 100,000-sample check with the paper-scale network.
 */
class SamplingMemoryTest {

    @Test
    void samplingLeaksNoArrayAndNativeMemoryStaysFlat() throws IOException {
        double growth = run(10_000, false);
        assertTrue(growth < 0.15, "native memory grew by " + 100 * growth + "%");
    }

    /**
     * Full check: 100,000 single-state samples with the paper-scale network.
     *
     * @param args unused
     * @throws IOException if /proc cannot be read
     */
    public static void main(String[] args) throws IOException {
        run(100_000, true);
    }

    static double run(int samples, boolean paperScale) throws IOException {
        try (NDManager root = TorchRuntime.newManager()) {
            DiffusionPolicyConfig cfg = DiffusionPolicyConfig.defaults(17, ActionBounds.symmetric(6, 1f), 1000);
            if (!paperScale) {
                cfg = cfg.withHidden(32, 32);
            }
            try (DiffusionPolicy p = new DiffusionPolicy(cfg, root)) {
                ActionSampler sampler = p.defaultSampler();
                p.sample(root.newSubManager().zeros(new Shape(1, 17)), sampler).getManager().close();
                int arrays = root.getManagedArrays().size();
                List<Long> readings = new ArrayList<>();
                for (int i = 1; i <= samples; i++) {
                    try (NDManager m = root.newSubManager()) {
                        p.sample(m.zeros(new Shape(1, 17)), sampler).toFloatArray();
                    }
                    if (i >= samples / 4 && i % (samples / 8) == 0) {
                        readings.add(nativeKb());
                    }
                }
                assertEquals(arrays, root.getManagedArrays().size(), "arrays left in the policy's manager");
                long first = median(readings.subList(0, 3));
                long last = median(readings.subList(readings.size() - 3, readings.size()));
                double growth = (last - first) / (double) first;
                System.out.printf("%d single-state DPM-Solver-3 samples: native memory readings %s MB, growth of the "
                        + "median of the last three over the first three: %.2f%%%n", samples,
                        readings.stream().map(kb -> kb / 1024).toList(), 100 * growth);
                return growth;
            }
        }
    }

    private static long median(List<Long> three) {
        List<Long> sorted = new ArrayList<>(three);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** @return resident memory not committed by the JVM for heap and non-heap areas, after a collection, in KB */
    static long nativeKb() throws IOException {
        System.gc();
        java.lang.management.MemoryMXBean mx = java.lang.management.ManagementFactory.getMemoryMXBean();
        long jvm = mx.getHeapMemoryUsage().getCommitted() + mx.getNonHeapMemoryUsage().getCommitted();
        return rssKb() - jvm / 1024;
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
