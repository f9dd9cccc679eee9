package io.github.edp4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Algorithm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's summaries, JSON writer, settings validation, FLOP model and the report of unavailable figures,
 * without running anything.
 */
class BenchFiguresAndJsonTest {

    @Test
    void figureSummarisesItsRounds() {
        Figure odd = new Figure("k", "label", "ms", new double[] {3, 1, 2});
        assertEquals(2, odd.median());
        assertEquals(1, odd.min());
        assertEquals(3, odd.max());
        Figure even = new Figure("k", "label", "ms", new double[] {4, 1, 2, 10});
        assertEquals(3, even.median());
        Figure one = Figure.single("k", "label", "MB", 7.5);
        assertEquals(7.5, one.median());
        assertEquals(7.5, one.min());
        assertEquals(7.5, one.max());
        assertThrows(IllegalArgumentException.class, () -> new Figure("k", "l", "u", new double[0]));
    }

    @Test
    void jsonWriterOutputReadsBackIncludingEscapesAndNonFiniteNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "a \"quoted\" \\ line\nnext\ttab \u0001");
        m.put("int", 3);
        m.put("double", 0.1);
        m.put("tiny", 1.5e-9);
        m.put("huge", 2.5e300);
        m.put("nan", Double.NaN);
        m.put("flag", true);
        m.put("none", null);
        m.put("doubles", new double[] {1, 2.5, Double.POSITIVE_INFINITY});
        m.put("ints", new int[] {256, 256});
        m.put("list", List.of("x", 1));
        m.put("empty", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) parseStrict(Json.write(m));
        assertEquals(m.get("text"), back.get("text"));
        assertEquals(3.0, back.get("int"));
        assertEquals(0.1, back.get("double"));
        assertEquals(1.5e-9, back.get("tiny"));
        assertEquals(2.5e300, back.get("huge"));
        assertNull(back.get("nan"));
        assertTrue(back.containsKey("nan"));
        assertEquals(true, back.get("flag"));
        assertEquals(java.util.Arrays.asList(1.0, 2.5, null), back.get("doubles"));
        assertEquals(List.of(256.0, 256.0), back.get("ints"));
        assertEquals(List.of("x", 1.0), back.get("list"));
        assertEquals(Map.of(), back.get("empty"));
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()), "key order is kept");
    }

    @Test
    void settingsAreValidatedWithFieldValueAndRange() {
        BenchSettings full = BenchSettings.full(2);
        assertEquals(2, full.threads());
        assertEquals(256, full.batchSize());
        assertEquals(1000, full.diffusionSteps());
        assertEquals(5, full.dqlSteps());
        assertEquals(1_000_000, full.d4rlRows());
        assertEquals(20_000, full.memoryIterations());
        assertEquals(17, full.observationDim());
        assertEquals(6, full.actionDim());
        assertEquals(1000, full.episodeSteps(), "a whole evaluation episode");
        assertEquals(100_000, full.collectSteps());
        assertEquals(full, BenchSettings.full(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchSettings.smoke(0));
        assertEquals("benchmark setting threads = 0 is invalid: allowed >= 1", e.getMessage());
        BenchSettings smoke = BenchSettings.smoke(1);
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> withEpisodeSteps(smoke, 1001));
        assertEquals("benchmark setting episodeSteps = 1001 is invalid: allowed 1 .. 1000", longer.getMessage());
        assertEquals(1000, withEpisodeSteps(smoke, 1000).episodeSteps());
    }

    private static BenchSettings withEpisodeSteps(BenchSettings b, int episodeSteps) {
        return new BenchSettings(b.name(), b.threads(), b.seed(), b.observationDim(), b.actionDim(), b.hidden(),
                b.batchSize(), b.diffusionSteps(), b.dqlSteps(), b.datasetRows(), b.trainIterationsPerRound(),
                b.trainWarmupRounds(), b.trainRounds(), b.solverCalls(), b.easCandidates(), b.samplingBatch(),
                b.samplingWarmup(), b.singleStateRounds(), b.batchRounds(), b.ddpmSingleStateRounds(),
                b.ddpmBatchRounds(), b.d4rlRows(), b.d4rlRounds(), b.memoryIterations(), b.memoryLogEvery(),
                b.matmulSize(), b.matmulCallsPerRound(), b.matmulRounds(), b.envStepsPerRound(), b.envRounds(),
                episodeSteps, b.episodeRounds(), b.collectSteps(), b.collectRounds());
    }

    @Test
    void unavailableMuJoCoFiguresAreListedWithTheReasonInJsonTableAndLookup() {
        String reason = "libmujoco not found (test)";
        Map<String, String> missing = MuJoCoFigures.unavailable(reason);
        List<String> keys = List.copyOf(missing.keySet());
        assertEquals(MuJoCoFigures.FIGURES, keys.subList(0, keys.size() - 1));
        assertEquals("collect.halfcheetah_expert_1m_steps_minutes", keys.get(keys.size() - 1));
        assertTrue(BenchmarkSuite.FIGURES.containsAll(MuJoCoFigures.FIGURES), "the suite lists every MuJoCo figure");
        assertTrue(BenchmarkSuite.DERIVED.contains(MuJoCoFigures.COLLECT_MILLION));

        Figure measured = new Figure("matmul.gflops", "matmul 4x4 float32", "GFLOP/s", new double[] {1, 2, 3});
        BenchReport report = new BenchReport(BenchSettings.smoke(1), "2026-01-01T00:00:00Z",
                Map.of("cpuModel", "test cpu", "availableProcessors", 2), Map.of("intraOpThreads", 1),
                Map.of(measured.key(), measured), missing, Map.of("machine.load_average_at_end", 0.5), List.of(), 1.0);
        assertEquals(missing, report.unavailable());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report.figure("eval.halfcheetah_physics_share"));
        assertEquals("benchmark figure 'eval.halfcheetah_physics_share' was not measured: " + reason, e.getMessage());
        assertEquals(measured, report.figure("matmul.gflops"));

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) parseStrict(report.toJson());
        assertEquals(missing, json.get("unavailable"));
        assertEquals(List.of("matmul.gflops"), List.copyOf(((Map<?, ?>) json.get("figures")).keySet()));

        String table = report.table();
        for (String key : MuJoCoFigures.FIGURES) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(key + " ") && l.contains("n/a")), key + "\n" + table);
        }
        assertTrue(table.lines().anyMatch(l -> l.startsWith(MuJoCoFigures.COLLECT_MILLION) && l.endsWith("n/a")),
                table);
        assertEquals(1, table.lines().filter(l -> l.equals("not measured (n/a): " + reason)).count(),
                "the shared reason is printed once\n" + table);
    }

    @Test
    void millionStepTimeFollowsFromTheCollectionRate() {
        assertEquals(1.0, MuJoCoFigures.minutesForMillion(1e6 / 60), 1e-12);
        assertEquals(100.0, MuJoCoFigures.minutesForMillion(1e4 / 60), 1e-9);
    }

    @Test
    void flopModelCountsTheLinearLayersOfEachAlgorithm() {
        FlopModel f = new FlopModel(17, 6, new int[] {256, 256, 256}, 256);
        // critic 23 -> 256 -> 256 -> 256 -> 1 over 256 rows
        double q = 2.0 * 256 * (23 * 256 + 256 * 256 * 2 + 256);
        assertEquals(q, f.critic(), 1e-6);
        double e = f.noiseNet();
        assertEquals(15 * e + 8 * q + 3 * e + 2 * q, f.perIteration(Algorithm.TD3, true, 15, 10, 5), 1e-3);
        assertEquals(5 * e + 8 * q + 3 * e + 15 * e + 3 * q, f.perIteration(Algorithm.DQL, true, 15, 10, 5), 1e-3);
        assertTrue(f.perIteration(Algorithm.CRR, true, 15, 10, 5) > f.perIteration(Algorithm.TD3, true, 15, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> f.perIteration(Algorithm.IQL, false, 15, 10, 5));
    }

    /** Reads JSON strictly with Gson: objects become ordered maps, arrays lists, numbers doubles. */
    private static Object parseStrict(String text) {
        return new com.google.gson.GsonBuilder().setStrictness(com.google.gson.Strictness.STRICT).create()
                .fromJson(text, Object.class);
    }
}
