package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random flag patterns: the selection is D4RL's loop, and episode boundaries survive it. */
class QLearningTransitionsProperties {

    /** D4RL's qlearning_dataset loop (terminate_on_end=False, timeouts present), transliterated. */
    private static List<int[]> d4rlLoop(boolean[] terminals, boolean[] timeouts) {
        List<int[]> kept = new ArrayList<>(); // {row, done}
        int episodeStep = 0;
        for (int i = 0; i < terminals.length - 1; i++) {
            boolean doneBool = terminals[i];
            boolean finalTimestep = timeouts[i];
            if (finalTimestep) {
                episodeStep = 0;
                continue;
            }
            if (doneBool || finalTimestep) {
                episodeStep = 0;
            }
            kept.add(new int[] {i, doneBool ? 1 : 0});
            episodeStep++;
        }
        return kept;
    }

    private static boolean[][] decode(List<Integer> codes) {
        boolean[] term = new boolean[codes.size()];
        boolean[] tout = new boolean[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            term[i] = (codes.get(i) & 1) != 0;
            tout[i] = (codes.get(i) & 2) != 0;
        }
        return new boolean[][] {term, tout};
    }

    @Property(tries = 400, seed = "20261204")
    void selectionIsD4rlsLoop(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 7) Integer> codes) {
        boolean[][] f = decode(codes);
        QLearningTransitions q = QLearningTransitions.select(f[0], f[1], false);
        List<int[]> expected = d4rlLoop(f[0], f[1]);
        assertEquals(expected.size(), q.size());
        for (int k = 0; k < q.size(); k++) {
            assertEquals(expected.get(k)[0], q.rows()[k]);
            assertEquals(expected.get(k)[1] == 1, q.terminals()[k]);
        }
    }

    @Property(tries = 400, seed = "20261204")
    void episodeEndsExactlyWhereTheNextStateDoesNotContinue(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 7) Integer> codes) {
        boolean[][] f = decode(codes);
        QLearningTransitions q = QLearningTransitions.select(f[0], f[1], false);
        int[] rows = q.rows();
        for (int k = 0; k < q.size(); k++) {
            boolean end = q.terminals()[k] || q.timeouts()[k];
            boolean continues = k + 1 < q.size() && rows[k + 1] == rows[k] + 1 && !q.terminals()[k];
            assertEquals(!continues, end, "transition " + k + " (row " + rows[k] + ")");
            assertFalse(q.terminals()[k] && q.timeouts()[k], "a transition is terminal or truncated, not both");
        }
    }

    @Property(tries = 100, seed = "20261204")
    void withNextObservationsNothingIsDropped(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 3) Integer> codes) {
        boolean[][] f = decode(codes);
        QLearningTransitions q = QLearningTransitions.select(f[0], f[1], true);
        assertEquals(codes.size(), q.size());
        assertArrayEquals(f[0], q.terminals());
        assertArrayEquals(f[1], q.timeouts());
    }
}
