package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.SplittableRandom;

/**
 * A point mass among the wall cells of a {@link MazeLayout}, in the style of D4RL's {@code maze2d}: observation
 * {@code (x, y, vx, vy)}, action an acceleration command in {@code [-1, 1]^2}, linear damping, and per step
 * ({@code dt = 0.1}):
 * <pre>
 *   v' = v + dt (5 a - 2 v)          (top speed 2.5 cells/s, 0.25 cells per step)
 *   x' = x + dt v'                   (first along x, then along y)
 * </pre>
 * The mass is a square of half-size 0.125; a move that would enter a wall cell stops flush against the wall and
 * zeroes that velocity component. An episode starts at the layout's start cell centre plus {@code U[-0.1, 0.1]} in
 * each coordinate, moving up at the layout's {@link MazeRules#entrySpeed() entry speed} (at rest on a D4RL-style
 * layout), and is truncated after the layout's {@link MazeRules#horizon() horizon} ({@value #HORIZON} steps on a
 * D4RL-style layout, where it never terminates).
 *
 * <p>Reward, computed at the new position: sparse (the default, as D4RL's {@code maze2d-*-v1}) 1 within
 * {@value #GOAL_RADIUS} of the goal cell's centre and 0 elsewhere, so the return counts the steps spent at the goal;
 * or dense {@code exp(-distance to goal)} (D4RL's {@code -dense} variants).
 *
 * <p>Layouts may differ from D4RL in two ways (the fork does both): on a layout whose {@link
 * MazeLayout#goalEndsEpisode() goal ends the episode}, the sparse reward is antmaze-style -- reaching the goal gives
 * 1 and terminates, so the return is 1 for success and 0 otherwise; and a move whose end point lies in a pit cell
 * terminates with reward 0 under either reward.
 */
final class PointMaze implements Environment {

    static final String PREFIX = "pointmaze-";
    static final double DT = 0.1;
    static final double ACCELERATION = 5.0;
    static final double DAMPING = 2.0;
    static final double HALF_SIZE = 0.125;
    static final double GOAL_RADIUS = 0.5;
    static final double START_NOISE = 0.1;
    /** Steps after which an episode on a D4RL-style layout is truncated. */
    static final int HORIZON = 150;

    private static final ActionBounds BOUNDS = ActionBounds.symmetric(2, 1f);

    private final MazeLayout layout;
    private final boolean dense;
    private final double goalX;
    private final double goalY;
    private double x;
    private double y;
    private double vx;
    private double vy;
    private int steps;
    private boolean running;

    /**
     * @param layout the maze
     * @param dense dense {@code exp(-distance)} reward instead of the sparse goal reward
     */
    PointMaze(MazeLayout layout, boolean dense) {
        this.layout = layout;
        this.dense = dense;
        this.goalX = layout.centerX(layout.goalCell());
        this.goalY = layout.centerY(layout.goalCell());
    }

    /**
     * @param layout a layout name
     * @param dense whether the reward is dense
     * @return the task name, {@code pointmaze-<layout>} or {@code pointmaze-<layout>-dense}
     */
    static String taskName(MazeLayout layout, boolean dense) {
        return PREFIX + layout.name() + (dense ? "-dense" : "");
    }

    @Override
    public String name() {
        return taskName(layout, dense);
    }

    @Override
    public int observationDim() {
        return 4;
    }

    @Override
    public ActionBounds actionBounds() {
        return BOUNDS;
    }

    @Override
    public int maxEpisodeSteps() {
        return layout.rules().horizon();
    }

    MazeLayout layout() {
        return layout;
    }

    boolean dense() {
        return dense;
    }

    @Override
    public float[] reset(long seed) {
        return resetNear(layout.startCell(), new SplittableRandom(seed), -layout.rules().entrySpeed());
    }

    /**
     * Starts an episode at rest at a cell's centre plus the start noise (the exploration datasets' starts).
     *
     * @param cell a free cell
     * @param rng source of the noise
     * @return the first observation
     */
    float[] resetNear(int cell, SplittableRandom rng) {
        return resetNear(cell, rng, 0);
    }

    private float[] resetNear(int cell, SplittableRandom rng, double vy) {
        double px = layout.centerX(cell) + rng.nextDouble(-START_NOISE, START_NOISE);
        double py = layout.centerY(cell) + rng.nextDouble(-START_NOISE, START_NOISE);
        return resetTo(px, py, 0, vy);
    }

    /**
     * Starts an episode from a given state (for tests and dataset generation).
     *
     * @return the first observation
     * @throws IllegalArgumentException if the mass would overlap a wall
     */
    float[] resetTo(double px, double py, double pvx, double pvy) {
        if (layout.squareHitsWall(px, py, HALF_SIZE)) {
            throw new IllegalArgumentException(name() + ": start (" + px + ", " + py + ") overlaps a wall");
        }
        x = px;
        y = py;
        vx = pvx;
        vy = pvy;
        steps = 0;
        running = true;
        return observation();
    }

    @Override
    public StepResult step(float[] action) {
        EnvironmentChecks.checkStep(this, running, action);
        double ax = Math.max(-1.0, Math.min(1.0, action[0]));
        double ay = Math.max(-1.0, Math.min(1.0, action[1]));
        vx = vx + DT * (ACCELERATION * ax - DAMPING * vx);
        vy = vy + DT * (ACCELERATION * ay - DAMPING * vy);
        double nx = x + DT * vx;
        if (layout.squareHitsWall(nx, y, HALF_SIZE)) {
            nx = blockedPosition(x, nx);
            vx = 0;
        }
        double ny = y + DT * vy;
        if (layout.squareHitsWall(nx, ny, HALF_SIZE)) {
            ny = blockedPosition(y, ny);
            vy = 0;
        }
        x = nx;
        y = ny;
        steps++;
        boolean inPit = layout.isPit(layout.cellAt(x, y));
        double reward = inPit ? 0.0 : reward(x, y);
        boolean terminated = inPit || (!dense && layout.goalEndsEpisode() && reward > 0);
        boolean truncated = !terminated && steps >= layout.rules().horizon();
        running = !terminated && !truncated;
        return new StepResult(observation(), reward, terminated, truncated);
    }

    /**
     * The reward at a position.
     *
     * @param px horizontal position
     * @param py vertical position
     * @return 1 or 0 (sparse), or {@code exp(-distance)} (dense)
     */
    double reward(double px, double py) {
        double d = distanceToGoal(px, py);
        if (dense) {
            return StrictMath.exp(-d);
        }
        return d <= GOAL_RADIUS ? 1.0 : 0.0;
    }

    double distanceToGoal(double px, double py) {
        double dx = px - goalX;
        double dy = py - goalY;
        return StrictMath.sqrt(dx * dx + dy * dy);
    }

    /**
     * Where a move along one axis from {@code from} towards {@code to} stops when it runs into a wall: flush with
     * the wall's edge. Moves are shorter than one cell minus the mass's size, so the wall is the first cell the
     * leading edge enters. With the half-size a power of two the result is exact.
     */
    private static double blockedPosition(double from, double to) {
        if (to > from) {
            return Math.floor(to + HALF_SIZE) - HALF_SIZE;
        }
        if (to < from) {
            return Math.floor(to - HALF_SIZE) + 1 + HALF_SIZE;
        }
        return from;
    }

    private float[] observation() {
        return new float[] {(float) x, (float) y, (float) vx, (float) vy};
    }
}
