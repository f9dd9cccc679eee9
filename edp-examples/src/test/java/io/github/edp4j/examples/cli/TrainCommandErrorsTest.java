package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.examples.DatasetsDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error path of {@code train} and {@code evaluate}: exit code 2 for usage errors (bad or missing option values,
 * unknown names; a bad training value gets the builder's own message, naming the option), 1 for failures (missing or
 * unreadable files, a run directory in the way, no checkpoint, a policy that does not fit the task); exactly one line
 * on stderr, nothing on stdout, nothing written.
 */
class TrainCommandErrorsTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final DatasetsDirectory DATASETS = new DatasetsDirectory();
    private static Path banditPolicy;
    private static Path existingRun;
    private static Path notAPolicy;
    private static Path aFile;

    @BeforeAll
    static void files() throws IOException {
        DATASETS.use(dir.resolve("cache"));
        Path run = dir.resolve("bandit-run");
        CliRun r = CliRun.of("train", "--task", "bandit-mixed", "--algo", "iql", "--iterations", "2", "--hidden", "8",
                "--batch-size", "16", "--steps", "5", "--eval-every", "2", "--episodes", "1", "--out", run.toString());
        assertEquals(0, r.exitCode(), r::toString);
        banditPolicy = run.resolve(TrainCommand.POLICY_FILE);
        existingRun = run;
        notAPolicy = dir.resolve("not-a-policy.edp4j");
        Files.writeString(notAPolicy, "hello\n", StandardCharsets.UTF_8);
        aFile = dir.resolve("a-file.txt");
        Files.writeString(aFile, "x", StandardCharsets.UTF_8);
    }


    /**
     * {@code train --task bandit-mixed} with the given options and tiny settings for the options not given (so that
     * a command that wrongly went on to train would be over in a moment), and {@code --out} the directory the test
     * checks stays unwritten, unless the options name {@code --out} or test {@code --resume} without it.
     */
    static List<String> train(String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--task", "bandit-mixed"));
        args.addAll(List.of(options));
        if (!args.contains("--out") && !args.contains("--resume")) {
            args.addAll(List.of("--out", dir.resolve("fresh-run").toString()));
        }
        String[] tiny = {"--iterations", "2", "--hidden", "8", "--steps", "5"};
        for (int i = 0; i < tiny.length; i += 2) {
            if (!args.contains(tiny[i])) {
                args.addAll(List.of(tiny[i], tiny[i + 1]));
            }
        }
        return args;
    }

    static Stream<Arguments> errors() {
        String missing = dir.resolve("no-such-file.hdf5").toString();
        String fresh = dir.resolve("fresh-run").toString();
        return Stream.of(
                // train, failures: exit 1
                Arguments.of(List.of("train", "--dataset", missing, "--out", fresh), 1,
                        "edp4j train: " + missing + ": no such file"),
                Arguments.of(List.of("train", "--dataset", notAPolicy.toString(), "--out", fresh), 1,
                        "not an HDF5 file"),
                Arguments.of(train("--out", existingRun.toString()), 1,
                        "already holds a training run (training.csv); pass --resume to continue it"),
                Arguments.of(train("--out", aFile.toString()), 1, aFile + ": not a directory"),
                Arguments.of(train("--out", fresh, "--resume"), 1,
                        fresh + ": no run to resume here (no command.txt and no checkpoint)"),
                // train, usage errors: exit 2
                Arguments.of(List.of("train", "--task", "bandit-mixd", "--out", fresh), 2,
                        "edp4j train: unknown built-in dataset 'bandit-mixd' for --task; known: pendulum-random"),
                Arguments.of(List.of("train"), 2, "Missing required argument"),
                Arguments.of(train("--steps", "0"), 2, "--steps: steps = 0 is invalid: allowed >= 1"),
                Arguments.of(train("--iterations", "0"), 2, "--iterations: iterations = 0 is invalid: allowed >= 1"),
                Arguments.of(train("--batch-size", "-3"), 2, "--batch-size: batchSize = -3 is invalid"),
                Arguments.of(train("--hidden", "16,0"), 2, "--hidden: hidden = [16, 0] is invalid: allowed at least"
                        + " one width, each >= 1"),
                Arguments.of(train("--actor-lr", "0"), 2, "--actor-lr: actorLearningRate = 0.0 is invalid"),
                Arguments.of(train("--eval-every", "0"), 2, "--eval-every: evalEvery = 0 is invalid"),
                Arguments.of(train("--episodes", "0"), 2, "--episodes: evalEpisodes = 0 is invalid"),
                Arguments.of(train("--eas-candidates", "0"), 2, "--eas-candidates: easCandidates = 0 is invalid"),
                Arguments.of(train("--threads", "-1"), 2, "--threads: threads = -1 is invalid"),
                Arguments.of(train("--checkpoint-every", "-5"), 2,
                        "--checkpoint-every: checkpointEvery = -5 is invalid"),
                Arguments.of(train("--log-every", "0"), 2, "--log-every: logEvery = 0 is invalid"),
                Arguments.of(train("--steps", "many"), 2, "Invalid value for option '--steps': 'many' is not an int"),
                Arguments.of(train("--algo", "sac"), 2, "Invalid value for option '--algo'"),
                Arguments.of(train("--algo", "dtql", "--policy", "gaussian", "--dtql-pretrain", "1"), 2,
                        "--policy: policyClass = GAUSSIAN is invalid: allowed DIFFUSION with algorithm DTQL"),
                Arguments.of(train("--algo", "dtql", "--dtql-alpha", "-1", "--dtql-pretrain", "1"), 2,
                        "--dtql-alpha: dtqlAlpha = -1.0 is invalid: allowed > 0"),
                Arguments.of(train("--algo", "dtql"), 2, "--dtql-pretrain: dtqlPretrainIterations = 50000 is invalid:"
                        + " allowed fewer than iterations"),
                Arguments.of(train("--policy", "flow"), 2, "Invalid value for option '--policy'"),
                Arguments.of(train("--grid", "cosine"), 2, "Invalid value for option '--grid'"),
                Arguments.of(train("--preset", "mujoco"), 2, "Invalid value for option '--preset'"),
                Arguments.of(train("--device", "tpu"), 2, "Invalid value for option '--device'"),
                Arguments.of(train("--resume"), 2, "--resume needs --out DIR"),
                Arguments.of(List.of("train", "--task", "bandit-mixed", "--dataset", missing, "--out", fresh), 2,
                        "mutually exclusive"),
                // evaluate, failures: exit 1
                Arguments.of(List.of("evaluate", "--policy", missing, "--task", "bandit"), 1,
                        "edp4j evaluate: " + missing + ": no policy file here"),
                Arguments.of(List.of("evaluate", "--policy", notAPolicy.toString(), "--task", "bandit"), 1,
                        notAPolicy + ": not an EDP4J policy file"),
                Arguments.of(List.of("evaluate", "--policy", banditPolicy.toString(), "--task", "pendulum"), 1,
                        "edp4j evaluate: the policy (trained on bandit-mixed) has observation dimension 2 and action"
                                + " dimension 2, but task pendulum has observation dimension 3 and action dimension 1"),
                Arguments.of(List.of("evaluate", "--policy", banditPolicy.toString(), "--task",
                        "pointmaze-fork-multimodal"), 1, "but task pointmaze-fork has observation dimension 4"),
                // evaluate, usage errors: exit 2
                Arguments.of(List.of("evaluate", "--policy", banditPolicy.toString(), "--task", "bandid"), 2,
                        "edp4j evaluate: unknown built-in task 'bandid' for --env/--task; tasks: pendulum,"),
                Arguments.of(List.of("evaluate", "--policy", banditPolicy.toString(), "--task", "bandit",
                        "--episodes", "0"), 2, "--episodes must be >= 1, got 0"),
                Arguments.of(List.of("evaluate", "--policy", banditPolicy.toString(), "--task", "bandit",
                        "--threads", "0"), 2, "--threads must be >= 1, got 0"),
                Arguments.of(List.of("evaluate", "--task", "bandit"), 2, "Missing required option: '--policy=FILE'"),
                Arguments.of(List.of("evaluate", "--policy", banditPolicy.toString()), 2,
                        "Missing required option: '--task=NAME'"),
                Arguments.of(List.of("evaluate", "--policy", banditPolicy.toString(), "--task", "bandit", "--seed",
                        "x"), 2, "Invalid value for option '--seed'"));
    }

    @ParameterizedTest(name = "{0} -> exit {1}")
    @MethodSource("errors")
    void errorPrintsOneLineAndExitsNonZero(List<String> args, int exitCode, String message) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), () -> "one line on stderr: " + run);
        String line = run.errLines().get(0);
        assertTrue(line.contains(message), () -> "expected '" + message + "' in: " + line);
        assertTrue(line.startsWith("edp4j " + args.get(0) + ": "), line);
        if (exitCode == 2) {
            assertTrue(line.endsWith("(see 'edp4j " + args.get(0) + " --help')"), "points at the help: " + line);
        }
        assertFalse(line.contains("Exception"), "no exception class names in: " + line);
        assertEquals("", run.out(), run::toString);
        assertFalse(Files.exists(dir.resolve("fresh-run")), "nothing is written on an error");
    }

    @Test
    void gpuWithoutAGpuFailsBeforeAnythingIsWritten() {
        assumeTrue(TorchRuntime.engine().getGpuCount() == 0, "this machine has a GPU");
        Path out = dir.resolve("gpu-run");
        CliRun run = CliRun.of(train("--device", "gpu", "--out", out.toString()).toArray(String[]::new));
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.errLines().get(0).startsWith("edp4j train: --device gpu: no GPU is visible to libtorch"),
                run::toString);
        assertEquals("", run.out());
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void aRunDirectoryIsLeftAsItWasAfterARefusedTrain() throws IOException {
        String before = Files.readString(existingRun.resolve("training.csv"), StandardCharsets.UTF_8);
        CliRun run = CliRun.of(train("--out", existingRun.toString()).toArray(String[]::new));
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(before, Files.readString(existingRun.resolve("training.csv"), StandardCharsets.UTF_8));
    }
}
