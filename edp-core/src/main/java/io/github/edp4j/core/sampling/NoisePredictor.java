package io.github.edp4j.core.sampling;

import ai.djl.ndarray.NDArray;

/**
 * A noise-prediction model {@code eps_theta(x, t; s)}: the trained network of a diffusion policy, or an
 * analytic model in tests. Samplers call it with the fractional model time index of {@link
 * io.github.edp4j.core.schedule.NoiseSchedule#modelTimeIndex(double)} ({@code k - 1} for discrete step {@code
 * k}).
 */
@FunctionalInterface
public interface NoisePredictor {

    /**
     * Predicts the noise in {@code x}.
     *
     * @param x {@code (B, actDim)} noisy actions
     * @param timeIndex the model time index shared by the whole batch
     * @param states {@code (B, obsDim)} conditioning states, or {@code null} for an unconditional model
     * @return {@code (B, actDim)} predicted noise, owned by the manager of {@code x}
     */
    NDArray predict(NDArray x, double timeIndex, NDArray states);
}
