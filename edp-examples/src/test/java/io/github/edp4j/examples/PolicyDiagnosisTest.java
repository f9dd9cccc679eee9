package io.github.edp4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link PolicyDiagnosis}: the measured quantities, and which acting settings apply to which policy. */
class PolicyDiagnosisTest {

    @RegisterExtension
    final DatasetsDirectory datasets = new DatasetsDirectory();

    @TempDir
    Path dir;

    @Test
    void meanSquaredDistanceSumsOverDimensionsAndAveragesOverRows() {
        float[][] a = {{0f, 0f}, {1f, 1f}};
        float[][] b = {{3f, 4f}, {1f, 1f}};
        assertEquals(12.5, PolicyDiagnosis.meanSquaredDistance(a, b), 0.0);
    }

    @Test
    @Timeout(120)
    void deterministicActorHasNoSpreadAndDiffusionPolicyGetsEveryVariant() {
        datasets.use(dir);
        OfflineDataset data = BuiltinTasks.dataset("bandit-mixed");
        EvaluationTarget target = EvaluationTarget.of("bandit-mixed");
        EdpTrainer.Builder tiny = EdpTrainer.builder().hidden(16, 16).iterations(60).seed(3).threads(1)
                .progress(false);
        try (Policy bc = tiny.algo(Algorithm.TD3).policy(PolicyClass.GAUSSIAN).td3(2.0, 0.0).build().fit(data)
                .policy()) {
            List<PolicyDiagnosis.Row> rows = PolicyDiagnosis.diagnose(bc, data, target, 50, 2, 1);
            assertEquals(List.of("own: TD3 GAUSSIAN actor"), rows.stream().map(PolicyDiagnosis.Row::setting).toList());
            assertEquals(0.0, rows.get(0).spread(), 0.0, "a deterministic actor acts the same twice");
            assertTrue(rows.get(0).squaredError() > 0 && Double.isFinite(rows.get(0).squaredError()), rows.toString());
            assertTrue(Double.isFinite(rows.get(0).score()), rows.toString());
        }
        try (Policy edp = EdpTrainer.builder().hidden(16, 16).iterations(60).seed(3).threads(1).progress(false)
                .algo(Algorithm.TD3).policy(PolicyClass.DIFFUSION).steps(10).sampler(6, 3, TimeGrid.TIME_UNIFORM).eas(4, 1.0)
                .build().fit(data).policy()) {
            List<PolicyDiagnosis.Row> rows = PolicyDiagnosis.diagnose(edp, data, null, 50, 0, 1);
            assertEquals(List.of("own: " + edp.acting().describe(), "one sample (N = 1)", "arg-max over N = 4",
                    "DDPM chain, N = 1"), rows.stream().map(PolicyDiagnosis.Row::setting).toList());
            for (PolicyDiagnosis.Row r : rows) {
                assertTrue(r.spread() > 0, "a diffusion policy samples: " + r);
                assertTrue(Double.isNaN(r.score()), "no episodes asked for: " + r);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PolicyDiagnosis.print(rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String table = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(2 + rows.size(), table.lines().count(), table);
            assertTrue(table.contains("| DDPM chain, N = 1 |") && table.contains("| not run |"), table);
            assertFalse(table.contains("NaN"), table);
        }
    }
}
