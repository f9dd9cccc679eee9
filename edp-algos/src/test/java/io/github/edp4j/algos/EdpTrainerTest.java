package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Builder validation, determinism, exact resume and failure behaviour of the trainer, on tiny networks. */
class EdpTrainerTest {

    private static OfflineDataset toy;

    @BeforeAll
    static void data() {
        OfflineDataset base = FourModeToy.dataset(2000, 11);
        float[] rewards = new float[base.size()];
        float[] actions = base.actions();
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = actions[2 * i] > 0 ? 1f : 0f; // modes on the right are rewarded
        }
        toy = base.withRewards(rewards);
    }

    static EdpTrainer.Builder tiny(Algorithm algo, PolicyClass pc, long seed) {
        // DTQL pre-trains its critics and diffusion model for the first 10 iterations (the others ignore it)
        return EdpTrainer.builder().algo(algo).policy(pc).steps(10).hidden(16, 16).batchSize(32).iterations(40)
                .dtql(1.0, 0.0, 10).logEvery(10).seed(seed).progress(false);
    }

    @Test
    void builderRejectsBadValuesNamingFieldValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().steps(0).build());
        assertEquals("steps = 0 is invalid: allowed >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().discount(1.5).build());
        assertEquals("discount = 1.5 is invalid: allowed [0, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().iql(1.0, 3, 100).build());
        assertEquals("iqlExpectile = 1.0 is invalid: allowed (0, 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().batchSize(-3).build());
        assertEquals("batchSize = -3 is invalid: allowed >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().hidden().build());
        assertTrue(e.getMessage().startsWith("hidden = [] is invalid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().sampler(15, 4, null).build());
        assertEquals("samplerOrder = 4 is invalid: allowed [1, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().actorLearningRate(Double.NaN).build());
        assertTrue(e.getMessage().startsWith("actorLearningRate = NaN is invalid: allowed > 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().resume(true).build());
    }

    @Test
    void configRoundTripsThroughItsStringForm() {
        TrainerConfig c = tiny(Algorithm.CRR, PolicyClass.GAUSSIAN, 9).td3(1.5, 0.1).build().config();
        assertEquals(c, TrainerConfig.fromMap(c.toMap()));
        assertArrayEquals(new int[] {16, 16}, TrainerConfig.fromMap(c.toMap()).hidden());
    }

    @Tag("gc-stress-sampled")
    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void sameSeedSameCurveOtherSeedOtherCurve(Algorithm algo) {
        List<TrainingRecord> a = fitAndClose(tiny(algo, PolicyClass.DIFFUSION, 5).build()).curve();
        List<TrainingRecord> b = fitAndClose(tiny(algo, PolicyClass.DIFFUSION, 5).build()).curve();
        List<TrainingRecord> c = fitAndClose(tiny(algo, PolicyClass.DIFFUSION, 6).build()).curve();
        assertEquals(4, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).metrics(), b.get(i).metrics(), "record " + i);
        }
        assertNotEquals(a.get(3).metrics(), c.get(3).metrics());
    }

    @Tag("gc-stress-sampled")
    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void resumedRunEqualsUninterruptedRun(Algorithm algo, @TempDir Path dir) {
        List<TrainingRecord> full = fitAndClose(tiny(algo, PolicyClass.DIFFUSION, 8).iterations(40).build()).curve();
        fitAndClose(tiny(algo, PolicyClass.DIFFUSION, 8).iterations(20).checkpoints(dir, 20).build());
        assertTrue(Files.exists(dir.resolve(Checkpoint.FILE_NAME)));
        FitResult resumed = tiny(algo, PolicyClass.DIFFUSION, 8).iterations(40).checkpoints(dir, 20).resume(true)
                .build().fit(toy);
        resumed.policy().close();
        assertEquals(full.size(), resumed.curve().size());
        for (int i = 2; i < full.size(); i++) {
            for (String k : full.get(i).metrics().keySet()) {
                assertEquals(full.get(i).metrics().get(k), resumed.curve().get(i).metrics().get(k), 1e-6,
                        algo + " record " + i + " " + k);
            }
        }
        assertEquals(40, resumed.provenance().iterationsCompleted());
    }

    @Test
    void resumeRefusesAnotherConfigurationOrDataset(@TempDir Path dir) {
        fitAndClose(tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 8).iterations(20).checkpoints(dir, 20).build());
        Exception e = assertThrows(RuntimeException.class, () -> tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 9)
                .iterations(40).checkpoints(dir, 20).resume(true).build().fit(toy));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
        OfflineDataset other = toy.withRewards(new float[toy.size()]);
        e = assertThrows(RuntimeException.class, () -> tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 8).iterations(40)
                .checkpoints(dir, 20).resume(true).build().fit(other));
        assertTrue(e.getMessage().contains("another dataset"), e.getMessage());
    }

    @Test
    void divergenceStopsWithIterationAndLossNamedAndKeepsTheCheckpoint(@TempDir Path dir) throws IOException {
        float[] huge = new float[toy.size()];
        java.util.Arrays.fill(huge, 3e38f);
        OfflineDataset bad = toy.withRewards(huge);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> tiny(Algorithm.TD3, PolicyClass.DIFFUSION, 1).build().fit(bad));
        assertTrue(e.getMessage().startsWith("training diverged at iteration 0: critic loss is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; no checkpoint was written"), e.getMessage());
        assertEquals(0, e.iteration());

        // a good checkpoint at iteration 20, then a run resumed from it on data that diverges: the checkpoint stays
        Path checkpoint = dir.resolve(Checkpoint.FILE_NAME);
        fitAndClose(tiny(Algorithm.TD3, PolicyClass.DIFFUSION, 1).iterations(20).checkpoints(dir, 20).build());
        byte[] good = Files.readAllBytes(checkpoint);
        e = assertThrows(TrainingDivergedException.class, () -> tiny(Algorithm.TD3, PolicyClass.DIFFUSION, 1)
                .iterations(40).checkpoints(dir, 10).build().fit(bad));
        assertTrue(e.getMessage().endsWith("; the last good checkpoint is kept at " + checkpoint), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(checkpoint), "the checkpoint is untouched");
    }

    @Test
    void datasetMustMatchTheEvaluationEnvironment() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 1)
                        .evaluation(() -> BuiltinTasks.environment("pendulum"), 2, 10, r -> r).build().fit(toy));
        assertEquals("dataset 'four-mode-toy' has observation/action dimensions 1/2 but environment 'pendulum' has 3/1",
                e.getMessage());
    }

    @Test
    void metricsAndEvaluationsAreWrittenAsCsv(@TempDir Path dir) throws IOException {
        OfflineDataset pendulum = BuiltinTasks.dataset("pendulum-medium", dir.resolve("cache"));
        FitResult r = EdpTrainer.builder().algo(Algorithm.IQL).policy(PolicyClass.GAUSSIAN).hidden(16).batchSize(32)
                .iterations(20).logEvery(10).progress(false).outputDir(dir.resolve("out"))
                .evaluation(() -> BuiltinTasks.environment("pendulum"), 2, 10,
                        ret -> BuiltinTasks.normalizedScore("pendulum", ret))
                .build().fit(pendulum);
        r.policy().close();
        List<String> training = Files.readAllLines(dir.resolve("out/training.csv"));
        List<String> evals = Files.readAllLines(dir.resolve("out/evaluations.csv"));
        assertTrue(training.get(0).startsWith("iteration,iterations_per_second,critic_loss,policy_loss"),
                training.get(0));
        assertEquals(3, training.size());
        assertEquals("iteration,mean_return,normalized_score,episodes", evals.get(0));
        assertEquals(3, evals.size());
        assertEquals(2, r.evaluations().size());
        assertEquals(Math.max(r.evaluations().get(0).normalizedScore(), r.evaluations().get(1).normalizedScore()),
                r.oms(), 0.0);
        assertEquals((r.evaluations().get(0).normalizedScore() + r.evaluations().get(1).normalizedScore()) / 2, r.rat(),
                1e-9);
    }

    static FitResult fitAndClose(EdpTrainer trainer) {
        FitResult r = trainer.fit(toy);
        r.policy().close();
        return r;
    }
}
