package io.github.edp4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.schedule.ScheduleKind;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example, verbatim but for tiny iteration counts and networks, so that it keeps working. */
class ReadmeExampleTest {

    @Test
    void readmeSnippetRuns(@TempDir Path dir) throws Exception {
        System.setProperty("edp4j.datasets.dir", dir.resolve("datasets").toString());
        float[] observation = BuiltinTasks.environment("pointmaze-fork").reset(0);

        OfflineDataset ds = BuiltinTasks.dataset("pointmaze-fork-multimodal");
        FitResult r = EdpTrainer.builder()
                .algo(Algorithm.IQL)
                .steps(100)
                .schedule(ScheduleKind.VP)
                .iterations(40)
                .hidden(16, 16).batchSize(32).logEvery(20).progress(false)
                .evaluation(() -> BuiltinTasks.environment("pointmaze-fork"), 2, 20,
                        ret -> BuiltinTasks.normalizedScore("pointmaze-fork", ret))
                .build()
                .fit(ds);
        System.out.println(r.summary());
        float[] action = r.policy().act(observation);
        r.policy().save(dir.resolve("policy.edp4j"));
        r.policy().close();

        assertEquals(2, action.length);
        assertEquals(2, r.evaluations().size());
        assertTrue(r.summary().contains("RAT") && r.summary().contains("OMS"), r.summary());
        assertTrue(Files.size(dir.resolve("policy.edp4j")) > 1000);
        try (Policy loaded = Policy.load(dir.resolve("policy.edp4j"))) {
            assertEquals("pointmaze-fork-multimodal", loaded.provenance().datasetName());
        }
    }
}
