package io.github.edp4j.d4rl.tasks;

/**
 * The episode rules of a {@link MazeLayout}: how an episode starts and how it ends, beside the geometry.
 *
 * @param goalEndsEpisode whether reaching the goal ends the episode under the sparse reward (antmaze-style, return
 *        1 for success and 0 otherwise); D4RL's {@code maze2d} never ends early
 * @param entrySpeed the speed, in cells per second, at which the mass starts moving up (towards row 0), in {@code
 *        [0, 2.5]} (2.5 is the top speed); D4RL's {@code maze2d} starts at rest
 * @param horizon the number of steps after which an episode is truncated, positive
 */
record MazeRules(boolean goalEndsEpisode, double entrySpeed, int horizon) {

    /** D4RL's {@code maze2d}: start at rest, never end early, truncate after 150 steps. */
    static final MazeRules D4RL_STYLE = new MazeRules(false, 0.0, PointMaze.HORIZON);

    MazeRules {
        if (!(entrySpeed >= 0 && entrySpeed <= PointMaze.ACCELERATION / PointMaze.DAMPING)) {
            throw new IllegalArgumentException("entrySpeed = " + entrySpeed + " is invalid: allowed [0, "
                    + PointMaze.ACCELERATION / PointMaze.DAMPING + "] cells/s");
        }
        if (horizon <= 0) {
            throw new IllegalArgumentException("horizon = " + horizon + " is invalid: allowed >= 1 steps");
        }
    }
}
