package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's trainer defects: absurd sizes refused before anything is allocated, threads bounded by the cores,
 * learning rates that are not float32 refused by the builder, and the CSV files of a run killed after its last
 * checkpoint truncated to that checkpoint on resume.
 */
class TrainerReliabilityTest {

    @TempDir
    static Path dir;

    private static OfflineDataset pendulum;

    @BeforeAll
    static void data() {
        pendulum = BuiltinTasks.dataset("pendulum-medium", dir.resolve("cache"));
    }

    @Test
    void absurdSizesAreRefusedByTheBuilderNamingFieldValueAndMemory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().hidden(100_000, 100_000).build());
        assertTrue(e.getMessage().startsWith("hidden = [100000, 100000] is too large: training would need about "),
                e.getMessage());
        assertTrue(e.getMessage().contains("of memory available (physical memory "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; reduce hidden"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().batchSize(2_000_000_000).build());
        assertTrue(e.getMessage().startsWith("batchSize = 2000000000 is too large: training would need about "),
                e.getMessage());
        assertTrue(e.getMessage().contains("activations of a batch of 2000000000"), e.getMessage());

        // one layer of a million units at the default batch: 256 x 10^6 activations per pass, tens of GB
        e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().hidden(1_000_000).memoryLimit(8L << 30).build());
        assertTrue(e.getMessage().startsWith("hidden = [1000000] is too large"), e.getMessage());
        assertTrue(e.getMessage().contains("more than the 8.0 GB of memory available (the limit set by memoryLimit)"),
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().eas(2_000_000_000, 1.0).build());
        assertTrue(e.getMessage().startsWith("easCandidates = 2000000000 is too large"), e.getMessage());

        // the official defaults and the tests' tiny settings fit with room to spare
        EdpTrainer.builder().build();
        EdpTrainer.builder().hidden(16, 16).batchSize(32).memoryLimit(64L << 20).build();
    }

    @Test
    void theDatasetsDimensionsAndSizeAreCheckedBeforeTraining() {
        Path out = dir.resolve("refused-run");
        // a limit just above what build() estimates without the data: the dataset's device copy exceeds it
        TrainerConfig config = EdpTrainer.builder().algo(Algorithm.IQL).hidden(16).batchSize(32).build().config();
        long limit = (long) MemoryEstimate.of(config, 1, 1, 0).totalBytes() + 1;
        EdpTrainer t = EdpTrainer.builder().algo(Algorithm.IQL).hidden(16).batchSize(32).memoryLimit(limit)
                .outputDir(out).progress(false).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.requireMemoryFor(pendulum));
        assertTrue(e.getMessage().contains("is too large: training would need about"), e.getMessage());
        assertTrue(e.getMessage().contains(", dataset "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.fit(pendulum));
        assertFalse(Files.exists(out), "nothing is written before the check");
    }

    @Test
    void threadsAreBoundedByTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().threads(cores + 1).build());
        assertEquals("threads = " + (cores + 1) + " is invalid: allowed 0 (libtorch's default) to " + cores
                + ", the number of cores available", e.getMessage());
        assertEquals(cores, EdpTrainer.builder().threads(cores).build().config().threads());
    }

    @Test
    void learningRatesMustBePositiveFloat32Values() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().criticLearningRate(1e308).build());
        assertTrue(e.getMessage().startsWith("criticLearningRate = 1.0E308 is invalid: allowed > 0, between "),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().actorLearningRate(1e-50).build());
        assertTrue(e.getMessage().startsWith("actorLearningRate = 1.0E-50 is invalid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().maxGradNorm(1e300).build());
        assertTrue(e.getMessage().startsWith("maxGradNorm = 1.0E300 is invalid"), e.getMessage());
        assertEquals(1e-3, EdpTrainer.builder().actorLearningRate(1e-3).build().config().actorLearningRate());
    }

    private static EdpTrainer.Builder run(int iterations, Path out) {
        return EdpTrainer.builder().algo(Algorithm.IQL).policy(PolicyClass.GAUSSIAN).hidden(16).batchSize(32)
                .iterations(iterations).logEvery(5).seed(3).progress(false).outputDir(out)
                .evaluation(() -> BuiltinTasks.environment("pendulum"), 1, 10,
                        ret -> BuiltinTasks.normalizedScore("pendulum", ret));
    }

    /** Every row without its iterations_per_second column (a timing). */
    private static List<String> withoutSpeed(List<String> rows) {
        return rows.stream().map(r -> {
            String[] f = r.split(",", -1);
            return f[0] + "," + String.join(",", Arrays.asList(f).subList(2, f.length));
        }).toList();
    }

    @Test
    @Timeout(120)
    void resumeAfterAKillTruncatesTheCsvFilesToTheCheckpoint() throws IOException {
        Path full = dir.resolve("uninterrupted");
        run(40, full).build().fit(pendulum).policy().close();

        // killed at iteration 25: the checkpoint is at 20, the CSV files go on to 25 (a last evaluation at 25
        // included), and a row was half-written when the process died
        Path killed = dir.resolve("killed");
        Path checkpoints = killed.resolve("checkpoints");
        run(25, killed).checkpoints(checkpoints, 10).build().fit(pendulum).policy().close();
        Files.writeString(killed.resolve("training.csv"), "26,1", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertTrue(Files.readAllLines(killed.resolve("evaluations.csv")).stream().anyMatch(l -> l.startsWith("25,")));

        FitResult resumed = run(40, killed).checkpoints(checkpoints, 10).resume(true).build().fit(pendulum);
        resumed.policy().close();

        List<String> training = Files.readAllLines(killed.resolve("training.csv"), StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(full.resolve("training.csv"), StandardCharsets.UTF_8);
        Set<String> iterations = new HashSet<>();
        for (String row : training.subList(1, training.size())) {
            assertTrue(iterations.add(row.split(",")[0]), "iteration " + row.split(",")[0] + " appears twice:\n"
                    + String.join("\n", training));
        }
        assertEquals(withoutSpeed(expected), withoutSpeed(training), "the same rows as the uninterrupted run");
        assertEquals(Files.readAllLines(full.resolve("evaluations.csv")),
                Files.readAllLines(killed.resolve("evaluations.csv")), "evaluations at 10, 20, 30, 40, once each");
    }

    @Test
    void aCheckpointPastTheIterationBudgetIsRefused() {
        Path out = dir.resolve("past");
        Path checkpoints = out.resolve("checkpoints");
        run(20, out).checkpoints(checkpoints, 10).build().fit(pendulum).policy().close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(10, out).checkpoints(checkpoints, 10).resume(true).build().fit(pendulum));
        assertTrue(e.getMessage().startsWith("iterations = 10 is invalid: the checkpoint "), e.getMessage());
        assertTrue(e.getMessage().contains("is already at iteration 20"), e.getMessage());
    }
}
