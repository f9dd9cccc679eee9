package io.github.edp4j.core.policy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.data.DeviceDataset;
import io.github.edp4j.core.nn.AdamOptimizer;

/**
 * Trains a {@link DiffusionPolicy} by the diffusion loss alone (EDP, arXiv 2305.20081, Eq. 3): pure behaviour
 * cloning of the dataset's action distribution, the building block every policy-improvement method adds a term
 * to. Each step runs in a child manager that is closed at the end of the step (DESIGN.md section 7).
 */
public final class BehaviorCloning {

    private final DiffusionPolicy policy;
    private final AdamOptimizer optimizer;

    /**
     * @param policy the policy to train
     * @param learningRate Adam learning rate (official default 3e-4)
     * @param maxGradNorm global gradient-norm clip, or {@code <= 0} for none
     */
    public BehaviorCloning(DiffusionPolicy policy, float learningRate, float maxGradNorm) {
        this.policy = policy;
        this.optimizer = new AdamOptimizer(policy.parameters(), learningRate, maxGradNorm);
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
                gc.backward(l.loss());
                loss = l.loss().getFloat();
            }
            if (!Float.isFinite(loss)) {
                optimizer.zeroGradients();
                throw new IllegalStateException("diffusion loss became " + loss + " at step " + optimizer.stepCount());
            }
            optimizer.step(step);
            return loss;
        }
    }

    /** @return the number of steps taken */
    public long steps() {
        return optimizer.stepCount();
    }
}
