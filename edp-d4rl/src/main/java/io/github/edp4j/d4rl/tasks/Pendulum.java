package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.SplittableRandom;

/**
 * Gymnasium's {@code Pendulum-v1}, step for step: a rod of mass {@code m = 1} and length {@code l = 1} under
 * gravity {@code g = 10}, integrated with {@code dt = 0.05}:
 * <pre>
 *   u      = 2 a                      (policy action a in [-1, 1], torque u in [-2, 2])
 *   r      = -(normalize(th)^2 + 0.1 th_dot^2 + 0.001 u^2)      (th = 0 is upright)
 *   th_dot' = clip(th_dot + (3 g / (2 l) sin th + 3 / (m l^2) u) dt, -8, 8)
 *   th'    = th + th_dot' dt
 * </pre>
 * with {@code normalize} wrapping an angle to {@code [-pi, pi)}. The observation is
 * {@code (cos th, sin th, th_dot)}; an episode starts at {@code th ~ U[-pi, pi]}, {@code th_dot ~ U[-1, 1]} and is
 * truncated after 200 steps (never terminated). All arithmetic is double precision {@link StrictMath}.
 */
final class Pendulum implements Environment {

    static final String NAME = "pendulum";
    static final double G = 10.0;
    static final double M = 1.0;
    static final double L = 1.0;
    static final double DT = 0.05;
    static final double MAX_SPEED = 8.0;
    static final double MAX_TORQUE = 2.0;
    static final int HORIZON = 200;

    private static final ActionBounds BOUNDS = ActionBounds.symmetric(1, 1f);

    private double theta;
    private double thetaDot;
    private int steps;
    private boolean running;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int observationDim() {
        return 3;
    }

    @Override
    public ActionBounds actionBounds() {
        return BOUNDS;
    }

    @Override
    public int maxEpisodeSteps() {
        return HORIZON;
    }

    @Override
    public float[] reset(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double th = rng.nextDouble(-Math.PI, Math.PI);
        double thDot = rng.nextDouble(-1.0, 1.0);
        return resetTo(th, thDot);
    }

    /**
     * Starts an episode from a given state (for tests and hand-computed checks).
     *
     * @param th angle, 0 upright
     * @param thDot angular velocity
     * @return the first observation
     */
    float[] resetTo(double th, double thDot) {
        theta = th;
        thetaDot = thDot;
        steps = 0;
        running = true;
        return observation();
    }

    @Override
    public StepResult step(float[] action) {
        EnvironmentChecks.checkStep(this, running, action);
        double u = MAX_TORQUE * Math.max(-1.0, Math.min(1.0, action[0]));
        double th = normalizeAngle(theta);
        double cost = th * th + 0.1 * thetaDot * thetaDot + 0.001 * u * u;
        double newThetaDot = thetaDot + (3 * G / (2 * L) * StrictMath.sin(theta) + 3.0 / (M * L * L) * u) * DT;
        newThetaDot = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, newThetaDot));
        theta = theta + newThetaDot * DT;
        thetaDot = newThetaDot;
        steps++;
        boolean truncated = steps >= HORIZON;
        running = !truncated;
        return new StepResult(observation(), -cost, false, truncated);
    }

    /** @return the current angle (not wrapped), for tests */
    double theta() {
        return theta;
    }

    /** @return the current angular velocity, for tests */
    double thetaDot() {
        return thetaDot;
    }

    /**
     * Wraps an angle to {@code [-pi, pi)} like gym's {@code angle_normalize}.
     *
     * @param x angle in radians
     * @return the wrapped angle
     */
    static double normalizeAngle(double x) {
        double twoPi = 2 * Math.PI;
        double y = (x + Math.PI) % twoPi;
        if (y < 0) {
            y += twoPi;
        }
        double r = y - Math.PI;
        return r >= Math.PI ? r - twoPi : r;
    }

    private float[] observation() {
        return new float[] {(float) StrictMath.cos(theta), (float) StrictMath.sin(theta), (float) thetaDot};
    }
}
