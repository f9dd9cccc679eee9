package io.github.edp4j.d4rl;

/**
 * The two returns that define a dataset's normalized score on D4RL's scale, {@code 100 (R - min) / (max - min)}:
 * 0 at {@code min} (a random policy), 100 at {@code max} (an expert). Minari stores them as {@code ref_min_score} and
 * {@code ref_max_score} (its own normalized score is the same ratio without the factor 100).
 *
 * @param min the return that scores 0
 * @param max the return that scores 100, greater than {@code min}
 * @param source where they come from, for a person, such as {@code "D4RL hopper"} or {@code "Minari metadata"}
 */
public record ReferenceReturns(double min, double max, String source) {

    /**
     * @throws IllegalArgumentException unless both are finite with {@code min < max}
     */
    public ReferenceReturns {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("reference returns: need finite min < max, got min=" + min + ", max="
                    + max);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("reference returns: source must not be blank");
        }
    }

    /**
     * @param undiscountedReturn an episode return, or a mean of them
     * @return the normalized score
     */
    public double normalize(double undiscountedReturn) {
        return 100.0 * (undiscountedReturn - min) / (max - min);
    }
}
