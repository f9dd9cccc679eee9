package io.github.edp4j.core.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.ParameterSet;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DpmSolver3;
import io.github.edp4j.core.sampling.NoisePredictor;
import io.github.edp4j.core.sampling.NoisePredictor.Prepared;
import io.github.edp4j.core.schedule.NoiseSchedule;
import io.github.edp4j.core.schedule.ScheduleTables;

/**
 * A diffusion model used as a policy (EDP, arXiv 2305.20081, Sec. 3-4): the conditional noise predictor
 * {@code eps_theta(a_k, k; s)}, its behaviour-cloning loss {@code E ||eps - eps_theta(sqrt(abar_k) a_0 +
 * sqrt(1 - abar_k) eps, k; s)||^2} (Eq. 3), action approximation for the policy-improvement losses (Eq. 9), and
 * sampling with any {@link ActionSampler} (DPM-Solver-3 with 15 calls by default, Sec. 4.2).
 *
 * <p>Parameters live in one child manager of the manager given at construction and are released by {@link
 * #close()}. Methods that take arrays return arrays owned by the manager of their first array argument, so a
 * training step that runs in its own manager frees everything when that manager closes.
 *
 * <p><b>Thread safety.</b> A building block for training loops, not synchronized: use one instance from one thread
 * at a time, and call {@link #close()} only after every other use has returned (closing frees the native
 * parameters that a concurrent call would read). Use after {@code close()} throws {@link IllegalStateException}
 * from DJL. {@code io.github.edp4j.algos.Policy} is the thread-safe acting front end.
 */
public final class DiffusionPolicy implements NoisePredictor, AutoCloseable {

    private final DiffusionPolicyConfig config;
    private final NoiseSchedule schedule;
    private final NDManager manager;
    private final ParameterSet params;
    private final NoiseNetwork network;
    private final ActionApproximator approximator;

    /**
     * @param config architecture and diffusion settings
     * @param parent manager under which the parameters are allocated
     */
    public DiffusionPolicy(DiffusionPolicyConfig config, NDManager parent) {
        this(config, parent, true);
    }

    /**
     * @param config architecture and diffusion settings
     * @param parent manager under which the parameters are allocated
     * @param trainable whether the parameters record gradients ({@code false} for an EMA or target copy)
     */
    public DiffusionPolicy(DiffusionPolicyConfig config, NDManager parent, boolean trainable) {
        this.config = config;
        this.schedule = config.schedule();
        this.manager = parent.newSubManager();
        this.params = new ParameterSet(manager, trainable);
        this.network = new NoiseNetwork(config, params);
        ScheduleTables tables = schedule.toDevice(manager);
        this.approximator = new ActionApproximator(tables, config.bounds(), manager);
    }

    /** @return the configuration */
    public DiffusionPolicyConfig config() {
        return config;
    }

    /** @return the noise schedule */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** @return the trainable parameters */
    public ParameterSet parameters() {
        return params;
    }

    /** @return the action approximator of this policy's schedule and bounds */
    public ActionApproximator approximator() {
        return approximator;
    }

    /** @return the action bounds */
    public ActionBounds bounds() {
        return config.bounds();
    }

    /** @return the default sampler: DPM-Solver-3, 15 calls, time-uniform, clipped to the bounds */
    public ActionSampler defaultSampler() {
        return new DpmSolver3(schedule, config.bounds());
    }

    /**
     * Predicts the noise for per-sample steps.
     *
     * @param noisy {@code (B, actDim)} noisy actions
     * @param stepIndex {@code (B,)} 0-based steps ({@code k - 1}), integer or fractional
     * @param states {@code (B, obsDim)} states
     * @return {@code (B, actDim)}
     */
    public NDArray predictNoise(NDArray noisy, NDArray stepIndex, NDArray states) {
        checkShapes(noisy, states);
        return network.forward(noisy, stepIndex, states);
    }

    @Override
    public NDArray predict(NDArray x, double timeIndex, NDArray states) {
        checkShapes(x, states);
        return network.forward(x, timeIndex, states);
    }

    /**
     * Precomputes the state and time parts of the noise network's first layer for a sampler's grid (see {@link
     * NoisePredictor#prepare}); the arrays it makes are owned by the manager of {@code states}.
     */
    @Override
    public Prepared prepare(NDArray states, double[] timeIndices) {
        return prepare(states.getManager(), states, timeIndices);
    }

    /**
     * Like {@link #prepare(NDArray, double[])}, with the precomputed arrays owned by {@code manager}.
     *
     * @param manager owner of the precomputed arrays
     * @param states {@code (B, obsDim)} states
     * @param timeIndices model time indices by slot
     * @return the prepared predictor
     */
    @Override
    public Prepared prepare(NDManager manager, NDArray states, double[] timeIndices) {
        if (states.getShape().dimension() != 2 || states.getShape().get(1) != config.observationDim()) {
            throw new IllegalArgumentException("states must have shape (B, " + config.observationDim() + "), got "
                    + states.getShape());
        }
        NoisePredictor.Prepared p = network.prepare(manager, states, timeIndices.clone());
        return (x, slot) -> {
            checkShapes(x, states);
            return p.predict(x, slot);
        };
    }

    /**
     * One diffusion training pass: draws {@code k} uniformly in {@code 1..K} and {@code eps ~ N(0, I)} from the
     * engine's generator, corrupts the actions, predicts the noise and returns the loss together with the
     * approximated actions of the same pass.
     *
     * @param states {@code (B, obsDim)} states; their manager owns every result
     * @param actions {@code (B, actDim)} dataset actions
     * @return the loss and the action approximation
     */
    public DiffusionLoss loss(NDArray states, NDArray actions) {
        checkShapes(actions, states);
        NDManager m = states.getManager();
        Shape shape = actions.getShape();
        NDArray k = m.randomInteger(0, schedule.steps(), new Shape(shape.get(0)), DataType.INT64);
        NDArray eps = m.randomNormal(0f, 1f, shape, DataType.FLOAT32);
        return loss(states, actions, k, eps);
    }

    /**
     * The diffusion loss for given steps and noise (deterministic; used by tests and by {@link #loss(NDArray,
     * NDArray)}).
     *
     * @param states {@code (B, obsDim)}
     * @param actions {@code (B, actDim)} clean actions
     * @param stepIndex {@code (B,)} int64 0-based steps
     * @param noise {@code (B, actDim)} noise
     * @return the loss and the action approximation
     */
    public DiffusionLoss loss(NDArray states, NDArray actions, NDArray stepIndex, NDArray noise) {
        NDArray noisy = approximator.corrupt(actions, stepIndex, noise);
        NDArray predicted = network.forward(noisy, stepIndex, states);
        NDArray loss = noise.sub(predicted).square().mean();
        NDArray a0 = approximator.approximate(noisy, stepIndex, predicted);
        return new DiffusionLoss(loss, a0, noisy, stepIndex);
    }

    /**
     * Samples one action per state with the given sampler, starting from {@code N(0, I)} noise drawn from the
     * engine's generator.
     *
     * @param states {@code (B, obsDim)} finite states
     * @param sampler the sampler, built for this policy's schedule
     * @return {@code (B, actDim)} actions owned by the manager of {@code states}
     */
    public NDArray sample(NDArray states, ActionSampler sampler) {
        if (states.getShape().dimension() != 2 || states.getShape().get(1) != config.observationDim()) {
            throw new IllegalArgumentException("states must have shape (B, " + config.observationDim() + "), got "
                    + states.getShape());
        }
        if (sampler.schedule().steps() != schedule.steps() || sampler.schedule().kind() != schedule.kind()) {
            throw new IllegalArgumentException("sampler was built for " + sampler.schedule() + " but the policy uses "
                    + schedule);
        }
        if (states.isNaN().any().getBoolean() || states.isInfinite().any().getBoolean()) {
            throw new IllegalArgumentException("states contain NaN or Inf values");
        }
        return sampleUnchecked(states, sampler);
    }

    /**
     * {@link #sample} without the validation of the states, for trusted internal callers such as a trainer drawing
     * target actions for a batch of its own dataset (whose values were checked when it was loaded): it skips the
     * NaN/Inf scan, which costs a read back to the host on every call.
     *
     * @param states {@code (B, obsDim)} finite states
     * @param sampler the sampler, built for this policy's schedule
     * @return {@code (B, actDim)} actions owned by the manager of {@code states}
     */
    public NDArray sampleUnchecked(NDArray states, ActionSampler sampler) {
        NDArray noise = states.getManager().randomNormal(0f, 1f,
                new Shape(states.getShape().get(0), config.actionDim()), DataType.FLOAT32);
        return sampler.sample(this, states, noise);
    }

    private void checkShapes(NDArray actions, NDArray states) {
        Shape a = actions.getShape();
        Shape s = states.getShape();
        if (a.dimension() != 2 || a.get(1) != config.actionDim()) {
            throw new IllegalArgumentException("actions must have shape (B, " + config.actionDim() + "), got " + a);
        }
        if (s.dimension() != 2 || s.get(1) != config.observationDim()) {
            throw new IllegalArgumentException("states must have shape (B, " + config.observationDim() + "), got " + s);
        }
        if (a.get(0) != s.get(0)) {
            throw new IllegalArgumentException("batch sizes differ: actions have " + a.get(0) + " rows, states "
                    + s.get(0));
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "DiffusionPolicy{" + config + ", parameters=" + params.count() + "}";
    }
}
