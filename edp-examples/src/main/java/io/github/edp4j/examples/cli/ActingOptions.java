package io.github.edp4j.examples.cli;

import io.github.edp4j.algos.ActingSettings;
import io.github.edp4j.core.sampling.TimeGrid;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The acting-time options of {@code edp4j evaluate}: the sampler and energy-based action selection a saved policy
 * acts with ({@link io.github.edp4j.algos.Policy#withActing}), each defaulting to the policy's training-time value.
 */
final class ActingOptions {

    /** The sampler names of {@code --sampler}. */
    enum SamplerName {
        /** DPM-Solver. */
        DPM,
        /** The full DDPM chain. */
        DDPM
    }

    @Option(names = "--sampler", paramLabel = "dpm|ddpm",
            description = "Sampler of a diffusion policy: dpm (DPM-Solver) or ddpm (the full K-step chain)"
                    + " (default: the policy's training-time sampler).")
    private SamplerName sampler;

    @Option(names = "--solver-order", paramLabel = "1-3",
            description = "DPM-Solver order (default: the policy's; implies --sampler dpm).")
    private Integer order;

    @Option(names = "--model-calls", paramLabel = "M",
            description = "DPM-Solver model calls per action (default: the policy's; implies --sampler dpm).")
    private Integer calls;

    @Option(names = "--grid", paramLabel = "GRID", completionCandidates = EnumNames.Grids.class,
            description = "DPM-Solver time grid: ${COMPLETION-CANDIDATES} (default: the policy's; implies --sampler"
                    + " dpm).")
    private TimeGrid grid;

    @Option(names = "--eas-candidates", paramLabel = "N",
            description = "Candidate actions per state for energy-based action selection (default: the policy's).")
    private Integer candidates;

    @Option(names = "--eas-temperature", paramLabel = "T",
            description = "Softmax temperature of energy-based action selection (default: the policy's).")
    private Double temperature;

    @Option(names = "--eas-argmax", negatable = true,
            description = "Pick the candidate with the highest Q (--no-eas-argmax: sample softmax(Q/T)) (default:"
                    + " the policy's).")
    private Boolean argmax;

    /** @return whether any acting option was given */
    boolean given() {
        return sampler != null || order != null || calls != null || grid != null || candidates != null
                || temperature != null || argmax != null;
    }

    /**
     * @param trained the policy's training-time settings
     * @param cl the command line, for usage errors
     * @return the trained settings with the given options applied
     * @throws ParameterException naming the option when a value is out of range or contradicts another
     */
    ActingSettings apply(ActingSettings trained, CommandLine cl) {
        boolean solverOption = order != null || calls != null || grid != null;
        if (sampler == SamplerName.DDPM && solverOption) {
            throw new ParameterException(cl, "--solver-order, --model-calls and --grid set DPM-Solver and cannot be"
                    + " combined with --sampler ddpm");
        }
        if (order != null && (order < 1 || order > 3)) {
            throw new ParameterException(cl, "--solver-order must be 1, 2 or 3, got " + order);
        }
        if (calls != null && calls < 1) {
            throw new ParameterException(cl, "--model-calls must be >= 1, got " + calls);
        }
        if (candidates != null && candidates < 1) {
            throw new ParameterException(cl, "--eas-candidates must be >= 1, got " + candidates);
        }
        if (temperature != null && !(temperature > 0 && Double.isFinite(temperature))) {
            throw new ParameterException(cl, "--eas-temperature must be finite and > 0, got " + temperature);
        }
        ActingSettings s = trained;
        if (sampler == SamplerName.DDPM) {
            s = s.withDdpm();
        } else if (sampler == SamplerName.DPM || solverOption) {
            s = s.withDpmSolver(order == null ? s.solverOrder() : order, calls == null ? s.modelCalls() : calls,
                    grid == null ? s.grid() : grid);
        }
        return s.withEas(candidates == null ? s.easCandidates() : candidates,
                temperature == null ? s.easTemperature() : temperature, argmax == null ? s.easArgmax() : argmax);
    }
}
