package io.github.edp4j.d4rl.tasks;

import java.util.SplittableRandom;

/**
 * Scripted {@link Bandit} policies. The expert draws one of the four modes per episode and plays it exactly (reward
 * 1). The data policy of {@code bandit-mixed} plays, per episode, a good mode with Gaussian spread
 * {@value #GOOD_SPREAD} (probability 1/2), the mode-averaging centre with spread {@value #CENTRE_SPREAD}
 * (probability 1/4) or a uniform action (probability 1/4).
 */
final class BanditController implements Controller {

    static final double GOOD_SPREAD = 0.1;
    static final double CENTRE_SPREAD = 0.15;

    private final boolean mixed;

    private BanditController(boolean mixed) {
        this.mixed = mixed;
    }

    /** @return the expert: one exact mode per episode */
    static BanditController expert() {
        return new BanditController(false);
    }

    /** @return the behaviour policy of {@code bandit-mixed} */
    static BanditController mixed() {
        return new BanditController(true);
    }

    @Override
    public float[] act(float[] observation, SplittableRandom rng) {
        if (!mixed) {
            return mode(rng);
        }
        double u = rng.nextDouble();
        if (u < 0.5) {
            float[] m = mode(rng);
            return new float[] {noisy(m[0], GOOD_SPREAD, rng), noisy(m[1], GOOD_SPREAD, rng)};
        }
        if (u < 0.75) {
            return new float[] {noisy(0, CENTRE_SPREAD, rng), noisy(0, CENTRE_SPREAD, rng)};
        }
        return new float[] {(float) rng.nextDouble(-1.0, 1.0), (float) rng.nextDouble(-1.0, 1.0)};
    }

    private static float[] mode(SplittableRandom rng) {
        int k = rng.nextInt(4);
        return new float[] {(float) ((k & 1) == 0 ? Bandit.MODE : -Bandit.MODE),
            (float) ((k & 2) == 0 ? Bandit.MODE : -Bandit.MODE)};
    }

    private static float noisy(double centre, double spread, SplittableRandom rng) {
        return (float) Math.max(-1.0, Math.min(1.0, centre + spread * Randomness.gaussian(rng)));
    }
}
