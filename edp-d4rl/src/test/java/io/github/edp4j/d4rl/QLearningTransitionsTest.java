package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made episodes: exact q-learning transition counts and the terminal/timeout edge cases. */
class QLearningTransitionsTest {

    @TempDir
    Path tmp;

    private static boolean[] at(int n, int... rows) {
        boolean[] b = new boolean[n];
        for (int r : rows) {
            b[r] = true;
        }
        return b;
    }

    private static QLearningTransitions select(int n, int[] terminals, int[] timeouts) {
        return QLearningTransitions.select(at(n, terminals), at(n, timeouts), false);
    }

    @Test
    void noFlagsDropsOnlyTheLastRow() {
        QLearningTransitions q = select(6, new int[0], new int[0]);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, q.rows());
        assertArrayEquals(at(5), q.terminals());
        assertArrayEquals(at(5, 4), q.timeouts(), "the data ends after row 4's transition");
    }

    @Test
    void terminalRowIsKeptWithDoneAndATimeoutRowIsDropped() {
        // episode 0..2 ends at a terminal, episode 3..5 at a timeout (the last row)
        QLearningTransitions q = select(6, new int[] {2}, new int[] {5});
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, q.rows());
        assertArrayEquals(at(5, 2), q.terminals());
        assertArrayEquals(at(5, 4), q.timeouts());
    }

    @Test
    void timeoutInTheMiddleDropsItsRowAndMarksThePreviousOne() {
        QLearningTransitions q = select(6, new int[0], new int[] {2});
        assertArrayEquals(new int[] {0, 1, 3, 4}, q.rows());
        assertArrayEquals(at(4), q.terminals());
        assertArrayEquals(at(4, 1, 3), q.timeouts());
    }

    @Test
    void terminalAndTimeoutOnOneRowIsDroppedLikeD4rl() {
        QLearningTransitions q = select(6, new int[] {2}, new int[] {2});
        assertArrayEquals(new int[] {0, 1, 3, 4}, q.rows());
        assertArrayEquals(at(4), q.terminals(), "the terminal transition is dropped with its row");
        assertArrayEquals(at(4, 1, 3), q.timeouts());
    }

    @Test
    void terminalJustBeforeATimeoutStaysTerminalOnly() {
        // Adroit style: demo ends at a terminal (row 2), a one-row demo is cut by the step limit (row 3)
        QLearningTransitions q = select(6, new int[] {2}, new int[] {3});
        assertArrayEquals(new int[] {0, 1, 2, 4}, q.rows());
        assertArrayEquals(at(4, 2), q.terminals());
        assertArrayEquals(at(4, 3), q.timeouts());
    }

    @Test
    void timeoutOnTheFirstRowAndConsecutiveTimeouts() {
        QLearningTransitions q = select(7, new int[0], new int[] {0, 2, 3});
        assertArrayEquals(new int[] {1, 4, 5}, q.rows());
        assertArrayEquals(at(3, 0, 2), q.timeouts());
    }

    @Test
    void terminalOnTheLastRowIsDroppedWithIt() {
        QLearningTransitions q = select(4, new int[] {3}, new int[0]);
        assertArrayEquals(new int[] {0, 1, 2}, q.rows());
        assertArrayEquals(at(3), q.terminals());
        assertArrayEquals(at(3, 2), q.timeouts());
    }

    @Test
    void everyRowATimeoutLeavesNothing() {
        assertEquals(0, select(3, new int[0], new int[] {0, 1, 2}).size());
        assertEquals(0, select(1, new int[0], new int[0]).size());
    }

    @Test
    void withNextObservationsEveryRowIsATransitionWithItsFlags() {
        QLearningTransitions q = QLearningTransitions.select(at(5, 1), at(5, 1, 4), true);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, q.rows());
        assertTrue(q.isIdentity());
        assertArrayEquals(at(5, 1), q.terminals());
        assertArrayEquals(at(5, 1, 4), q.timeouts());
    }

    @Test
    void gatherShiftsRowsForTheNextObservation() {
        QLearningTransitions q = select(4, new int[0], new int[] {1});
        float[] flat = {0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f};
        assertArrayEquals(new float[] {0, 0.5f, 2, 2.5f}, q.gather(flat, 2, 0));
        assertArrayEquals(new float[] {1, 1.5f, 3, 3.5f}, q.gather(flat, 2, 1));
    }

    @Test
    void loadedFileWithoutNextObservationsHasExactTransitions() {
        // 10 rows: episode 0..3 terminal, 4..6 timeout, 7..9 runs off the end of the file
        int n = 10;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("observations", Fixtures.matrix(n, 2, 0));
        a.put("actions", Fixtures.matrix(n, 1, 100));
        a.put("rewards", Fixtures.rowRewards(n));
        a.put("terminals", Fixtures.flags(n, 3));
        a.put("timeouts", Fixtures.flags(n, 6));
        D4rlDataset d = D4rl.load(Fixtures.writeRaw(tmp.resolve("hand-made.hdf5"), a, true));
        OfflineDataset ds = d.dataset();
        assertEquals(10, d.rawRows());
        assertEquals(8, ds.size(), "rows 6 (timeout) and 9 (last) are dropped");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 7, 8}, d.sourceRows());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 7, 8}, ds.rewards());
        assertArrayEquals(at(8, 3), ds.terminals());
        assertArrayEquals(at(8, 5, 7), ds.timeouts());
        assertArrayEquals(new float[] {5, 5.01f}, ds.observation(5));
        assertArrayEquals(new float[] {6, 6.01f}, java.util.Arrays.copyOfRange(ds.nextObservations(), 10, 12),
                "row 5's next state is row 6, the timeout row's observation");
        assertArrayEquals(new float[] {107}, ds.action(6));
        assertEquals(new EpisodeStatistics(3, 15.0, 6.0, 24.0), d.rawEpisodes());
        assertFalse(d.hasNextObservations());
    }

    @Test
    void missingTimeoutsKeyMeansEpisodesEndOnlyAtTerminals() {
        int n = 5;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("observations", Fixtures.matrix(n, 2, 0));
        a.put("actions", Fixtures.matrix(n, 1, 0));
        a.put("rewards", Fixtures.rowRewards(n));
        a.put("terminals", Fixtures.flags(n, 1));
        D4rlDataset d = D4rl.load(Fixtures.writeRaw(tmp.resolve("old-style.hdf5"), a, false));
        assertEquals(4, d.dataset().size());
        assertArrayEquals(at(4, 1), d.dataset().terminals());
        assertArrayEquals(at(4, 3), d.dataset().timeouts());
        assertEquals(2, d.rawEpisodes().episodes());
    }

    @Test
    void oneDimensionalObservationsAndIntegerFlags() {
        int n = 4;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("observations", new double[] {0.5, 1.5, 2.5, 3.5});
        a.put("actions", new float[] {1, 2, 3, 4});
        a.put("rewards", new int[] {1, 2, 3, 4});
        a.put("terminals", new int[] {0, 7, 0, 0});
        a.put("timeouts", new long[] {0, 0, 0, 1});
        D4rlDataset d = D4rl.load(Fixtures.writeRaw(tmp.resolve("scalars.hdf5"), a, false));
        assertEquals(1, d.dataset().observationDim());
        assertEquals(1, d.dataset().actionDim());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f}, d.dataset().observations());
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, d.dataset().nextObservations());
        assertArrayEquals(new float[] {1, 2, 3}, d.dataset().rewards());
        assertArrayEquals(at(3, 1), d.dataset().terminals());
        assertArrayEquals(at(3, 2), d.dataset().timeouts());
    }
}
