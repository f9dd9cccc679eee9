package io.github.edp4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The driver's progress line and its estimate of the time left. */
class SweepProgressTest {

    @Test
    void etaIsTheRemainingRunsAtThePaceSoFar() {
        // 12 runs, 2 complete before, 3 done and 1 failed in 120 s: 6 remaining at 30 s per finished run
        SweepProgress p = new SweepProgress(12, 2, 3, 1, 2, 120);
        assertEquals(6, p.remaining());
        assertEquals(180, p.etaSeconds(), 1e-9);
        assertEquals("sweep: 5/12 done (2 complete before), 2 running, 1 failed, 4 waiting; 2m00s elapsed, ETA 3m00s",
                p.line());
    }

    @Test
    void beforeTheFirstRunFinishesTheEtaIsUnknownAndAtTheEndZero() {
        SweepProgress start = new SweepProgress(8, 0, 0, 0, 2, 15);
        assertTrue(Double.isNaN(start.etaSeconds()));
        assertEquals("sweep: 0/8 done, 2 running, 0 failed, 6 waiting; 15s elapsed, ETA unknown", start.line());
        SweepProgress end = new SweepProgress(8, 0, 7, 1, 0, 300);
        assertEquals(0, end.etaSeconds());
        assertTrue(end.line().endsWith("0 waiting; 5m00s elapsed, ETA 0s"), end.line());
    }
}
