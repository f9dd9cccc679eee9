package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.d4rl.D4rlScores;
import io.github.edp4j.d4rl.experts.ExpertActor;
import io.github.edp4j.d4rl.mujoco.Locomotion;
import io.github.edp4j.d4rl.mujoco.LocomotionTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every built-in task and dataset by name, with the stored reference scores. Immutable.
 *
 * <p>The MuJoCo locomotion tasks ({@code hopper}, {@code walker2d}, {@code halfcheetah}) use D4RL's reference returns
 * ({@link D4rlScores}), so their normalized scores are comparable with published D4RL numbers.
 *
 * <p>The reference returns of the pure-Java tasks were measured with {@link TaskSpec#measureReference()} (episodes with seeds
 * {@code 0 .. episodes - 1}) and are re-checked, to the last bit, by the tests; regenerate them with the test-scope
 * {@code PrintReferenceScores} main after changing a task or its expert.
 */
final class TaskCatalog {

    static final int MAZE_EPISODES = 1000;

    private static final Map<String, TaskSpec> TASKS;
    private static final Map<String, DatasetSpec> DATASETS;

    static {
        Map<String, TaskSpec> t = new LinkedHashMap<>();
        add(t, new TaskSpec(Pendulum.NAME, Pendulum::new, PendulumController::expert,
                new ReferenceScores(-1219.033941690746, -149.75009973076507, 1000)));
        add(t, maze(MazeLayout.UMAZE, false, 0.032, 117.958));
        add(t, maze(MazeLayout.UMAZE, true, 18.435209036456502, 121.40231475776103));
        add(t, maze(MazeLayout.OPEN, false, 0.153, 131.117));
        add(t, maze(MazeLayout.OPEN, true, 4.695956974889519, 132.29364260929216));
        add(t, maze(MazeLayout.FORK, false, 0.0, 1.0));
        add(t, maze(MazeLayout.FORK, true, 0.5729591293613324, 7.364422441128748));
        add(t, new TaskSpec(Bandit.NAME, Bandit::new, BanditController::expert,
                new ReferenceScores(0.3478215037997037, 1.0, 10_000)));
        for (LocomotionTask task : LocomotionTask.values()) {
            D4rlScores.Reference ref = D4rlScores.reference(task.envName());
            add(t, new TaskSpec(task.envName(), () -> Locomotion.environment(task), () -> expertController(task),
                    new ReferenceScores(ref.min(), ref.max(), 1), true));
        }
        TASKS = Collections.unmodifiableMap(t);

        Map<String, DatasetSpec> d = new LinkedHashMap<>();
        int pendulumSize = PendulumDatasets.EPISODES * Pendulum.HORIZON;
        add(d, new DatasetSpec("pendulum-random", Pendulum.NAME, pendulumSize, PendulumDatasets::random));
        add(d, new DatasetSpec("pendulum-medium", Pendulum.NAME, pendulumSize, PendulumDatasets::medium));
        add(d, new DatasetSpec("pendulum-expert", Pendulum.NAME, pendulumSize, PendulumDatasets::expert));
        add(d, new DatasetSpec("pendulum-medium-replay", Pendulum.NAME,
                PendulumDatasets.REPLAY_EPISODES * Pendulum.HORIZON, PendulumDatasets::mediumReplay));
        add(d, new DatasetSpec("pendulum-medium-expert", Pendulum.NAME, 2 * pendulumSize,
                PendulumDatasets::mediumExpert));
        for (MazeLayout layout : List.of(MazeLayout.UMAZE, MazeLayout.OPEN, MazeLayout.FORK)) {
            for (boolean dense : new boolean[] {false, true}) {
                String task = PointMaze.taskName(layout, dense);
                int noisyEpisodes = PointMazeDatasets.noisyEpisodes(layout);
                // on the fork an episode ends early at the goal (sparse reward) or in the pit
                int horizon = layout.rules().horizon();
                int noisyMin = layout == MazeLayout.FORK ? noisyEpisodes : noisyEpisodes * horizon;
                add(d, new DatasetSpec(task + "-noisy", task, noisyMin, noisyEpisodes * horizon,
                        () -> PointMazeDatasets.noisy(layout, dense)));
                if (layout == MazeLayout.FORK) {
                    add(d, new DatasetSpec(task + "-multimodal", task, PointMazeDatasets.MULTIMODAL_EPISODES,
                            PointMazeDatasets.MULTIMODAL_EPISODES * horizon,
                            () -> PointMazeDatasets.multimodal(dense)));
                }
            }
        }
        add(d, new DatasetSpec("bandit-mixed", Bandit.NAME, BanditDatasets.EPISODES, BanditDatasets::mixed));
        for (LocomotionTask task : LocomotionTask.values()) {
            for (String kind : LocomotionDatasets.KINDS) {
                // placeholder of the default size; dataset(name) builds the entry of the configured size
                add(d, LocomotionDatasets.spec(task, kind, LocomotionDatasets.DEFAULT_STEPS));
            }
        }
        DATASETS = Collections.unmodifiableMap(d);
    }

    private static Controller expertController(LocomotionTask task) {
        ExpertActor actor = ExpertActor.builtin(task.envName());
        return (observation, rng) -> actor.act(observation);
    }

    private TaskCatalog() {
    }

    private static TaskSpec maze(MazeLayout layout, boolean dense, double min, double max) {
        return new TaskSpec(PointMaze.taskName(layout, dense), () -> new PointMaze(layout, dense),
                () -> new PointMazeExpert(layout, PointMazeExpert.ANY_ROUTE, 0.0),
                new ReferenceScores(min, max, MAZE_EPISODES));
    }

    private static <T> void add(Map<String, T> map, String name, T value) {
        if (map.put(name, value) != null) {
            throw new IllegalStateException("duplicate built-in name " + name);
        }
    }

    private static void add(Map<String, TaskSpec> map, TaskSpec spec) {
        add(map, spec.name(), spec);
    }

    private static void add(Map<String, DatasetSpec> map, DatasetSpec spec) {
        add(map, spec.name(), spec);
    }

    /** @return task names in catalog order */
    static List<String> taskNames() {
        return List.copyOf(TASKS.keySet());
    }

    /** @return dataset names in catalog order */
    static List<String> datasetNames() {
        return List.copyOf(DATASETS.keySet());
    }

    /** @return all task specs in catalog order */
    static List<TaskSpec> tasks() {
        return new ArrayList<>(TASKS.values());
    }

    /** @return the specs of the pure-Java tasks in catalog order */
    static List<TaskSpec> scriptedTasks() {
        return TASKS.values().stream().filter(t -> !t.mujoco()).toList();
    }

    /**
     * @param name a task name
     * @return its spec
     * @throws IllegalArgumentException listing the known task names if there is none
     */
    static TaskSpec task(String name) {
        TaskSpec spec = name == null ? null : TASKS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown built-in task '" + name + "'; known tasks: " + taskNames());
        }
        return spec;
    }

    /**
     * @param name a dataset name
     * @return its spec
     * @throws IllegalArgumentException listing the known dataset names if there is none
     */
    static DatasetSpec dataset(String name) {
        DatasetSpec spec = name == null ? null : DATASETS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "unknown built-in dataset '" + name + "'; known datasets: " + datasetNames());
        }
        TaskSpec task = TASKS.get(spec.task());
        if (task.mujoco()) {
            int steps = LocomotionDatasets.steps();
            if (steps != LocomotionDatasets.DEFAULT_STEPS) {
                String kind = name.substring(spec.task().length() + 1);
                return LocomotionDatasets.spec(LocomotionTask.forName(spec.task()), kind, steps);
            }
        }
        return spec;
    }

    /** @return the names of the pure-Java tasks, whose references are measured here, in catalog order */
    static List<String> scriptedTaskNames() {
        return TASKS.values().stream().filter(t -> !t.mujoco()).map(TaskSpec::name).toList();
    }

    /** @return the names of the datasets of pure-Java tasks, in catalog order */
    static List<String> scriptedDatasetNames() {
        return DATASETS.values().stream().filter(d -> !TASKS.get(d.task()).mujoco()).map(DatasetSpec::name)
                .toList();
    }

    /**
     * @param name a task name or a dataset name
     * @return the task itself or the task the dataset belongs to
     * @throws IllegalArgumentException listing the known task and dataset names if it is neither
     */
    static TaskSpec taskOrDatasetTask(String name) {
        if (name != null && TASKS.containsKey(name)) {
            return TASKS.get(name);
        }
        if (name != null && DATASETS.containsKey(name)) {
            return TASKS.get(DATASETS.get(name).task());
        }
        throw new IllegalArgumentException("unknown built-in task or dataset '" + name + "'; known tasks: "
                + taskNames() + "; known datasets: " + datasetNames());
    }
}
