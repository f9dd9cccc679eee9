package io.github.edp4j.d4rl.tasks;

import java.util.SplittableRandom;

/**
 * The scripted pendulum controllers: energy-based swing-up with a linear-quadratic balancer near the top, and
 * degraded, noisy versions of it.
 *
 * <p>With {@code th = 0} upright the rod's energy is {@code E = th_dot^2 / 6 + 5 cos th} (inertia {@code m l^2 / 3},
 * centre of mass at {@code l / 2}), {@code E = 5} at rest on top, and {@code dE/dt = u th_dot}. Away from the top the
 * controller pumps energy with {@code u = k (5 - E) th_dot}, saturated at the torque limit; within
 * {@value #BALANCE_ANGLE} rad of the top and below {@value #BALANCE_SPEED} rad/s it balances with
 * {@code u = -(K1 th + K2 th_dot)}, the discrete-time LQR gain of the linearised dynamics for the task's own cost
 * ({@code Q = diag(1, 0.1)}, {@code R = 0.001}). The expert uses the full torque and gain and scores about -146 per
 * episode, close to the best known for {@code Pendulum-v1}.
 *
 * <p>The medium controller halves the swing-up torque and the balancing gain, adds Gaussian action noise and takes a
 * uniformly random action with some probability: a functional but clearly sub-optimal behaviour policy whose
 * noise-free part is much better than its data, as with D4RL's medium policies.
 */
final class PendulumController implements Controller {

    static final double ENERGY_GAIN = 5.0;
    static final double LQR_K1 = 19.693;
    static final double LQR_K2 = 5.2625;
    static final double BALANCE_ANGLE = 0.8;
    static final double BALANCE_SPEED = 3.0;

    private final double torqueLimit;
    private final double gainScale;
    private final double noiseStd;
    private final double randomProbability;

    /**
     * @param torqueLimit largest torque the controller uses, at most 2
     * @param gainScale factor on the balancing gain
     * @param noiseStd standard deviation of Gaussian noise added to the action (action units, [-1, 1])
     * @param randomProbability probability of a uniformly random action instead
     */
    PendulumController(double torqueLimit, double gainScale, double noiseStd, double randomProbability) {
        this.torqueLimit = torqueLimit;
        this.gainScale = gainScale;
        this.noiseStd = noiseStd;
        this.randomProbability = randomProbability;
    }

    /** @return the scripted expert, deterministic */
    static PendulumController expert() {
        return new PendulumController(Pendulum.MAX_TORQUE, 1.0, 0.0, 0.0);
    }

    /** @return the medium behaviour policy (normalized score about 40) */
    static PendulumController medium() {
        return new PendulumController(1.0, 0.5, 0.6, 0.4);
    }

    @Override
    public float[] act(float[] observation, SplittableRandom rng) {
        if (randomProbability > 0 && rng.nextDouble() < randomProbability) {
            return new float[] {(float) rng.nextDouble(-1.0, 1.0)};
        }
        double th = StrictMath.atan2(observation[1], observation[0]);
        double thDot = observation[2];
        double a = torque(th, thDot) / Pendulum.MAX_TORQUE;
        if (noiseStd > 0) {
            a += noiseStd * Randomness.gaussian(rng);
        }
        return new float[] {(float) Math.max(-1.0, Math.min(1.0, a))};
    }

    /**
     * The noise-free control law.
     *
     * @param th angle in [-pi, pi], 0 upright
     * @param thDot angular velocity
     * @return the torque, within the torque limit
     */
    double torque(double th, double thDot) {
        double u;
        if (Math.abs(th) < BALANCE_ANGLE && Math.abs(thDot) < BALANCE_SPEED) {
            u = -gainScale * (LQR_K1 * th + LQR_K2 * thDot);
        } else {
            double energy = thDot * thDot / 6.0 + 5.0 * StrictMath.cos(th);
            u = ENERGY_GAIN * (5.0 - energy) * thDot;
        }
        return Math.max(-torqueLimit, Math.min(torqueLimit, u));
    }
}
