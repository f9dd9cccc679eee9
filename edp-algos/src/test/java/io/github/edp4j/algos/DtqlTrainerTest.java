package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.edp4j.algos.improvement.Dtql;
import io.github.edp4j.algos.nets.DtqlActor;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DTQL (arXiv 2405.19690) selected through the trainer: validation of its settings, the networks the factory
 * builds for it, the pre-training phase, the per-dataset presets, and a saved policy that acts identically after
 * loading. Determinism and exact resume across the end of the pre-training are covered for every algorithm, DTQL
 * included, by {@link EdpTrainerTest}.
 */
class DtqlTrainerTest {

    private static final OfflineDataset TOY = FourModeToy.dataset(1000, 4);

    private static EdpTrainer.Builder tiny(int pretrain, long seed) {
        return EdpTrainer.builder().algo(Algorithm.DTQL).hidden(16, 16).batchSize(32).iterations(30)
                .dtql(2.0, 0.5, pretrain).logEvery(10).seed(seed).progress(false);
    }

    @Test
    void badSettingsAreRejectedNamingFieldValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdpTrainer.builder().algo(Algorithm.DTQL).policy(PolicyClass.GAUSSIAN).build());
        assertEquals("policyClass = GAUSSIAN is invalid: allowed DIFFUSION with algorithm DTQL (DTQL trains its "
                + "one-step policy against a diffusion model)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny(5, 0).dtql(0, 0, 5).build());
        assertEquals("dtqlAlpha = 0.0 is invalid: allowed > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny(5, 0).dtql(Double.NaN, 0, 5).build());
        assertEquals("dtqlAlpha = NaN is invalid: allowed > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny(5, 0).dtql(1, -0.5, 5).build());
        assertEquals("dtqlNllWeight = -0.5 is invalid: allowed >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny(5, 0).dtql(1, 0, -1).build());
        assertEquals("dtqlPretrainIterations = -1 is invalid: allowed >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny(30, 0).build());
        assertEquals("dtqlPretrainIterations = 30 is invalid: allowed fewer than iterations = 30 with algorithm DTQL "
                + "(the one-step policy is trained after the pre-training)", e.getMessage());
        // the defaults: alpha 1, gamma 0, the paper's 50 x 1000 pre-training steps
        TrainerConfig c = EdpTrainer.builder().algo(Algorithm.DTQL).build().config();
        assertEquals(1.0, c.dtqlAlpha());
        assertEquals(0.0, c.dtqlNllWeight());
        assertEquals(50_000, c.dtqlPretrainIterations());
        assertEquals(c, TrainerConfig.fromMap(c.toMap()));
        // other algorithms may run fewer iterations than DTQL's pre-training
        EdpTrainer.builder().algo(Algorithm.IQL).iterations(10).build();
    }

    @Test
    void configurationsWrittenBeforeDtqlExistedStillLoad() {
        TrainerConfig c = EdpTrainer.builder().algo(Algorithm.IQL).build().config();
        Map<String, String> old = new HashMap<>(c.toMap());
        old.keySet().removeIf(k -> k.startsWith("dtql"));
        assertEquals(c, TrainerConfig.fromMap(old));
    }

    @Test
    void factoryBuildsTheDtqlActorALayerNormCriticAndTheAlgorithm() {
        TrainerConfig c = tiny(7, 0).iql(0.8, 3, 100).build().config();
        NetworkFactory f = new NetworkFactory(c, 3, ActionBounds.symmetric(2, 1f));
        Dtql dtql = assertInstanceOf(Dtql.class, f.improvement());
        assertEquals(2.0, dtql.alpha());
        assertEquals(0.5, dtql.nllWeight());
        assertEquals(7, dtql.pretrainIterations());
        assertFalse(dtql.updatesPolicy(6));
        assertTrue(dtql.updatesPolicy(7));
        assertTrue(dtql.usesValueNetwork());
        try (NDManager m = TorchRuntime.newManager()) {
            DtqlActor actor = assertInstanceOf(DtqlActor.class, f.actor(m, true));
            assertTrue(actor.behaviourParameters().count() > 0);
            assertTrue(f.critic(m, true).parameters().names().contains("q1.norm0.gain"));
        }
        assertThrows(IllegalArgumentException.class, () -> new Dtql(-1, 0, 0.7, 0));
    }

    @Test
    void pretrainingTrainsOnlyCriticsAndTheDiffusionModel() {
        FitResult r = tiny(10, 3).build().fit(TOY);
        r.policy().close();
        List<TrainingRecord> curve = r.curve();
        assertEquals(3, curve.size());
        Map<String, Double> pre = curve.get(0).metrics();
        assertTrue(pre.containsKey("critic_loss") && pre.containsKey("diffusion_loss") && pre.containsKey("v_mean"),
                pre.toString());
        assertFalse(pre.containsKey("policy_loss") || pre.containsKey("trust_region_loss"), pre.toString());
        for (TrainingRecord rec : curve.subList(1, 3)) {
            Map<String, Double> m = rec.metrics();
            for (String k : List.of("policy_loss", "trust_region_loss", "q_loss", "dataset_action_nll", "diffusion_loss")) {
                assertTrue(m.containsKey(k) && Double.isFinite(m.get(k)), k + " in " + m);
            }
        }
    }

    @Tag("gc-stress-sampled")
    @Test
    void policyMetricsThatStartAfterPretrainingReachTrainingCsv(@TempDir Path dir) throws IOException {
        FitResult r = tiny(10, 3).outputDir(dir).build().fit(TOY);
        r.policy().close();
        List<String> lines = Files.readAllLines(dir.resolve("training.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        for (String k : List.of("critic_loss", "diffusion_loss", "policy_loss", "trust_region_loss", "q_loss")) {
            assertTrue(header.contains(k), k + " in " + header);
        }
        assertEquals(4, lines.size());
        int policy = header.indexOf("policy_loss");
        assertEquals("", cells(lines.get(1), header.size()).get(policy), "no policy loss during pre-training");
        assertEquals(r.curve().get(2).metrics().get("policy_loss"),
                Double.parseDouble(cells(lines.get(3), header.size()).get(policy)), 1e-5 * Math.abs(
                        r.curve().get(2).metrics().get("policy_loss")) + 1e-9);
    }

    private static List<String> cells(String line, int n) {
        List<String> c = new java.util.ArrayList<>(List.of(line.split(",", -1)));
        assertEquals(n, c.size(), line);
        return c;
    }

    @Test
    void aMetricIsAveragedOverTheIterationsThatRecordedIt() {
        // pre-training ends after 5 of the first window's 10 iterations: the window's policy loss is the mean of
        // iterations 6..10 alone, which per-iteration records of the same (deterministic) run give independently
        FitResult windowed = tiny(5, 4).iterations(20).build().fit(TOY);
        FitResult single = tiny(5, 4).iterations(20).logEvery(1).build().fit(TOY);
        windowed.policy().close();
        single.policy().close();
        for (String k : List.of("policy_loss", "q_loss", "trust_region_loss", "critic_loss")) {
            double sum = 0;
            int n = 0;
            for (TrainingRecord rec : single.curve().subList(0, 10)) {
                Double v = rec.metrics().get(k);
                if (v != null) {
                    sum += v;
                    n++;
                }
            }
            assertEquals(k.equals("critic_loss") ? 10 : 5, n, k);
            assertEquals(sum / n, windowed.curve().get(0).metrics().get(k), 1e-6 * Math.abs(sum / n) + 1e-9, k);
        }
    }

    @Test
    void theLikelihoodTermIsReportedUnderItsNameOnlyWhenTheLossUsesIt() {
        FitResult without = tiny(5, 3).dtql(2.0, 0.0, 5).build().fit(TOY);
        FitResult with = tiny(5, 3).build().fit(TOY);
        without.policy().close();
        with.policy().close();
        Map<String, Double> m0 = without.curve().get(2).metrics();
        Map<String, Double> m1 = with.curve().get(2).metrics();
        assertFalse(m0.containsKey("nll") || m0.containsKey("dataset_action_nll"), m0.toString());
        assertFalse(m1.containsKey("nll"), m1.toString());
        assertTrue(Double.isFinite(m1.get("dataset_action_nll")), m1.toString());
    }

    @Test
    void savedPolicyActsIdenticallyAfterLoading(@TempDir Path dir) throws IOException {
        FitResult r = tiny(10, 3).build().fit(TOY);
        Path file = dir.resolve("dtql.edp4j");
        float[][] states = {{0.1f}, {-0.7f}, {0.9f}};
        float[][] before;
        try (Policy p = r.policy()) {
            p.save(file);
            before = p.act(states);
        }
        try (Policy q = Policy.load(file)) {
            assertEquals(Algorithm.DTQL, q.config().algorithm());
            float[][] after = q.act(states);
            for (int i = 0; i < states.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "state " + i);
                for (float v : after[i]) {
                    assertTrue(v >= -1f && v <= 1f, "inside the bounds: " + v);
                }
            }
        }
        assertTrue(Files.size(file) > 0);
    }

    @Tag("gc-stress-sampled")
    @Test
    void otherSeedOtherCurve() {
        FitResult a = tiny(10, 1).build().fit(TOY);
        FitResult b = tiny(10, 2).build().fit(TOY);
        a.policy().close();
        b.policy().close();
        assertNotEquals(a.curve().get(2).metrics(), b.curve().get(2).metrics());
    }

    @Test
    void presetsFollowTheOfficialTable() {
        assertEquals(new DtqlPreset(50, 0, 0.7), DtqlPreset.forDataset("halfcheetah-medium-expert-v2"));
        assertEquals(new DtqlPreset(5, 0, 0.7), DtqlPreset.forDataset("hopper-medium-replay-v2"));
        assertEquals(new DtqlPreset(0.5, 1, 0.9), DtqlPreset.forDataset("antmaze-large-diverse-v0"));
        assertEquals(new DtqlPreset(1500, 0, 0.9), DtqlPreset.forDataset("pen-human-v1"));
        assertEquals(new DtqlPreset(100, 0, 0.7), DtqlPreset.forDataset("kitchen-partial-v0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DtqlPreset.forDataset("pendulum-medium"));
        assertTrue(e.getMessage().startsWith("no DTQL preset for dataset 'pendulum-medium': known halfcheetah-medium"),
                e.getMessage());
        TrainerConfig c = EdpTrainer.builder().algo(Algorithm.DTQL).preset(DtqlPreset.forDataset("antmaze-umaze-v2"))
                .build().config();
        assertEquals(1.0, c.dtqlNllWeight());
        assertEquals(0.9, c.iqlExpectile());
    }
}
