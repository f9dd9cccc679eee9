package io.github.edp4j.examples.cli;

/**
 * The two reference returns of D4RL's normalized score {@code 100 (R - min) / (max - min)} that apply to a
 * dataset, and where they come from.
 *
 * @param min the return that scores 0 (a random policy)
 * @param max the return that scores 100 (an expert)
 * @param source where the references come from, for a person, such as {@code "built-in task pendulum"} or
 *     {@code "D4RL hopper"}
 */
public record ScoreReference(double min, double max, String source) {

    /**
     * @throws IllegalArgumentException if the references are not finite with {@code min < max}
     */
    public ScoreReference {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("score reference: need finite min < max, got min=" + min
                    + ", max=" + max);
        }
    }

    /**
     * @param undiscountedReturn an episode return, or a mean of them
     * @return the normalized score: 0 at {@link #min()}, 100 at {@link #max()}
     */
    public double normalize(double undiscountedReturn) {
        return 100.0 * (undiscountedReturn - min) / (max - min);
    }
}
