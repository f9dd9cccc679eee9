package io.github.edp4j.d4rl;

import java.util.Arrays;

/**
 * Which rows of a D4RL file become q-learning transitions, and their flags, following D4RL's
 * {@code qlearning_dataset} (d4rl/__init__.py, {@code terminate_on_end=False}).
 *
 * <p>Without {@code next_observations} the next state of row {@code i} is row {@code i + 1}. D4RL then loops
 * over rows {@code 0 .. N-2} and skips every row whose {@code timeouts} flag is set (its following row belongs
 * to the next episode, so it has no true next state); the last row has no following row and is dropped too.
 * {@code done = terminals[i]}. A kept row whose following row is dropped (a timeout row, or the last row) is
 * the last transition of its episode: it gets the timeout flag unless it is terminal, so episode boundaries
 * survive.
 *
 * <p>With {@code next_observations} every row has its true next state, so every row is a transition, with
 * the file's terminal and timeout flags unchanged.
 */
final class QLearningTransitions {

    private final int rawRows;
    private final int[] rows;
    private final boolean[] terminals;
    private final boolean[] timeouts;

    private QLearningTransitions(int rawRows, int[] rows, boolean[] terminals, boolean[] timeouts) {
        this.rawRows = rawRows;
        this.rows = rows;
        this.terminals = terminals;
        this.timeouts = timeouts;
    }

    /**
     * @param terminals the file's terminal flags, one per row
     * @param timeouts the file's timeout flags, one per row
     * @param hasNextObservations whether the file stores {@code next_observations}
     * @return the selected transitions
     */
    static QLearningTransitions select(boolean[] terminals, boolean[] timeouts, boolean hasNextObservations) {
        int n = terminals.length;
        if (timeouts.length != n) {
            throw new IllegalArgumentException("terminals has " + n + " rows but timeouts has " + timeouts.length);
        }
        if (hasNextObservations) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return new QLearningTransitions(n, all, terminals.clone(), timeouts.clone());
        }
        int count = 0;
        for (int i = 0; i < n - 1; i++) {
            if (!timeouts[i]) {
                count++;
            }
        }
        int[] rows = new int[count];
        boolean[] done = new boolean[count];
        boolean[] cut = new boolean[count];
        int k = 0;
        for (int i = 0; i < n - 1; i++) {
            if (timeouts[i]) {
                continue;
            }
            rows[k] = i;
            done[k] = terminals[i];
            cut[k] = !terminals[i] && (i + 1 == n - 1 || timeouts[i + 1]);
            k++;
        }
        return new QLearningTransitions(n, rows, done, cut);
    }

    /** @return the number of transitions */
    int size() {
        return rows.length;
    }

    /** @return the number of rows in the file */
    int rawRows() {
        return rawRows;
    }

    /** @return whether every row is a transition, in order */
    boolean isIdentity() {
        return rows.length == rawRows;
    }

    /** @return the file row of each transition (shared, do not modify) */
    int[] rows() {
        return rows;
    }

    /** @return done flags of the transitions (shared, do not modify) */
    boolean[] terminals() {
        return terminals;
    }

    /** @return timeout flags of the transitions (shared, do not modify) */
    boolean[] timeouts() {
        return timeouts;
    }

    /**
     * Gathers the selected rows, shifted by {@code offset} rows, from a row-major array of the file.
     *
     * @param flat row-major values of all file rows
     * @param dim values per row
     * @param offset 0 for the row itself, 1 for the following row (the next observation)
     * @return the gathered rows; {@code flat} itself when every row is selected and {@code offset} is 0
     */
    float[] gather(float[] flat, int dim, int offset) {
        if (offset == 0 && isIdentity()) {
            return flat;
        }
        float[] out = new float[rows.length * dim];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(flat, (rows[k] + offset) * dim, out, k * dim, dim);
        }
        return out;
    }
}
