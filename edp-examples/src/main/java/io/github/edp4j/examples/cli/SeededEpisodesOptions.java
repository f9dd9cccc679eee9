package io.github.edp4j.examples.cli;

import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of the commands that run a saved policy for seeded episodes ({@code edp4j evaluate} and {@code edp4j
 * ablate}): the policy file, the environment and the episodes, episode {@code i} reset with seed {@code S + i} as the
 * EDP paper evaluates.
 */
final class SeededEpisodesOptions {

    @Option(names = "--policy", paramLabel = "FILE", required = true,
            description = "A policy file, such as the policy.edp4j that edp4j train writes.")
    private Path policyFile;

    @Option(names = {"--env", "--task"}, paramLabel = "NAME", required = true, completionCandidates = TaskNames.class,
            description = "A built-in task, or a built-in dataset meaning its task: ${COMPLETION-CANDIDATES}; or a D4RL"
                    + " locomotion dataset or gym name such as hopper-medium-v2 or Hopper-v3 (needs MuJoCo).")
    private String task;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "10",
            description = "Episodes to run (for ablate: per setting) (default: ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the first episode; episode i uses S + i (default: ${DEFAULT-VALUE}).")
    private long seed;

    /** Creates the options; picocli fills them in. */
    SeededEpisodesOptions() {
        // instantiated by picocli
    }

    /**
     * Resolves {@code --env} (see {@link TaskNames#evaluationTarget}) and checks {@code --episodes}.
     *
     * @param commandLine the command, for usage errors
     * @return the evaluation target
     * @throws ParameterException for an unknown environment or fewer than one episode
     * @throws IllegalStateException if the environment needs MuJoCo and MuJoCo is not available
     */
    EvaluationTarget target(CommandLine commandLine) {
        EvaluationTarget target = TaskNames.evaluationTarget(commandLine, task);
        if (episodes < 1) {
            throw new ParameterException(commandLine, "--episodes must be >= 1, got " + episodes);
        }
        return target;
    }

    /** @return the policy file, absolute and normalised */
    Path policyFile() {
        return policyFile.toAbsolutePath().normalize();
    }

    /** @return the number of episodes */
    int episodes() {
        return episodes;
    }

    /** @return the seed of the first episode */
    long seed() {
        return seed;
    }
}
