package io.github.edp4j.examples.bench;

import io.github.edp4j.d4rl.mujoco.LocomotionTask;
import io.github.edp4j.d4rl.tasks.CollectionConfig;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmark suite measures and how often. {@link #full(int)} is the paper's scale (EDP, arXiv 2305.20081,
 * App. B; walker2d sizes: observation 17, action 6; batch 256; 3 x 256 Mish; {@code K = 1000}; Diffusion-QL with
 * {@code K = 5}); {@link #smoke(int)} keeps every part of the suite but shrinks it to run in seconds, for tests.
 *
 * @param name configuration name, {@code full} or {@code smoke}
 * @param threads libtorch intra-op threads (at least 1)
 * @param seed seed of the synthetic data and of every network
 * @param observationDim observation dimension of the training and sampling benchmarks
 * @param actionDim action dimension of the training and sampling benchmarks
 * @param hidden hidden widths of every network
 * @param batchSize training minibatch size
 * @param diffusionSteps {@code K} of the EDP policies and of the DDPM sampler compared with DPM-Solver
 * @param dqlSteps {@code K} of Diffusion-QL (vp schedule)
 * @param datasetRows rows of the synthetic training dataset
 * @param trainIterationsPerRound training iterations per measured round
 * @param trainWarmupRounds rounds run and discarded before measuring
 * @param trainRounds measured rounds per algorithm
 * @param solverCalls model calls of DPM-Solver-3
 * @param easCandidates candidates of energy-based action selection
 * @param samplingBatch batch of the throughput measurements
 * @param samplingWarmup calls run and discarded before each DPM-Solver measurement (DDPM warms up with one)
 * @param singleStateRounds measured one-state DPM-Solver calls (each timed)
 * @param batchRounds measured batch DPM-Solver calls
 * @param ddpmSingleStateRounds measured one-state DDPM calls
 * @param ddpmBatchRounds measured batch DDPM calls
 * @param d4rlRows rows of the D4RL-layout file whose load is timed (hopper-sized: observation 11, action 3)
 * @param d4rlRounds measured loads (after one warm-up load)
 * @param memoryIterations iterations of the EDP-IQL run whose resident memory is followed
 * @param memoryLogEvery iterations between memory readings
 * @param matmulSize {@code n} of the {@code n x n} by {@code n x n} float32 matrix products timed
 * @param matmulCallsPerRound products per measured round
 * @param matmulRounds measured rounds
 * @param envStepsPerRound MuJoCo environment steps per measured round of each locomotion task (uniform random
 *     actions, resets counted; a fifth of this is run first as warm-up)
 * @param envRounds measured rounds per locomotion task
 * @param episodeSteps steps of the timed halfcheetah evaluation episode, {@code 1 ..}
 *     {@value io.github.edp4j.d4rl.mujoco.LocomotionTask#MAX_EPISODE_STEPS} (the full episode; halfcheetah never
 *     terminates early)
 * @param episodeRounds measured evaluation episodes (after one warm-up episode)
 * @param collectSteps transitions per measured round of the expert collection, {@code 1 ..}
 *     {@value io.github.edp4j.d4rl.tasks.CollectionConfig#MAX_STEPS} (a tenth of this is collected first as warm-up)
 * @param collectRounds measured expert collections
 */
public record BenchSettings(String name, int threads, long seed, int observationDim, int actionDim, int[] hidden,
        int batchSize, int diffusionSteps, int dqlSteps, int datasetRows, int trainIterationsPerRound,
        int trainWarmupRounds, int trainRounds, int solverCalls, int easCandidates, int samplingBatch,
        int samplingWarmup, int singleStateRounds, int batchRounds, int ddpmSingleStateRounds, int ddpmBatchRounds,
        int d4rlRows, int d4rlRounds, int memoryIterations, int memoryLogEvery, int matmulSize,
        int matmulCallsPerRound, int matmulRounds, int envStepsPerRound, int envRounds, int episodeSteps,
        int episodeRounds, int collectSteps, int collectRounds) {

    /** Observation dimension of the hopper-sized D4RL file. */
    public static final int D4RL_OBSERVATION_DIM = 11;
    /** Action dimension of the hopper-sized D4RL file. */
    public static final int D4RL_ACTION_DIM = 3;

    /** Validates every field; messages name the field, the value and the allowed range. */
    public BenchSettings {
        require(name != null && !name.isBlank(), "name", name, "a non-blank name");
        require(threads >= 1, "threads", threads, ">= 1");
        require(observationDim >= 1, "observationDim", observationDim, ">= 1");
        require(actionDim >= 1, "actionDim", actionDim, ">= 1");
        require(hidden != null && hidden.length >= 1, "hidden", hidden == null ? null : hidden.length + " widths",
                "at least one width");
        hidden = hidden.clone();
        for (int h : hidden) {
            require(h >= 1, "hidden", h, "widths >= 1");
        }
        require(batchSize >= 1, "batchSize", batchSize, ">= 1");
        require(diffusionSteps >= 1, "diffusionSteps", diffusionSteps, ">= 1");
        require(dqlSteps >= 1, "dqlSteps", dqlSteps, ">= 1");
        require(datasetRows >= 2, "datasetRows", datasetRows, ">= 2");
        require(trainIterationsPerRound >= 1, "trainIterationsPerRound", trainIterationsPerRound, ">= 1");
        require(trainWarmupRounds >= 0, "trainWarmupRounds", trainWarmupRounds, ">= 0");
        require(trainRounds >= 1, "trainRounds", trainRounds, ">= 1");
        require(solverCalls >= 1, "solverCalls", solverCalls, ">= 1");
        require(easCandidates >= 2, "easCandidates", easCandidates, ">= 2");
        require(samplingBatch >= 1, "samplingBatch", samplingBatch, ">= 1");
        require(samplingWarmup >= 0, "samplingWarmup", samplingWarmup, ">= 0");
        require(singleStateRounds >= 1, "singleStateRounds", singleStateRounds, ">= 1");
        require(batchRounds >= 1, "batchRounds", batchRounds, ">= 1");
        require(ddpmSingleStateRounds >= 1, "ddpmSingleStateRounds", ddpmSingleStateRounds, ">= 1");
        require(ddpmBatchRounds >= 1, "ddpmBatchRounds", ddpmBatchRounds, ">= 1");
        require(d4rlRows >= 2, "d4rlRows", d4rlRows, ">= 2");
        require(d4rlRounds >= 1, "d4rlRounds", d4rlRounds, ">= 1");
        require(memoryLogEvery >= 1, "memoryLogEvery", memoryLogEvery, ">= 1");
        require(memoryIterations >= 2 * memoryLogEvery, "memoryIterations", memoryIterations,
                ">= 2 * memoryLogEvery (" + 2 * memoryLogEvery + ")");
        require(matmulSize >= 1, "matmulSize", matmulSize, ">= 1");
        require(matmulCallsPerRound >= 1, "matmulCallsPerRound", matmulCallsPerRound, ">= 1");
        require(matmulRounds >= 1, "matmulRounds", matmulRounds, ">= 1");
        require(envStepsPerRound >= 1, "envStepsPerRound", envStepsPerRound, ">= 1");
        require(envRounds >= 1, "envRounds", envRounds, ">= 1");
        require(episodeSteps >= 1 && episodeSteps <= LocomotionTask.MAX_EPISODE_STEPS, "episodeSteps", episodeSteps,
                "1 .. " + LocomotionTask.MAX_EPISODE_STEPS);
        require(episodeRounds >= 1, "episodeRounds", episodeRounds, ">= 1");
        require(collectSteps >= 1 && collectSteps <= CollectionConfig.MAX_STEPS, "collectSteps", collectSteps,
                "1 .. " + CollectionConfig.MAX_STEPS);
        require(collectRounds >= 1, "collectRounds", collectRounds, ">= 1");
    }

    private static void require(boolean ok, String field, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("benchmark setting " + field + " = " + value + " is invalid: allowed "
                    + allowed);
        }
    }

    /**
     * The paper-scale configuration: batch 256, 3 x 256 Mish, {@code K = 1000} (Diffusion-QL {@code K = 5}),
     * walker2d sizes, a 1,000,000-row hopper-sized D4RL file, a 20,000-iteration EDP-IQL memory run, and on MuJoCo
     * 5 rounds of 20,000 steps per locomotion task, 3 full 1,000-step halfcheetah evaluation episodes and 3
     * collections of 100,000 expert steps. Takes about 15 minutes on one thread of a 2-core machine.
     *
     * @param threads libtorch intra-op threads
     * @return the settings
     */
    public static BenchSettings full(int threads) {
        return new BenchSettings("full", threads, 0L, 17, 6, new int[] {256, 256, 256}, 256, 1000, 5, 100_000, 50, 1,
                5, 15, 10, 256, 10, 200, 20, 10, 3, 1_000_000, 3, 20_000, 1000, 256, 200, 10, 20_000, 5,
                LocomotionTask.MAX_EPISODE_STEPS, 3, 100_000, 3);
    }

    /**
     * Every measurement of {@link #full(int)} on tiny sizes (hidden 32, batch 32, {@code K = 50}, 5,000-row file,
     * 200-iteration memory run; on MuJoCo 500 steps per task, a 50-step episode and 1,000 collected steps), to check
     * the suite end to end in seconds. Its figures say nothing about speed.
     *
     * @param threads libtorch intra-op threads
     * @return the settings
     */
    public static BenchSettings smoke(int threads) {
        return new BenchSettings("smoke", threads, 0L, 17, 6, new int[] {32, 32}, 32, 50, 5, 2_000, 4, 1, 2, 15, 10,
                32, 1, 3, 2, 2, 1, 5_000, 2, 200, 50, 64, 10, 2, 500, 2, 50, 1, 1_000, 1);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** @return every setting by name, in declaration order, for the JSON report */
    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : BenchSettings.class.getRecordComponents()) {
            try {
                out.put(c.getName(), c.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        out.put("d4rlObservationDim", D4RL_OBSERVATION_DIM);
        out.put("d4rlActionDim", D4RL_ACTION_DIM);
        return out;
    }

    private String text() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : toMap().entrySet()) {
            Object v = e.getValue();
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
                    .append(v instanceof int[] a ? Arrays.toString(a) : String.valueOf(v));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BenchSettings b && text().equals(b.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "BenchSettings{" + text() + "}";
    }
}
