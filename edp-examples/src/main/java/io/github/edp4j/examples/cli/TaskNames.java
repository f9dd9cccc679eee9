package io.github.edp4j.examples.cli;

import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The names accepted where a command needs a built-in environment: a task of {@link BuiltinTasks#taskNames()}, or a
 * built-in dataset of {@link BuiltinTasks#datasetNames()}, meaning the task it was collected on.
 */
public final class TaskNames implements Iterable<String> {

    /** Creates the list; picocli instantiates it for completion candidates. */
    public TaskNames() {
        // stateless view of BuiltinTasks
    }

    @Override
    public Iterator<String> iterator() {
        return Stream.concat(BuiltinTasks.taskNames().stream(), BuiltinTasks.datasetNames().stream()).iterator();
    }

    /**
     * Resolves the name of an environment to evaluate on: a built-in task or dataset, or a D4RL locomotion dataset or
     * gym name, whose MuJoCo environment must be available.
     *
     * @param commandLine the command whose option carried the name, for the usage error
     * @param name the value of {@code --env/--task}
     * @return the evaluation target
     * @throws ParameterException naming the value and listing the built-in tasks if it names none
     * @throws IllegalStateException if the task runs on MuJoCo and MuJoCo is not available, with the reason
     */
    public static EvaluationTarget evaluationTarget(CommandLine commandLine, String name) {
        EvaluationTarget target = EvaluationTarget.find(name).orElseThrow(() -> new ParameterException(commandLine,
                "unknown built-in task '" + name + "' for --env/--task; tasks: "
                        + String.join(", ", BuiltinTasks.taskNames())
                        + " (or the name of one of their datasets, or a D4RL locomotion dataset such as"
                        + " hopper-medium-v2)"));
        Optional<String> missing = target.unavailableReason();
        if (missing.isPresent()) {
            throw new IllegalStateException("task " + target.task() + " runs on MuJoCo, which is not available: "
                    + missing.get());
        }
        return target;
    }

    /**
     * Resolves a task or dataset name to its task.
     *
     * @param commandLine the command whose option carried the name, for the usage error
     * @param option the option's name, such as {@code --task}
     * @param name the value given
     * @return the task's name, such as {@code bandit} for {@code bandit} or {@code bandit-mixed}
     * @throws ParameterException naming the value and listing the built-in tasks if it is neither
     */
    public static String require(CommandLine commandLine, String option, String name) {
        if (BuiltinTasks.taskNames().contains(name)) {
            return name;
        }
        if (BuiltinTasks.datasetNames().contains(name)) {
            return BuiltinTasks.taskOf(name);
        }
        throw new ParameterException(commandLine, "unknown built-in task '" + name + "' for " + option
                + "; tasks: " + String.join(", ", BuiltinTasks.taskNames()) + " (or the name of one of their"
                + " datasets)");
    }
}
