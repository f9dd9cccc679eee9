package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.SplittableRandom;

/**
 * A one-step, four-mode continuous bandit in the spirit of the 2-D toy task of Diffusion-QL (Wang, Hunt, Zhou 2023,
 * arXiv 2208.06193, Sec. 4): the action {@code a} is a point of {@code [-1, 1]^2} and the reward is
 * <pre>
 *   r(a) = exp(-max(0, d(a) - 0.1)^2 / (2 * 0.2^2)),   d(a) = distance from a to the nearest of (+-0.7, +-0.7)
 * </pre>
 * so 1 on a disc of radius 0.1 around each of the four modes, falling to about 0 between them. The centre, which a
 * unimodal policy fitted to all four modes lands on, is worth {@code exp(-7.9)}. The observation is two uniform
 * numbers in {@code [-1, 1]} drawn at reset that carry no information; every episode is one step and ends with a
 * terminal (no bootstrapping). The next observation repeats the observation.
 */
final class Bandit implements Environment {

    static final String NAME = "bandit";
    static final double MODE = 0.7;
    static final double PLATEAU = 0.1;
    static final double WIDTH = 0.2;

    private static final ActionBounds BOUNDS = ActionBounds.symmetric(2, 1f);

    private float[] observation;
    private boolean running;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int observationDim() {
        return 2;
    }

    @Override
    public ActionBounds actionBounds() {
        return BOUNDS;
    }

    @Override
    public int maxEpisodeSteps() {
        return 1;
    }

    @Override
    public float[] reset(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        observation = new float[] {(float) rng.nextDouble(-1.0, 1.0), (float) rng.nextDouble(-1.0, 1.0)};
        running = true;
        return observation.clone();
    }

    @Override
    public StepResult step(float[] action) {
        EnvironmentChecks.checkStep(this, running, action);
        running = false;
        double ax = Math.max(-1.0, Math.min(1.0, action[0]));
        double ay = Math.max(-1.0, Math.min(1.0, action[1]));
        return new StepResult(observation.clone(), reward(ax, ay), true, false);
    }

    /**
     * @param ax first action component, in [-1, 1]
     * @param ay second action component, in [-1, 1]
     * @return the reward of that action
     */
    static double reward(double ax, double ay) {
        double dx = Math.abs(ax) - MODE;
        double dy = Math.abs(ay) - MODE;
        double d = StrictMath.sqrt(dx * dx + dy * dy);
        double excess = Math.max(0.0, d - PLATEAU);
        return StrictMath.exp(-excess * excess / (2 * WIDTH * WIDTH));
    }
}
