package io.github.edp4j.core.data;

import java.util.SplittableRandom;

/**
 * A 2-D multimodal behaviour-cloning toy: for a state {@code s} in {@code [-1, 1]} the behaviour policy picks
 * one of four modes uniformly, centred at radius 0.6 on the diagonals rotated by {@code s * pi/4}, and adds
 * Gaussian noise of standard deviation {@link #NOISE} per dimension. A policy that keeps all four modes puts its
 * actions near a centre with shares of about 25% each; a unimodal policy averages them into the middle.
 */
public final class FourModeToy {

    /** Number of modes. */
    public static final int MODES = 4;
    /** Distance of the mode centres from the origin. */
    public static final double RADIUS = 0.6;
    /** Per-dimension standard deviation of the actions around a centre. */
    public static final double NOISE = 0.03;

    private FourModeToy() {}

    /**
     * @param state the state in {@code [-1, 1]}
     * @return the four mode centres, {@code [mode][x or y]}
     */
    public static double[][] centres(double state) {
        double[][] c = new double[MODES][2];
        for (int i = 0; i < MODES; i++) {
            double angle = Math.PI / 4 + i * Math.PI / 2 + state * Math.PI / 4;
            c[i][0] = RADIUS * Math.cos(angle);
            c[i][1] = RADIUS * Math.sin(angle);
        }
        return c;
    }

    /**
     * Draws a dataset of one-step transitions (rewards 0, next state = state, never terminal).
     *
     * @param size number of transitions
     * @param seed generator seed
     * @return the dataset, named {@code four-mode-toy}
     */
    public static OfflineDataset dataset(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] obs = new float[size];
        float[] act = new float[2 * size];
        for (int i = 0; i < size; i++) {
            double s = rng.nextDouble(-1, 1);
            double[] c = centres(s)[rng.nextInt(MODES)];
            obs[i] = (float) s;
            act[2 * i] = (float) (c[0] + NOISE * gaussian(rng));
            act[2 * i + 1] = (float) (c[1] + NOISE * gaussian(rng));
        }
        return OfflineDataset.builder().name("four-mode-toy").observations(obs, 1).actions(act, 2)
                .rewards(new float[size]).nextObservations(obs, 1).build();
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * How well actions cover the modes.
     *
     * @param states states, one per action
     * @param actions row-major 2-D actions
     * @param radius distance within which an action counts as at its nearest mode
     * @return the fraction within {@code radius} of a mode and each mode's share of all actions (by nearest
     *     centre)
     */
    public static ModeStatistics statistics(float[] states, float[] actions, double radius) {
        int n = states.length;
        if (actions.length != 2 * n) {
            throw new IllegalArgumentException("actions must hold 2 values per state: " + actions.length + " for "
                    + n + " states");
        }
        int near = 0;
        double[] shares = new double[MODES];
        for (int i = 0; i < n; i++) {
            double[][] c = centres(states[i]);
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int m = 0; m < MODES; m++) {
                double d = Math.hypot(actions[2 * i] - c[m][0], actions[2 * i + 1] - c[m][1]);
                if (d < bestD) {
                    bestD = d;
                    best = m;
                }
            }
            shares[best] += 1.0 / n;
            if (bestD <= radius) {
                near++;
            }
        }
        return new ModeStatistics((double) near / n, shares);
    }

    /**
     * @param nearFraction fraction of actions within the radius of a mode centre
     * @param shares each mode's share of the actions
     */
    public record ModeStatistics(double nearFraction, double[] shares) {

        /** @return a one-line summary */
        public String summary() {
            StringBuilder sb = new StringBuilder(String.format("%.1f%% within radius; mode shares", 100 * nearFraction));
            for (double s : shares) {
                sb.append(String.format(" %.1f%%", 100 * s));
            }
            return sb.toString();
        }
    }
}
