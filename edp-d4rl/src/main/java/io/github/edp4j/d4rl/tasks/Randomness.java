package io.github.edp4j.d4rl.tasks;

import java.util.SplittableRandom;

/**
 * Seed derivation and a platform-independent normal sampler. Everything here uses {@link StrictMath}, so generated
 * datasets and reference scores are bit-for-bit the same on every JVM.
 */
final class Randomness {

    private static final long CONTROLLER_STREAM = 0x632BE59BD9B4E019L;

    private Randomness() {
    }

    /**
     * The randomness a controller uses in the episode whose environment was reset with {@code episodeSeed}; a
     * different stream from the environment's own {@code new SplittableRandom(episodeSeed)}.
     *
     * @param episodeSeed the episode's environment seed
     * @return a fresh generator
     */
    static SplittableRandom controllerRng(long episodeSeed) {
        return new SplittableRandom(episodeSeed * 0x9E3779B97F4A7C15L ^ CONTROLLER_STREAM);
    }

    /**
     * A standard normal sample by Marsaglia's polar method.
     *
     * @param rng source of uniforms
     * @return a sample of N(0, 1)
     */
    static double gaussian(SplittableRandom rng) {
        while (true) {
            double u = 2 * rng.nextDouble() - 1;
            double v = 2 * rng.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            }
        }
    }
}
