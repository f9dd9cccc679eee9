package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.env.Environment;
import java.nio.file.Path;
import java.util.List;

/**
 * Built-in offline RL tasks that need no download: seeded, deterministic pure-Java environments, D4RL-style datasets
 * generated from scripted controllers, and reference scores for D4RL's normalized score.
 *
 * <p>Tasks ({@link #taskNames()}):
 * <ul>
 *   <li>{@code pendulum}: gymnasium's {@code Pendulum-v1} dynamics exactly (200 steps, observation
 *       {@code (cos th, sin th, th_dot)}, action in {@code [-1, 1]} scaled to a torque in {@code [-2, 2]}).</li>
 *   <li>{@code pointmaze-umaze}, {@code pointmaze-open}, {@code pointmaze-fork}: a damped 2-D point mass among wall
 *       cells (observation {@code (x, y, vx, vy)}, action an acceleration in {@code [-1, 1]^2}, 150 steps, sparse
 *       reward 1 within 0.5 of the goal); {@code -dense} variants reward {@code exp(-distance to goal)}. On the fork a
 *       pit three cells wide lies between the start and the goal; the two equally short ways pass it on the left or
 *       the right, and their average leads into it. The mass enters the fork's room moving up at 2 cells/s and an
 *       episode lasts at most 37 steps (the experts need 32-35), so the way must be chosen at once. The pit ends
 *       the episode with reward 0, and the fork's sparse variant is antmaze-style: reaching the goal ends the
 *       episode with reward 1, so its normalized score is the success rate.</li>
 *   <li>{@code bandit}: one step, action in {@code [-1, 1]^2}, reward 1 near each of four modes
 *       {@code (+-0.7, +-0.7)} and about 0 between them.</li>
 *   <li>{@code hopper}, {@code walker2d}, {@code halfcheetah}: D4RL's MuJoCo locomotion tasks (gym's v3 classes,
 *       {@link io.github.edp4j.d4rl.mujoco.Locomotion}); they need the native MuJoCo library
 *       ({@link #unavailableReason(String)}).</li>
 * </ul>
 * Datasets ({@link #datasetNames()}) are named {@code <task>-<kind>}: {@code pendulum-random}, {@code -medium},
 * {@code -expert}, {@code -medium-replay}, {@code -medium-expert}; {@code pointmaze-<layout>[-dense]-noisy} and
 * {@code pointmaze-fork[-dense]-multimodal}; {@code bandit-mixed}; {@code hopper-random}, {@code -medium},
 * {@code -expert}, {@code -medium-expert} and the same for {@code walker2d} and {@code halfcheetah}, collected from
 * the shipped expert actors ({@link Behaviours}, {@link DatasetCollector}) with 100,000 transitions each (the
 * medium-expert twice that) unless the system property {@code edp4j.datasets.locomotion.steps} sets another size.
 * They are generated on first use and cached as
 * D4RL-layout HDF5 files in {@link #cacheDirectory()} (written to a temporary file and moved into place); a cache
 * file that cannot be read or fails its content hash is regenerated, and a cache that cannot be written is skipped
 * with a warning.
 *
 * <p>Normalized score: {@code 100 (R - min) / (max - min)} with {@code min} the mean return of the uniform random
 * policy and {@code max} that of the scripted expert ({@link #referenceScores(String)}); for the locomotion tasks
 * D4RL's references, so scores compare with published D4RL results.
 */
public final class BuiltinTasks {

    /** System property that overrides the dataset cache directory. */
    public static final String CACHE_DIR_PROPERTY = "edp4j.datasets.dir";

    private BuiltinTasks() {
    }

    /** @return the names of all built-in tasks (environments), in a fixed order */
    public static List<String> taskNames() {
        return TaskCatalog.taskNames();
    }

    /** @return the names of all built-in datasets, in a fixed order */
    public static List<String> datasetNames() {
        return TaskCatalog.datasetNames();
    }

    /**
     * @param task a task name such as {@code pendulum}, {@code pointmaze-fork} or {@code hopper}
     * @return a new environment of that task; a MuJoCo task's is {@link AutoCloseable} and holds native memory
     *     until closed (or garbage-collected)
     * @throws IllegalArgumentException listing the known task names if the name is unknown
     * @throws io.github.edp4j.d4rl.mujoco.MuJoCoException if the task needs MuJoCo and it is not available
     */
    public static Environment environment(String task) {
        return TaskCatalog.task(task).environment().get();
    }

    /**
     * @param dataset a dataset name such as {@code pendulum-medium}
     * @return the name of the task the dataset was collected on, such as {@code pendulum}
     * @throws IllegalArgumentException listing the known dataset names if the name is unknown
     */
    public static String taskOf(String dataset) {
        return TaskCatalog.dataset(dataset).task();
    }

    /**
     * A built-in dataset, from the cache in {@link #cacheDirectory()} or generated and cached there.
     *
     * @param dataset a dataset name such as {@code pendulum-medium}
     * @return the dataset
     * @throws IllegalArgumentException listing the known dataset names if the name is unknown
     */
    public static OfflineDataset dataset(String dataset) {
        return dataset(dataset, cacheDirectory());
    }

    /**
     * A built-in dataset, from the cache in {@code cacheDir} or generated and cached there (if the directory cannot
     * be written, the generated dataset is returned uncached).
     *
     * @param dataset a dataset name such as {@code pendulum-medium}
     * @param cacheDir the cache directory (created if missing)
     * @return the dataset
     * @throws IllegalArgumentException listing the known dataset names if the name is unknown
     */
    public static OfflineDataset dataset(String dataset, Path cacheDir) {
        return new DatasetCache(cacheDir).get(TaskCatalog.dataset(dataset));
    }

    /**
     * Generates a built-in dataset without touching the cache. The result is the same on every call and every JVM.
     *
     * @param dataset a dataset name such as {@code pendulum-medium}
     * @return the dataset
     * @throws IllegalArgumentException listing the known dataset names if the name is unknown
     */
    public static OfflineDataset generate(String dataset) {
        return TaskCatalog.dataset(dataset).generate();
    }

    /**
     * @param taskOrDataset a task name, or a dataset name (meaning its task)
     * @return the task's reference returns
     * @throws IllegalArgumentException listing the known names if the name is unknown
     */
    public static ReferenceScores referenceScores(String taskOrDataset) {
        return TaskCatalog.taskOrDatasetTask(taskOrDataset).reference();
    }

    /**
     * D4RL's normalized score {@code 100 (R - min) / (max - min)} of a return on a task.
     *
     * @param taskOrDataset a task name, or a dataset name (meaning its task)
     * @param episodeReturn an undiscounted episode return, or a mean of them
     * @return the normalized score: 0 for the random policy, 100 for the scripted expert
     * @throws IllegalArgumentException listing the known names if the name is unknown
     */
    public static double normalizedScore(String taskOrDataset, double episodeReturn) {
        return referenceScores(taskOrDataset).normalize(episodeReturn);
    }

    /**
     * @param taskOrDataset a task name, or a dataset name (meaning its task)
     * @return why the task cannot run in this JVM (its MuJoCo library is missing, with how to install it), empty if
     *     it can
     * @throws IllegalArgumentException listing the known names if the name is unknown
     */
    public static java.util.Optional<String> unavailableReason(String taskOrDataset) {
        return java.util.Optional.ofNullable(TaskCatalog.taskOrDatasetTask(taskOrDataset).unavailableReason());
    }

    /**
     * @return the dataset cache directory: the system property {@value #CACHE_DIR_PROPERTY} if set, otherwise
     *         {@code ~/.edp4j/datasets}
     */
    public static Path cacheDirectory() {
        String dir = System.getProperty(CACHE_DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("user.home"), ".edp4j", "datasets");
    }
}
