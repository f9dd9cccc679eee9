package io.github.edp4j.d4rl.tasks;

/**
 * The two reference returns of a built-in task that define its normalized score, as D4RL's
 * {@code ref_min_score} and {@code ref_max_score} (Fu et al. 2020): {@code min} is the mean return of the uniform
 * random policy and {@code max} the mean return of the task's scripted expert, each over the same seeded episodes.
 *
 * @param min mean return of the uniform random policy (normalized score 0)
 * @param max mean return of the scripted expert (normalized score 100), greater than {@code min}
 * @param episodes number of seeded episodes each mean was taken over; 1 for the MuJoCo locomotion tasks, whose
 *     references are D4RL's published ones ({@link io.github.edp4j.d4rl.D4rlScores})
 */
public record ReferenceScores(double min, double max, int episodes) {

    /**
     * @throws IllegalArgumentException if a value is not finite, {@code max <= min} or {@code episodes < 1}
     */
    public ReferenceScores {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException(
                    "reference scores: need finite min < max, got min=" + min + ", max=" + max);
        }
        if (episodes < 1) {
            throw new IllegalArgumentException("reference scores: episodes must be >= 1, got " + episodes);
        }
    }

    /**
     * The normalized score {@code 100 (R - min) / (max - min)}: 0 for the random policy, 100 for the expert; it may
     * fall outside [0, 100].
     *
     * @param episodeReturn an undiscounted episode return (or a mean of them)
     * @return the normalized score
     */
    public double normalize(double episodeReturn) {
        return 100.0 * (episodeReturn - min) / (max - min);
    }
}
