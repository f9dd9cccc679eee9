package io.github.edp4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LearningCurveTest {

    @Test
    void seriesKeepTheirOrderAndPointsAreSortedByIteration() {
        LearningCurve c = LearningCurve.builder("run")
                .add("policy loss", 200, 0.5)
                .add("normalized score", 100, 10)
                .add("policy loss", 0, 2.0)
                .add("policy loss", 100, 1.0)
                .build();
        assertEquals("run", c.name());
        assertEquals(List.of("policy loss", "normalized score"), c.seriesNames());
        assertArrayEquals(new long[] {0, 100, 200}, c.iterations("policy loss"));
        assertArrayEquals(new double[] {2.0, 1.0, 0.5}, c.values("policy loss"));
        assertEquals(1, c.size("normalized score"));
        assertTrue(c.hasSeries("normalized score"));
        assertFalse(c.hasSeries("critic loss"));
    }

    @Test
    void accessorsReturnCopies() {
        LearningCurve c = LearningCurve.builder("run").add("loss", 1, 3.0).build();
        c.values("loss")[0] = 99;
        c.iterations("loss")[0] = 99;
        assertEquals(3.0, c.values("loss")[0]);
        assertEquals(1, c.iterations("loss")[0]);
    }

    @Test
    void badPointsAreRejectedWithTheirPlace() {
        LearningCurve.Builder b = LearningCurve.builder("run").add("loss", 5, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add("loss", 5, 2.0));
        assertTrue(e.getMessage().contains("two values at iteration 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.add("loss", 6, Double.NaN));
        assertTrue(e.getMessage().contains("'loss'") && e.getMessage().contains("iteration 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.add("loss", -1, 1.0));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.add(" ", 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> LearningCurve.builder(""));
        e = assertThrows(IllegalArgumentException.class, () -> b.build().values("score"));
        assertTrue(e.getMessage().contains("'score'") && e.getMessage().contains("[loss]"), e.getMessage());
    }
}
