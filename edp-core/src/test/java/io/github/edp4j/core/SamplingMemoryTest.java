package io.github.edp4j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.ActionSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Many single-state DPM-Solver-3 samples keep native memory flat: the growth between a quarter of the run and
 * its end stays under 10%. Native memory is the process's resident set less the memory the JVM has committed for
 * its heap and its own non-heap areas, measured after a collection: the JVM's heap sizing (which follows the
 * collector's timing and the machine's load) made the whole-process figure swing by 20% between runs. {@link #main} runs the full 100,000-sample check and prints RSS figures.
 */
class SamplingMemoryTest {

    @Test
    void residentMemoryStaysFlat() throws IOException {
        double growth = run(10_000, false);
        assertTrue(growth < 0.10, "RSS grew by " + 100 * growth + "%");
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
                long quarter = 0;
                long start = nativeKb();
                for (int i = 0; i < samples; i++) {
                    try (NDManager m = root.newSubManager()) {
                        p.sample(m.zeros(new Shape(1, 17)), sampler).toFloatArray();
                    }
                    if (i == samples / 4) {
                        quarter = nativeKb();
                    }
                }
                long end = nativeKb();
                double growth = (end - quarter) / (double) quarter;
                System.out.printf("%d single-state DPM-Solver-3 samples: native memory start %d MB, at 25%% %d MB, end %d MB, "
                        + "growth over the last 75%%: %.2f%%%n", samples, start / 1024, quarter / 1024, end / 1024,
                        100 * growth);
                return growth;
            }
        }
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
