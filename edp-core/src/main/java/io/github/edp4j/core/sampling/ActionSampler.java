package io.github.edp4j.core.sampling;

import ai.djl.ndarray.NDArray;
import io.github.edp4j.core.schedule.NoiseSchedule;

/**
 * A reverse-process sampler: maps Gaussian noise {@code x_T} to actions by repeatedly calling a {@link
 * NoisePredictor}. Implementations are immutable and thread-safe; randomness (DDPM's per-step noise) comes
 * from the engine's generator.
 */
public interface ActionSampler {

    /**
     * Runs the reverse process.
     *
     * @param model the noise predictor
     * @param states {@code (B, obsDim)} conditioning states, or {@code null}
     * @param noise {@code (B, actDim)} starting noise {@code x_T}
     * @return {@code (B, actDim)} samples, owned by the manager of {@code noise}
     */
    NDArray sample(NoisePredictor model, NDArray states, NDArray noise);

    /** @return the noise schedule the sampler was built for */
    NoiseSchedule schedule();

    /** @return the number of model calls per sample */
    int modelCalls();
}
