package io.github.edp4j.core.policy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.data.DeviceDataset;
import io.github.edp4j.core.nn.AdamOptimizer;
import io.github.edp4j.core.nn.Autograd;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * Trains a {@link DiffusionPolicy} by the diffusion loss alone (EDP, arXiv 2305.20081, Eq. 3): pure behaviour
 * cloning of the dataset's action distribution, the building block every policy-improvement method adds a term
 * to. Each step runs in a child manager that is closed at the end of the step (docs/design.md, section 7).
 */
public final class BehaviorCloning {

    private final DiffusionPolicy policy;
    private final AdamOptimizer optimizer;
    private final DiffusionPolicy ema;
    private final float emaTau;

    /**
     * @param policy the policy to train
     * @param learningRate Adam learning rate (official default 3e-4)
     * @param maxGradNorm global gradient-norm clip, or {@code <= 0} for none
     */
    public BehaviorCloning(DiffusionPolicy policy, float learningRate, float maxGradNorm) {
        this(policy, learningRate, maxGradNorm, null, 0f);
    }

    /**
     * Trains {@code policy} and keeps {@code ema} as its exponential moving average, {@code ema <- (1 - tau) ema +
     * tau policy} after every step (the official EDP and Diffusion-QL code sample from such an EMA copy).
     *
     * @param policy the policy to train
     * @param learningRate Adam learning rate
     * @param maxGradNorm global gradient-norm clip, or {@code <= 0} for none
     * @param ema a policy of the same configuration, initialised here to a copy of {@code policy}; or {@code null}
     * @param emaTau EMA rate in (0, 1] (official: 0.005)
     */
    public BehaviorCloning(DiffusionPolicy policy, float learningRate, float maxGradNorm, DiffusionPolicy ema,
            float emaTau) {
        if (ema != null) {
            if (!ema.config().equals(policy.config())) {
                throw new IllegalArgumentException("EMA policy configuration " + ema.config() + " differs from "
                        + policy.config());
            }
            if (!(emaTau > 0 && emaTau <= 1)) {
                throw new IllegalArgumentException("emaTau must be in (0, 1], got " + emaTau);
            }
            ema.parameters().copyFrom(policy.parameters());
        }
        this.policy = policy;
        this.optimizer = new AdamOptimizer(policy.parameters(), learningRate, maxGradNorm);
        this.ema = ema;
        this.emaTau = emaTau;
    }

    /**
     * One gradient step on a random minibatch.
     *
     * @param data device dataset
     * @param batchSize batch size
     * @param root manager under which the step's child manager is created
     * @return the loss of the step
     */
    public float step(DeviceDataset data, int batchSize, NDManager root) {
        try (NDManager step = root.newSubManager()) {
            Batch batch = data.sample(step, batchSize);
            float loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                DiffusionLoss l = policy.loss(batch.observations(), batch.actions());
                Autograd.backward(gc, l.loss());
                loss = l.loss().getFloat();
            }
            if (!Float.isFinite(loss)) {
                optimizer.zeroGradients();
                throw new IllegalStateException("diffusion loss became " + loss + " at step " + optimizer.stepCount());
            }
            optimizer.step(step);
            if (ema != null) {
                ema.parameters().polyakUpdate(policy.parameters(), emaTau);
            }
            return loss;
        }
    }

    /**
     * Changes the learning rate for the following steps (for a learning-rate schedule).
     *
     * @param learningRate new learning rate, finite and positive
     */
    public void setLearningRate(float learningRate) {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
        }
        optimizer.setLearningRate(learningRate);
    }

    /** @return the number of steps taken */
    public long steps() {
        return optimizer.stepCount();
    }
}
