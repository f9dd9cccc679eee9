package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress goes to the sink the trainer gives (its SLF4J logger), never to a terminal stream of its own. */
class ProgressReporterTest {

    @Test
    void linesGoToTheSinkOnlyWhenDueOrForced() {
        List<String> lines = new ArrayList<>();
        ProgressReporter r = new ProgressReporter(lines::add, 200, 3600);
        Map<String, Float> latest = new LinkedHashMap<>();
        latest.put("critic_loss", 1.25f);
        latest.put("diffusion_loss", 9f);
        latest.put("policy_loss", -0.5f);
        r.update(1, latest, null, false);
        assertEquals(List.of(), lines, "not due within the interval");
        r.update(100, latest, new Evaluation(100, 12, 37.25, 4), true);
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertTrue(line.startsWith("it 100/200 (50%) "), line);
        assertTrue(line.endsWith(" critic_loss 1.250 policy_loss -0.5000 score 37.3"), line);
    }

    @Test
    void formatsDurations() {
        assertEquals("59s", ProgressReporter.formatSeconds(59.4));
        assertEquals("2m05s", ProgressReporter.formatSeconds(125));
        assertEquals("1h01m", ProgressReporter.formatSeconds(3661));
        assertEquals("?", ProgressReporter.formatSeconds(Double.POSITIVE_INFINITY));
    }
}
