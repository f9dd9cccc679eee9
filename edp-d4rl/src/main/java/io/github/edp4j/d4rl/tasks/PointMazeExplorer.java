package io.github.edp4j.d4rl.tasks;

import java.util.SplittableRandom;

/**
 * The behaviour policy of the {@code -noisy} point-maze datasets, as D4RL generated {@code maze2d}: it steers with a
 * {@link MazeNavigator} to a uniformly drawn free cell, draws a new one when it comes within
 * {@value #REACHED} of the cell's centre, and adds Gaussian noise to every action. The goal cell is just one of the
 * cells it may draw, so a policy that reaches the goal quickly has to be stitched from pieces of its wandering.
 */
final class PointMazeExplorer implements Controller {

    static final double REACHED = 0.5;

    private final MazeLayout layout;
    private final int[] free;
    private final MazeNavigator[] navigators;
    private final double noiseStd;
    private MazeNavigator current;

    /**
     * @param layout the maze
     * @param noiseStd standard deviation of the Gaussian action noise
     */
    PointMazeExplorer(MazeLayout layout, double noiseStd) {
        this.layout = layout;
        this.free = layout.freeCells();
        this.navigators = new MazeNavigator[layout.rows() * layout.cols()];
        for (int cell : free) {
            navigators[cell] = new MazeNavigator(layout, cell);
        }
        this.noiseStd = noiseStd;
    }

    @Override
    public void reset(SplittableRandom rng) {
        current = navigators[free[rng.nextInt(free.length)]];
    }

    @Override
    public float[] act(float[] observation, SplittableRandom rng) {
        double x = observation[0];
        double y = observation[1];
        int t = current.target();
        double dx = x - layout.centerX(t);
        double dy = y - layout.centerY(t);
        if (dx * dx + dy * dy < REACHED * REACHED) {
            int next = free[rng.nextInt(free.length - 1)];
            if (next == t) {
                next = free[free.length - 1];
            }
            current = navigators[next];
        }
        double[] a = current.steer(x, y, observation[2], observation[3]);
        float[] out = new float[2];
        for (int i = 0; i < 2; i++) {
            double v = a[i] + noiseStd * Randomness.gaussian(rng);
            out[i] = (float) Math.max(-1.0, Math.min(1.0, v));
        }
        return out;
    }
}
