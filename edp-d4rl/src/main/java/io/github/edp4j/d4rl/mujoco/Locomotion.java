package io.github.edp4j.d4rl.mujoco;

/**
 * Factory of D4RL's MuJoCo locomotion environments (Hopper, Walker2d, HalfCheetah as gym's v3 classes) on the
 * library {@link MuJoCo#get()} loads. Each call compiles a fresh model and allocates its own {@code mjData}; close
 * the environment when done.
 */
public final class Locomotion {

    private Locomotion() {
    }

    /**
     * @param taskOrDatasetName {@code hopper}, {@code Hopper-v3}, {@code hopper-medium-v2}, ... (see
     *     {@link LocomotionTask#forName(String)})
     * @return a new environment
     * @throws IllegalArgumentException if the name matches no task
     * @throws MuJoCoException if MuJoCo is not available (the message says how to install it)
     */
    public static LocomotionEnvironment environment(String taskOrDatasetName) {
        return environment(LocomotionTask.forName(taskOrDatasetName));
    }

    /**
     * @param task the task
     * @return a new environment
     * @throws MuJoCoException if MuJoCo is not available (the message says how to install it)
     */
    public static LocomotionEnvironment environment(LocomotionTask task) {
        if (task == null) {
            throw new IllegalArgumentException("locomotion task must not be null");
        }
        return new LocomotionEnvironment(task, MuJoCo.get());
    }
}
