package io.github.edp4j.core.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * Energy-based action selection (EAS; EDP, arXiv 2305.20081, Sec. 4.3, Eq. 14): for each state draw {@code N}
 * candidate actions in one batch of {@code N * B}, score them, and pick one per state with probability {@code
 * softmax(score / temperature)} (or the best one with {@link Mode#ARGMAX}). Sampling from the softmax uses the
 * Gumbel-max trick on the engine's generator. Immutable and thread-safe.
 */
public final class EnergyBasedActionSelection {

    /** How one candidate is chosen. */
    public enum Mode {
        /** Sample from {@code softmax(score / temperature)} (the paper's EAS). */
        SOFTMAX,
        /** Take the highest score. */
        ARGMAX
    }

    private final int candidates;
    private final double temperature;
    private final Mode mode;

    /**
     * @param candidates {@code N >= 1} (paper: 10; official code: 50)
     * @param temperature softmax temperature, positive (default 1)
     * @param mode softmax sampling or argmax
     */
    public EnergyBasedActionSelection(int candidates, double temperature, Mode mode) {
        if (candidates < 1) {
            throw new IllegalArgumentException("EAS: candidates must be >= 1, got " + candidates);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("EAS: temperature must be finite and > 0, got " + temperature);
        }
        if (mode == null) {
            throw new IllegalArgumentException("EAS: mode must not be null");
        }
        this.candidates = candidates;
        this.temperature = temperature;
        this.mode = mode;
    }

    /** @return {@code N} */
    public int candidates() {
        return candidates;
    }

    /** @return the softmax temperature */
    public double temperature() {
        return temperature;
    }

    /** @return the selection mode */
    public Mode mode() {
        return mode;
    }

    /**
     * Selects one action per state.
     *
     * @param states {@code (B, obsDim)}
     * @param generator draws candidate actions (called once with {@code N * B} states)
     * @param scorer scores the candidates
     * @return {@code (B, actDim)}, owned by the manager of {@code states}
     */
    public NDArray select(NDArray states, ActionGenerator generator, ActionScorer scorer) {
        return select(states, generator, scorer, null);
    }

    /**
     * Selects one action per state like {@link #select(NDArray, ActionGenerator, ActionScorer)}, with the uniform
     * draw of the softmax sampling given instead of drawn from the engine's generator: the same computation, made
     * reproducible across backends (an exported ONNX graph takes the same draw as an input).
     *
     * @param states {@code (B, obsDim)}
     * @param generator draws candidate actions (called once with {@code N * B} states, row {@code b * N + j} being
     *     state {@code b})
     * @param scorer scores the candidates
     * @param uniform {@code (B, N)} float32 values in {@code (0, 1]} for the Gumbel-max draw, or {@code null} to
     *     draw them; unused in {@link Mode#ARGMAX} mode and when {@code N = 1}
     * @return {@code (B, actDim)}, owned by the manager of {@code states}
     * @throws IllegalArgumentException if {@code uniform} does not have shape {@code (B, N)}
     */
    public NDArray select(NDArray states, ActionGenerator generator, ActionScorer scorer, NDArray uniform) {
        NDManager parent = states.getManager();
        long b = states.getShape().get(0);
        if (uniform != null && !uniform.getShape().equals(new Shape(b, candidates))) {
            throw new IllegalArgumentException("EAS: the uniform draw must have shape (" + b + ", " + candidates
                    + "), got " + uniform.getShape());
        }
        try (NDManager sub = parent.newSubManager()) {
            NDArray s = states.repeat(0, candidates); // row b * N + j is state b
            s.attach(sub);
            NDArray actions = generator.generate(s);
            if (candidates == 1) {
                actions.attach(parent);
                return actions;
            }
            NDArray scores = scorer.score(s, actions).reshape(b, candidates);
            NDArray choice = pick(sub, scores, uniform);
            NDArray rows = sub.arange(0, candidates * (int) b, candidates, DataType.INT64).add(choice);
            NDArray out = actions.get(new NDIndex("{}", rows));
            out.attach(parent);
            return out;
        }
    }

    /**
     * Picks a candidate index per row of scores.
     *
     * @param manager owner of temporaries
     * @param scores {@code (B, N)}
     * @return {@code (B,)} int64 indices
     */
    NDArray pick(NDManager manager, NDArray scores) {
        return pick(manager, scores, null);
    }

    /** {@link #pick(NDManager, NDArray)} with the uniform draw given ({@code null}: drawn here). */
    NDArray pick(NDManager manager, NDArray scores, NDArray uniform) {
        NDArray logits = NativeConstants.convert(scores, DataType.FLOAT32);
        if (mode == Mode.SOFTMAX) {
            logits = NativeConstants.div(logits, (float) temperature);
            // Gumbel-max: argmax(logits + G), G = -log(-log U), samples softmax(logits) exactly.
            NDArray u = uniform != null ? uniform
                    : manager.randomUniform(1e-12f, 1f, logits.getShape(), DataType.FLOAT32);
            logits = logits.add(u.log().neg().log().neg());
        }
        return NativeConstants.convert(logits.argMax(1), DataType.INT64);
    }

    @Override
    public String toString() {
        return "EnergyBasedActionSelection{N=" + candidates + ", temperature=" + temperature + ", " + mode + "}";
    }
}
