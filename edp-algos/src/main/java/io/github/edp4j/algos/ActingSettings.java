package io.github.edp4j.algos;

import io.github.edp4j.core.sampling.TimeGrid;

/**
 * How a trained {@link Policy} acts, chosen at acting time without retraining ({@link Policy#withActing}): the
 * sampler of a diffusion policy (DPM-Solver of order 1-3 with a budget of model calls on a time grid, EDP arXiv
 * 2305.20081 Sec. 4.2; or the full {@code K}-step DDPM chain) and energy-based action selection (EAS, Sec. 4.3,
 * Eq. 14: {@code N} candidates, one picked by {@code softmax(Q / temperature)} or by argmax). The paper's
 * ablations vary exactly these (Fig. 4: score vs {@code N}; Fig. 5: DPM-Solver model calls vs DDPM).
 *
 * <p>Immutable; validated on construction with messages naming the field, the value and the allowed range. The
 * DPM-Solver fields are kept (and validated) with {@link Sampler#DDPM} too, where they do not apply.
 *
 * @param sampler DPM-Solver or the DDPM chain
 * @param solverOrder DPM-Solver order, 1 to 3
 * @param modelCalls DPM-Solver model calls per action, at least 1
 * @param grid DPM-Solver time grid
 * @param easCandidates EAS candidates {@code N} per state, at least 1 (1: no selection)
 * @param easTemperature softmax temperature, finite and positive
 * @param easArgmax pick the best candidate instead of sampling from the softmax
 */
public record ActingSettings(Sampler sampler, int solverOrder, int modelCalls, TimeGrid grid, int easCandidates,
        double easTemperature, boolean easArgmax) {

    /** The reverse-process sampler of a diffusion policy. */
    public enum Sampler {
        /** DPM-Solver (Lu et al. 2022, arXiv 2206.00927) with the given order, model calls and grid (EDP's). */
        DPM_SOLVER,
        /** The full reverse DDPM chain over the policy's {@code K} steps (Diffusion-QL's; {@code K} model calls). */
        DDPM
    }

    /** Validates every field. */
    public ActingSettings {
        require(sampler != null, "sampler", sampler, "DPM_SOLVER or DDPM");
        require(solverOrder >= 1 && solverOrder <= 3, "solverOrder", solverOrder, "[1, 3]");
        require(modelCalls >= 1, "modelCalls", modelCalls, ">= 1");
        require(grid != null, "grid", grid, "TIME_UNIFORM, LOGSNR or TIME_QUADRATIC");
        require(easCandidates >= 1, "easCandidates", easCandidates, ">= 1");
        require(easTemperature > 0 && Double.isFinite(easTemperature), "easTemperature", easTemperature,
                "finite and > 0");
    }

    /**
     * The settings a policy trained with {@code config} acts with: its DPM-Solver order, calls and grid (DDPM for
     * Diffusion-QL, which samples with the full chain) and its EAS candidates, temperature and mode.
     *
     * @param config the training configuration
     * @return the training-time acting settings
     */
    public static ActingSettings of(TrainerConfig config) {
        return new ActingSettings(config.algorithm() == Algorithm.DQL ? Sampler.DDPM : Sampler.DPM_SOLVER,
                config.samplerOrder(), config.samplerCalls(), config.samplerGrid(), config.easCandidates(),
                config.easTemperature(), config.easArgmax());
    }

    /**
     * @param order DPM-Solver order, 1 to 3
     * @param calls model calls per action, at least 1
     * @param timeGrid time grid
     * @return these settings with DPM-Solver of the given order, calls and grid
     */
    public ActingSettings withDpmSolver(int order, int calls, TimeGrid timeGrid) {
        return new ActingSettings(Sampler.DPM_SOLVER, order, calls, timeGrid, easCandidates, easTemperature,
                easArgmax);
    }

    /** @return these settings with the full DDPM chain (the DPM-Solver fields are kept for a later switch back) */
    public ActingSettings withDdpm() {
        return new ActingSettings(Sampler.DDPM, solverOrder, modelCalls, grid, easCandidates, easTemperature,
                easArgmax);
    }

    /**
     * @param candidates EAS candidates per state, at least 1
     * @param temperature softmax temperature, finite and positive
     * @param argmax pick the best candidate instead of sampling
     * @return these settings with the given energy-based action selection
     */
    public ActingSettings withEas(int candidates, double temperature, boolean argmax) {
        return new ActingSettings(sampler, solverOrder, modelCalls, grid, candidates, temperature, argmax);
    }

    /**
     * @param other other settings
     * @return whether both sample alike: both DDPM, or both DPM-Solver with the same order, calls and grid
     */
    public boolean sameSampler(ActingSettings other) {
        return sampler == other.sampler && (sampler == Sampler.DDPM
                || (solverOrder == other.solverOrder && modelCalls == other.modelCalls && grid == other.grid));
    }

    /**
     * @param other other settings
     * @return whether both select alike (same candidates, temperature and mode)
     */
    public boolean sameSelection(ActingSettings other) {
        return easCandidates == other.easCandidates
                && Double.compare(easTemperature, other.easTemperature) == 0 && easArgmax == other.easArgmax;
    }

    /** @return a short description, such as {@code DPM-Solver-3, 15 calls, TIME_UNIFORM; EAS N=10 softmax T=1.0} */
    public String describe() {
        String s = sampler == Sampler.DDPM ? "DDPM chain"
                : "DPM-Solver-" + solverOrder + ", " + modelCalls + " call" + (modelCalls == 1 ? "" : "s") + ", "
                        + grid;
        return s + "; EAS N=" + easCandidates + (easArgmax ? " argmax" : " softmax T=" + easTemperature);
    }

    private static void require(boolean ok, String field, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("acting settings: " + field + " = " + value
                    + " is invalid: allowed " + allowed);
        }
    }
}
