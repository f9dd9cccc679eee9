package io.github.edp4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Evaluation;
import io.github.edp4j.algos.TrainingRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress lines: one per evaluation carrying its score, none twice for an iteration, the last record's line. */
class ProgressPrinterTest {

    private static TrainingRecord record(long it) {
        return new TrainingRecord(it, Map.of("critic_loss", 0.5, "policy_loss", 1.25), 100);
    }

    @Test
    void evaluatedIterationsGetOneLineWithTheNewScore() {
        StringWriter sw = new StringWriter();
        // an interval this small would print every record; evaluated iterations must still print once
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(sw), "EDP-IQL", 40, 20, 1e-9, 10);
        for (long it = 10; it <= 40; it += 10) {
            p.onRecord(record(it), 40);
            if (it % 20 == 0) {
                p.onEvaluation(new Evaluation(it, 0.5, it * 2.0, 5));
            }
        }
        List<String> lines = sw.toString().lines().toList();
        assertEquals(4, lines.size(), sw::toString);
        assertTrue(lines.get(0).startsWith("  EDP-IQL     it 10/40   25%"), lines.get(0));
        assertTrue(lines.get(1).contains("it 20/40") && lines.get(1).contains("score   40.0"), lines.get(1));
        assertTrue(lines.get(2).contains("it 30/40") && lines.get(2).contains("score   40.0"), lines.get(2));
        assertTrue(lines.get(3).contains("it 40/40  100%") && lines.get(3).contains("score   80.0"), lines.get(3));
        assertTrue(lines.get(3).contains("critic_loss 0.5000  policy_loss 1.250"), lines.get(3));
    }

    @Test
    void withoutEvaluationsTheLastRecordIsPrinted() {
        StringWriter sw = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(sw), "run", 30, 0, 3600, 3);
        for (long it = 10; it <= 30; it += 10) {
            p.onRecord(record(it), 30);
        }
        List<String> lines = sw.toString().lines().toList();
        assertEquals(1, lines.size(), sw::toString);
        assertTrue(lines.get(0).contains("it 30/30  100%") && !lines.get(0).contains("score"), lines.get(0));
    }

    @Test
    void durationsAndBadSettings() {
        assertEquals("42s", ProgressPrinter.duration(41.6));
        assertEquals("3m05s", ProgressPrinter.duration(185));
        assertEquals("2h07m", ProgressPrinter.duration(2 * 3600 + 7 * 60 + 3));
        assertEquals("?", ProgressPrinter.duration(Double.POSITIVE_INFINITY));
        PrintWriter out = new PrintWriter(new StringWriter());
        assertThrows(IllegalArgumentException.class, () -> new ProgressPrinter(out, "x", 10, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ProgressPrinter(out, "x", 10, 0, 0, 1));
    }
}
