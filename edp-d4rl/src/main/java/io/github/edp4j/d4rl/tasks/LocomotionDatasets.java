package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.d4rl.experts.ExpertActor;
import io.github.edp4j.d4rl.mujoco.Locomotion;
import io.github.edp4j.d4rl.mujoco.LocomotionEnvironment;
import io.github.edp4j.d4rl.mujoco.LocomotionTask;
import io.github.edp4j.d4rl.mujoco.MuJoCo;
import java.util.Locale;

/**
 * Generators of the built-in D4RL-style datasets of the MuJoCo locomotion tasks, in the spirit of D4RL's v2
 * datasets (Fu et al. 2020, Sec. 5), from the shipped {@link ExpertActor experts}:
 * <ul>
 *   <li>{@code <env>-random}: the uniform random policy;</li>
 *   <li>{@code <env>-expert}: the expert's stochastic policy {@code tanh(mean + exp(log_std) z)}, as D4RL's expert
 *       data samples its SAC policy;</li>
 *   <li>{@code <env>-medium}: the deterministic expert with Gaussian action noise, its standard deviation per task
 *       ({@link #mediumNoise(LocomotionTask)}) tuned so the data's normalized score is about a third of the
 *       expert's, like D4RL's policy trained to a third of the expert;</li>
 *   <li>{@code <env>-medium-expert}: the {@code -medium} rows followed by the {@code -expert} rows.</li>
 * </ul>
 * Each has {@link #steps()} transitions (the medium-expert twice as many), collected by {@link DatasetCollector}
 * from fixed seeds, so every JVM generates the same data.
 */
final class LocomotionDatasets {

    /** Transitions of one built-in locomotion dataset unless {@value #STEPS_PROPERTY} says otherwise. */
    static final int DEFAULT_STEPS = 100_000;
    /** System property with the number of transitions of each built-in locomotion dataset. */
    static final String STEPS_PROPERTY = "edp4j.datasets.locomotion.steps";

    static final long RANDOM_SEED = 201_000_000L;
    static final long MEDIUM_SEED = 202_000_000L;
    static final long EXPERT_SEED = 203_000_000L;

    /** The kinds of dataset, in catalog order. */
    static final String[] KINDS = {"random", "medium", "expert", "medium-expert"};

    private LocomotionDatasets() {
    }

    /**
     * @return the transitions per dataset: the system property {@value #STEPS_PROPERTY} if set, else
     *     {@value #DEFAULT_STEPS}
     * @throws IllegalArgumentException if the property is not an integer in {@code [1000, 10,000,000]}
     */
    static int steps() {
        String v = System.getProperty(STEPS_PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_STEPS;
        }
        int steps;
        try {
            steps = Integer.parseInt(v.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(STEPS_PROPERTY + " must be an integer in [1000, 10000000], got '" + v
                    + "'", e);
        }
        if (steps < 1000 || steps > CollectionConfig.MAX_STEPS) {
            throw new IllegalArgumentException(STEPS_PROPERTY + " must be in [1000, " + CollectionConfig.MAX_STEPS
                    + "], got " + steps);
        }
        return steps;
    }

    /**
     * The Gaussian action noise of the {@code -medium} data, measured to bring the expert to about a third of its
     * normalized score (see the README's dataset table).
     *
     * @param task the task
     * @return the standard deviation of the noise added to each action component
     */
    static double mediumNoise(LocomotionTask task) {
        return switch (task) {
            case HOPPER -> 0.25;
            case WALKER2D -> 0.5;
            case HALFCHEETAH -> 0.6;
        };
    }

    /**
     * @param task the task
     * @param kind one of {@link #KINDS}
     * @param steps transitions per single dataset
     * @return the collected dataset, named {@code <env>-<kind>}
     * @throws IllegalStateException with the reason and how to install it if MuJoCo is not available
     */
    static CollectedDataset collect(LocomotionTask task, String kind, int steps) {
        String name = task.envName() + "-" + kind;
        if (!MuJoCo.isAvailable()) {
            throw new IllegalStateException("built-in dataset " + name + " is collected on MuJoCo, which is not"
                    + " available: " + MuJoCo.unavailableReason());
        }
        if (kind.equals("medium-expert")) {
            return CollectedDataset.concat(name, collect(task, "medium", steps), collect(task, "expert", steps));
        }
        try (LocomotionEnvironment env = Locomotion.environment(task)) {
            BehaviourPolicy behaviour = behaviour(task, kind, env);
            long seed = switch (kind) {
                case "random" -> RANDOM_SEED;
                case "medium" -> MEDIUM_SEED;
                case "expert" -> EXPERT_SEED;
                default -> throw new IllegalArgumentException("unknown locomotion dataset kind " + kind);
            };
            return DatasetCollector.collect(env, behaviour, new CollectionConfig(name, steps, seed),
                    CollectionListener.logging(name));
        }
    }

    /**
     * @param task the task
     * @param kind {@code random}, {@code medium} or {@code expert}
     * @param env an environment of the task, for its action bounds
     * @return the behaviour policy of that kind of dataset
     */
    static BehaviourPolicy behaviour(LocomotionTask task, String kind, LocomotionEnvironment env) {
        return switch (kind) {
            case "random" -> Behaviours.uniformRandom(env.actionBounds());
            case "medium" -> Behaviours.expert(ExpertActor.builtin(task.envName()), false, mediumNoise(task));
            case "expert" -> Behaviours.expert(ExpertActor.builtin(task.envName()), true, 0.0);
            default -> throw new IllegalArgumentException("unknown locomotion dataset kind " + kind);
        };
    }

    /**
     * @param task the task
     * @param kind one of {@link #KINDS}
     * @param steps transitions per single dataset
     * @return the dataset's catalog entry (cached under a name that includes a non-default size)
     */
    static DatasetSpec spec(LocomotionTask task, String kind, int steps) {
        String name = task.envName() + "-" + kind;
        int size = kind.equals("medium-expert") ? 2 * steps : steps;
        String stem = steps == DEFAULT_STEPS ? name : name + String.format(Locale.ROOT, "-%dsteps", steps);
        java.util.List<String> parts = kind.equals("medium-expert")
                ? java.util.List.of(task.envName() + "-medium", task.envName() + "-expert") : java.util.List.of();
        return DatasetSpec.collected(name, task.envName(), size, stem, () -> collect(task, kind, steps), parts);
    }
}
