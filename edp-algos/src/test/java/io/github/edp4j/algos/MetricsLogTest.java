package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact contents {@link MetricsLog} writes: a header that grows with new metrics, blanks, resume, evaluations. */
class MetricsLogTest {

    private static TrainingRecord record(long it, double perSecond, Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return new TrainingRecord(it, m, perSecond);
    }

    @Test
    void aMetricThatAppearsLaterGetsAColumnAndEarlierRowsABlank(@TempDir Path dir) throws IOException {
        try (MetricsLog log = new MetricsLog(dir, List.of(), List.of())) {
            log.record(record(10, 12.5, "critic_loss", 2.0, "diffusion_loss", 0.25));
            log.record(record(20, 13, "critic_loss", 1.5, "diffusion_loss", 0.125, "policy_loss", -3.0, "q_loss", 4e-7));
            log.record(record(30, 14, "critic_loss", 1.0, "policy_loss", -2.5));
        }
        assertEquals(List.of(
                "iteration,iterations_per_second,critic_loss,diffusion_loss,policy_loss,q_loss",
                "10,12.500,2.00000,0.250000,,",
                "20,13.000,1.50000,0.125000,-3.00000,4.00000e-07",
                "30,14.000,1.00000,,-2.50000,"), Files.readAllLines(dir.resolve("training.csv")));
    }

    @Test
    void resumeStartsFromTheCheckpointsHistoryAndStillGrows(@TempDir Path dir) throws IOException {
        TrainingRecord first = record(10, 1, "critic_loss", 2.0);
        Evaluation firstEval = new Evaluation(10, -150.25, 37.5, 4);
        try (MetricsLog log = new MetricsLog(dir, List.of(), List.of())) {
            log.record(first);
            log.record(firstEval);
            // rows a killed run wrote after its checkpoint: the resumed log must drop them
            log.record(record(15, 1, "critic_loss", 9.0, "stale_metric", 1.0));
            log.record(new Evaluation(15, 0, 0, 4));
        }
        try (MetricsLog log = new MetricsLog(dir, List.of(first), List.of(firstEval))) {
            log.record(record(20, 2, "critic_loss", 1.0, "policy_loss", 0.5));
            log.record(new Evaluation(20, -120, 50, 4));
        }
        assertEquals(List.of(
                "iteration,iterations_per_second,critic_loss,policy_loss",
                "10,1.000,2.00000,",
                "20,2.000,1.00000,0.500000"), Files.readAllLines(dir.resolve("training.csv")));
        assertEquals(List.of(
                "iteration,mean_return,normalized_score,episodes",
                "10,-150.250,37.5000,4",
                "20,-120.000,50.0000,4"), Files.readAllLines(dir.resolve("evaluations.csv")));
    }

    @Test
    void aFreshLogReplacesOldFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("training.csv"), "old\n");
        try (MetricsLog log = new MetricsLog(dir, List.of(), List.of())) {
            log.record(record(1, 1, "a,b", 1.0));
        }
        assertEquals(List.of("iteration,iterations_per_second,\"a,b\"", "1,1.000,1.00000"),
                Files.readAllLines(dir.resolve("training.csv")));
        assertEquals(List.of("iteration,mean_return,normalized_score,episodes"),
                Files.readAllLines(dir.resolve("evaluations.csv")));
    }
}
