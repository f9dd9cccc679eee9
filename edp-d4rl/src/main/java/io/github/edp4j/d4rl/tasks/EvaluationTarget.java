package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.env.Environment;
import io.github.edp4j.d4rl.D4rlScores;
import io.github.edp4j.d4rl.mujoco.LocomotionTask;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * Where a policy trained on a dataset is evaluated and how its return is scored: the environment of a built-in task
 * (named by the task or one of its datasets) or of a D4RL locomotion dataset ({@code hopper-medium-v2},
 * {@code walker2d-expert-v2.hdf5}, {@code HalfCheetah-v3}), and the reference returns of D4RL's normalized score
 * {@code 100 (R - min) / (max - min)} (Fu et al. 2020): D4RL's own for hopper, walker2d and halfcheetah, the
 * measured random policy and scripted expert for the pure-Java tasks. Plug it into a trainer with
 * {@code builder.evaluation(target.environments(), episodes, every, target.normalizer())}. Immutable.
 *
 * @param task the task name, such as {@code hopper} or {@code pendulum}
 * @param environments makes a fresh environment of the task (close it if it is {@link AutoCloseable}); throws
 *     {@link io.github.edp4j.d4rl.mujoco.MuJoCoException} if MuJoCo is needed and missing
 * @param reference the reference returns of the normalized score
 * @param referenceSource where the references come from, for a person, such as {@code D4RL hopper} or
 *     {@code random policy and scripted expert of pendulum}
 */
public record EvaluationTarget(String task, Supplier<Environment> environments, ReferenceScores reference,
        String referenceSource) {

    /**
     * @param name a built-in task or dataset name, or a D4RL locomotion dataset, file or gym name
     * @return the evaluation target, empty if no environment for the name exists here (such as
     *     {@code antmaze-umaze-v0})
     */
    public static Optional<EvaluationTarget> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String task;
        if (TaskCatalog.taskNames().contains(name)) {
            task = name;
        } else if (TaskCatalog.datasetNames().contains(name)) {
            task = TaskCatalog.dataset(name).task();
        } else {
            try {
                // D4RL's own name rules first (file names such as hopper_medium-v2.hdf5), then gym ids
                task = LocomotionTask.forName(D4rlScores.reference(name).prefix()).envName();
            } catch (IllegalArgumentException notD4rl) {
                try {
                    task = LocomotionTask.forName(name).envName();
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        TaskSpec spec = TaskCatalog.task(task);
        String source = spec.mujoco() ? "D4RL " + task : "random policy and scripted expert of " + task;
        return Optional.of(new EvaluationTarget(task, spec.environment(), spec.reference(), source));
    }

    /**
     * @param name a built-in task or dataset name, or a D4RL locomotion dataset, file or gym name
     * @return the evaluation target
     * @throws IllegalArgumentException naming the value and what is accepted if no environment exists for it
     */
    public static EvaluationTarget of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no environment to evaluate '" + name
                + "' on; accepted: the built-in tasks " + TaskCatalog.taskNames() + ", their datasets, or a D4RL"
                + " locomotion dataset name such as hopper-medium-v2"));
    }

    /** @return the normalized score as a function of a (mean) return */
    public DoubleUnaryOperator normalizer() {
        return reference::normalize;
    }

    /**
     * @param episodeReturn an undiscounted episode return, or a mean of them
     * @return the normalized score: 0 at the random reference, 100 at the expert reference
     */
    public double normalizedScore(double episodeReturn) {
        return reference.normalize(episodeReturn);
    }

    /** @return whether the task runs on MuJoCo */
    public boolean needsMuJoCo() {
        return TaskCatalog.task(task).mujoco();
    }

    /** @return why the environment cannot run in this JVM (the native MuJoCo library is missing), if it cannot */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(TaskCatalog.task(task).unavailableReason());
    }
}
