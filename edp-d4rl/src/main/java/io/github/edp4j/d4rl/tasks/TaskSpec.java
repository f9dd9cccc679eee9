package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.env.Environment;
import java.util.function.Supplier;

/**
 * One built-in task: how to make its environment and its scripted expert, and its stored reference scores.
 *
 * @param name the task name, such as {@code pendulum} or {@code pointmaze-fork}
 * @param environment makes a fresh environment
 * @param expert makes a fresh scripted expert
 * @param reference the stored reference returns (for a scripted task re-measured by {@link #measureReference()} in
 *     the tests; for a MuJoCo task D4RL's)
 * @param mujoco whether the task runs on MuJoCo (its environment needs the native library; its expert is a shipped
 *     {@link io.github.edp4j.d4rl.experts.ExpertActor} and its references are D4RL's, not measured here)
 */
record TaskSpec(String name, Supplier<Environment> environment, Supplier<Controller> expert,
        ReferenceScores reference, boolean mujoco) {

    /** A pure-Java task with a scripted expert and references measured here. */
    TaskSpec(String name, Supplier<Environment> environment, Supplier<Controller> expert,
            ReferenceScores reference) {
        this(name, environment, expert, reference, false);
    }

    /**
     * @return why the task's environment cannot run in this JVM (MuJoCo missing), or {@code null} if it can
     */
    String unavailableReason() {
        if (mujoco && !io.github.edp4j.d4rl.mujoco.MuJoCo.isAvailable()) {
            return io.github.edp4j.d4rl.mujoco.MuJoCo.unavailableReason();
        }
        return null;
    }

    /** Reference episode {@code i} uses seed {@code REFERENCE_SEED + i}. */
    static final long REFERENCE_SEED = 0L;

    /** @return a uniform random policy over the task's action box */
    Controller randomPolicy() {
        return new UniformRandomController(environment.get().actionBounds());
    }

    /**
     * Measures the reference returns again, over the same seeded episodes as the stored ones.
     *
     * @return mean returns of the random policy and the expert
     */
    ReferenceScores measureReference() {
        int n = reference.episodes();
        double min = Rollouts.meanReturn(environment.get(), randomPolicy(), REFERENCE_SEED, n);
        double max = Rollouts.meanReturn(environment.get(), expert.get(), REFERENCE_SEED, n);
        return new ReferenceScores(min, max, n);
    }
}
