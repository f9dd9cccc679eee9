package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.edp4j.algos.improvement.DiffusionQl;
import io.github.edp4j.algos.nets.DiffusionActor;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.schedule.ScheduleKind;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diffusion-QL selected through the trainer: its defaults (vp schedule, K = 5) unless steps or schedule are set,
 * its validation, the networks and sampler the factory builds for it, and a saved policy that acts again after
 * loading. Determinism and exact resume are covered for every algorithm, DQL included, by {@link EdpTrainerTest}.
 */
class DqlTrainerTest {

    @Test
    void dqlDefaultsToTheVpScheduleWithFiveStepsUnlessSetExplicitly() {
        TrainerConfig c = EdpTrainer.builder().algo(Algorithm.DQL).build().config();
        assertEquals(Algorithm.DQL, c.algorithm());
        assertEquals(5, c.steps());
        assertEquals(ScheduleKind.VP, c.schedule());
        // explicit values win, whatever the order of the calls
        c = EdpTrainer.builder().steps(20).algo(Algorithm.DQL).build().config();
        assertEquals(20, c.steps());
        assertEquals(ScheduleKind.VP, c.schedule());
        c = EdpTrainer.builder().algo(Algorithm.DQL).schedule(ScheduleKind.LINEAR).build().config();
        assertEquals(5, c.steps());
        assertEquals(ScheduleKind.LINEAR, c.schedule());
        // the EDP algorithms keep the official EDP defaults
        for (Algorithm a : new Algorithm[] {Algorithm.TD3, Algorithm.CRR, Algorithm.IQL}) {
            c = EdpTrainer.builder().algo(a).build().config();
            assertEquals(1000, c.steps(), a.name());
            assertEquals(ScheduleKind.LINEAR, c.schedule(), a.name());
        }
        assertEquals(1000, EdpTrainer.builder().build().config().steps());
        assertEquals(c, TrainerConfig.fromMap(c.toMap()));
        TrainerConfig dql = EdpTrainer.builder().algo(Algorithm.DQL).build().config();
        assertEquals(dql, TrainerConfig.fromMap(dql.toMap()));
    }

    @Test
    void validationStillAppliesToDql() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().algo(Algorithm.DQL).steps(0).build());
        assertEquals("steps = 0 is invalid: allowed >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().algo(Algorithm.DQL).schedule(null).build());
        assertEquals("schedule = null is invalid: allowed LINEAR, COSINE or VP", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().algo(Algorithm.DQL).policy(PolicyClass.GAUSSIAN).build());
        assertEquals("policyClass = GAUSSIAN is invalid: allowed DIFFUSION with algorithm DQL (Diffusion-QL "
                + "differentiates through the diffusion chain)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().algo(null).build());
        assertEquals("algorithm = null is invalid: allowed TD3, CRR, IQL, DQL or DTQL", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdpTrainer.builder().algo(Algorithm.DQL)
                .td3(2.0, -1).build());
        assertEquals("td3Eta = -1.0 is invalid: allowed >= 0", e.getMessage());
    }

    @Test
    void factoryBuildsADiffusionActorSampledWithTheFullDdpmChainAndDiffusionQl() {
        TrainerConfig c = EdpTrainer.builder().algo(Algorithm.DQL).hidden(8).td3(2.0, 0.25).build().config();
        NetworkFactory f = new NetworkFactory(c, 3, ActionBounds.symmetric(2, 1f));
        DiffusionQl improvement = assertInstanceOf(DiffusionQl.class, f.improvement());
        assertEquals(0.25, improvement.eta(), "DQL's eta is the trainer's td3Eta");
        DdpmSampler sampler = assertInstanceOf(DdpmSampler.class, f.sampler());
        assertEquals(5, sampler.modelCalls());
        assertEquals(ScheduleKind.VP, sampler.schedule().kind());
        try (NDManager m = TorchRuntime.newManager()) {
            DiffusionActor actor = assertInstanceOf(DiffusionActor.class, f.actor(m, true));
            assertEquals(5, actor.chain().steps());
            assertInstanceOf(DdpmSampler.class, actor.sampler());
        }
        // EDP keeps DPM-Solver
        TrainerConfig td3 = EdpTrainer.builder().algo(Algorithm.TD3).steps(10).build().config();
        assertEquals(15, new NetworkFactory(td3, 3, ActionBounds.symmetric(2, 1f)).sampler().modelCalls());
    }

    @Tag("gc-stress-sampled")
    @Test
    void aTrainedDqlPolicyActsInsideTheBoundsAndSurvivesSaveAndLoad(@TempDir Path dir) throws IOException {
        OfflineDataset toy = FourModeToy.dataset(500, 3);
        FitResult r = EdpTrainer.builder().algo(Algorithm.DQL).hidden(16, 16).batchSize(32).iterations(20)
                .logEvery(10).seed(4).progress(false).build().fit(toy);
        assertEquals(2, r.curve().size());
        for (TrainingRecord rec : r.curve()) {
            assertTrue(rec.metrics().containsKey("q_loss"), rec.metrics().toString());
            assertTrue(rec.metrics().values().stream().allMatch(Double::isFinite), rec.metrics().toString());
        }
        Path file = dir.resolve("dql.policy");
        try (Policy p = r.policy()) {
            p.save(file);
            float[] a = p.act(new float[] {0.2f});
            assertEquals(2, a.length);
        }
        try (Policy loaded = Policy.load(file)) {
            assertEquals(Algorithm.DQL, loaded.config().algorithm());
            float[][] acts = loaded.act(new float[][] {{0.1f}, {-0.4f}, {0.9f}});
            for (float[] a : acts) {
                for (float v : a) {
                    assertTrue(v >= -1f && v <= 1f, "action inside the bounds: " + v);
                }
            }
        }
    }
}
