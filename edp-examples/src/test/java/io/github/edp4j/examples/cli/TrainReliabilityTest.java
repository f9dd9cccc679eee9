package io.github.edp4j.examples.cli;

import io.github.edp4j.d4rl.D4rlWriter;
import io.github.edp4j.examples.DatasetsDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12's CLI defects: absurd sizes, learning rates and thread counts refused before anything is written (exit 2,
 * the builder's message), an {@link OutOfMemoryError} reported in one line, a run killed before its first
 * checkpoint restarted by {@code --resume}, {@code --resume} alone taking the options of {@code command.txt},
 * {@code --name} checked against the file's dimensions, a full disk's message naming the file, and no libtorch
 * warning on stderr.
 */
class TrainReliabilityTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final DatasetsDirectory DATASETS = new DatasetsDirectory();
    private static Path finished;

    @BeforeAll
    static void trainOnce() {
        DATASETS.use(dir.resolve("cache"));
        finished = dir.resolve("finished");
        CliRun r = TrainCommandTest.train(finished, "--task", "bandit-mixed");
        assertEquals(0, r.exitCode(), r::toString);
    }

    private static CliRun refused(int exitCode, String message, String... options) {
        Path out = dir.resolve("never-written");
        List<String> args = new ArrayList<>(List.of("train", "--task", "bandit-mixed", "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(exitCode, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).contains(message), () -> "expected '" + message + "' in " + r);
        assertFalse(Files.exists(out), "nothing is written: " + r);
        return r;
    }

    @Test
    void absurdSizesAreRefusedBeforeAnythingIsAllocatedOrWritten() {
        CliRun r = refused(2, "edp4j train: --hidden: hidden = [100000, 100000] is too large: training would need"
                + " about ", "--hidden", "100000,100000");
        assertTrue(r.err().contains("of memory available (physical memory "), r.err());
        refused(2, "--batch-size: batchSize = 2000000000 is too large", "--batch-size", "2000000000");
        refused(2, "--eas-candidates: easCandidates = 2000000000 is too large", "--eas-candidates", "2000000000");
    }

    @Test
    void aLearningRateBeyondFloat32IsAUsageErrorBeforeCommandTxtIsWritten() {
        refused(2, "--critic-lr: criticLearningRate = 1.0E308 is invalid: allowed > 0, between", "--critic-lr",
                "1e308");
        refused(2, "--actor-lr: actorLearningRate = 1.0E-60 is invalid", "--actor-lr", "1e-60");
    }

    @Test
    void threadsAreBoundedByTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        refused(2, "--threads: threads = 1000 is invalid: allowed 0 (libtorch's default) to " + cores
                + ", the number of cores available", "--threads", "1000");
        CliRun r = CliRun.of("evaluate", "--policy", finished.resolve(TrainCommand.POLICY_FILE).toString(), "--task",
                "bandit", "--threads", "1000");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--threads must be at most " + cores + ", the number of cores available"),
                r.err());
    }

    /** A command that runs out of Java heap, as a real one might. */
    @Command(name = "exhaust")
    static final class Exhaust implements Callable<Integer> {
        @CommandLine.Mixin
        private VerboseOption verbose;

        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    private static CliRun exhaust(String... args) {
        CommandLine cl = Edp4jCli.newCommandLine();
        cl.addSubcommand(new CommandLine(new Exhaust()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliRun(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void outOfMemoryIsOneLineAndTheStackOnlyWithVerbose() {
        CliRun r = exhaust("exhaust");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("edp4j exhaust: out of memory (Java heap space): the command needs"
                + " more than the JVM may use"), r.err());
        CliRun verbose = exhaust("exhaust", "--verbose");
        assertEquals(1, verbose.exitCode(), verbose::toString);
        assertTrue(verbose.errLines().size() > 3, verbose::toString);
        assertTrue(verbose.err().contains("java.lang.OutOfMemoryError: Java heap space"), verbose.err());
        assertEquals("out of memory: libtorch could not allocate 400000000000 bytes; use smaller sizes (--hidden,"
                + " --batch-size) (run with --verbose for the stack trace)", CliErrorReporter.describe(
                        new RuntimeException("[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: can't"
                                + " allocate memory: you tried to allocate 400000000000 bytes. Error code 12")));
    }

    private static List<String> iterations(Path csv) throws IOException {
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return rows.subList(1, rows.size()).stream().map(l -> l.split(",")[0]).toList();
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointIsRestartedByResumeAlone() throws IOException {
        // what a kill before the first checkpoint leaves: command.txt and the CSV files, no checkpoint, no policy
        Path killed = dir.resolve("killed-early");
        TrainCommandTest.copyTree(finished, killed);
        try (var files = Files.walk(killed.resolve(TrainCommand.CHECKPOINT_DIR))) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.delete(killed.resolve(TrainCommand.POLICY_FILE));
        List<String> before = iterations(finished.resolve("training.csv"));

        CliRun again = CliRun.of("train", "--task", "bandit-mixed", "--out", killed.toString());
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("pass --resume to continue it (it stopped before its first checkpoint, so it"
                + " starts again from iteration 0)"), again.err());

        CliRun r = CliRun.of("train", "--out", killed.toString(), "--resume");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("no checkpoint in " + killed.resolve(TrainCommand.CHECKPOINT_DIR)
                + " (the run stopped before its first): training from iteration 0\ntraining EDP-IQL"), r.out());
        assertEquals(before, iterations(killed.resolve("training.csv")), "each iteration once, as in the first run");
        assertTrue(Files.isRegularFile(killed.resolve(TrainCommand.POLICY_FILE)));
    }

    @Test
    void resumeAloneTakesTheRecordedOptionsAndRefusesContradictingOnes() throws IOException {
        Path copy = dir.resolve("resume-recorded");
        TrainCommandTest.copyTree(finished, copy);
        CliRun other = CliRun.of("train", "--out", copy.toString(), "--resume", "--iterations", "60", "--hidden",
                "8,8", "--algo", "iql", "--seed", "4");
        assertEquals(2, other.exitCode(), other::toString);
        assertEquals(1, other.errLines().size(), other::toString);
        assertTrue(other.err().contains("--resume: options differ from those recorded in "
                + copy.resolve(TrainCommand.COMMAND_FILE) + ": --hidden 8,8 (the run has 16,16), --seed 4 (the run"
                + " has the default, 0); only --iterations, --threads, --checkpoint-every, --log-every may change"),
                other.err());

        CliRun r = CliRun.of("train", "--out", copy.toString(), "--resume", "--iterations", "60", "--threads", "1");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("resuming EDP-IQL (diffusion policy, K = 10, hidden 16x16) on bandit-mixed"),
                r.out());
        assertTrue(r.out().contains("it 60/60"), r.out());
        assertFalse(r.out().contains("it 20/60"), r.out());
        List<String> its = iterations(copy.resolve("training.csv"));
        assertEquals(its.size(), new HashSet<>(its).size(), "no iteration twice: " + its);
        assertEquals("60", its.get(its.size() - 1));
        List<String> commands = Files.readAllLines(copy.resolve(TrainCommand.COMMAND_FILE)).stream()
                .filter(l -> l.startsWith("edp4j train ")).toList();
        assertEquals(2, commands.size(), commands.toString());
        String last = commands.get(1);
        for (String option : List.of("--task bandit-mixed", "--hidden 16,16", "--batch-size 32", "--iterations 60",
                "--threads 1", "--resume")) {
            assertTrue(last.contains(option), "the resumed command is recorded in full: " + last);
        }
        assertFalse(last.contains("--iterations 40"), last);
    }

    @Test
    void aD4rlNameMustFitTheFilesDimensions() {
        Path hopperLike = dir.resolve("hopper-like.hdf5");
        D4rlWriter.write(TestDatasets.threeEpisodes("hopper-like", 11, 3), hopperLike);
        String expected = hopperLike.toAbsolutePath() + ": 'pen-human-v1' (given name) is a pen dataset, whose"
                + " observation/action dimensions are 45/24, but the file's are 11/3 (those of hopper)";
        CliRun info = CliRun.of("info", "--dataset", hopperLike.toString(), "--name", "pen-human-v1");
        assertEquals(1, info.exitCode(), info::toString);
        assertTrue(info.err().contains(expected) || info.err().contains(expected.replace(
                hopperLike.toAbsolutePath().toString(), hopperLike.toString())), info.err());
        Path out = dir.resolve("pen-run");
        CliRun train = CliRun.of("train", "--dataset", hopperLike.toString(), "--name", "pen-human-v1", "--out",
                out.toString());
        assertEquals(1, train.exitCode(), train::toString);
        assertTrue(train.err().contains("is a pen dataset"), train.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFullDiskNamesTheFileBeingWritten() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "needs /dev/full (Linux)");
        Path run = dir.resolve("full-disk");
        Files.createDirectories(run);
        Files.createSymbolicLink(run.resolve(TrainCommand.COMMAND_FILE), full);
        CliRun r = CliRun.of("train", "--task", "bandit-mixed", "--iterations", "2", "--hidden", "8", "--steps", "5",
                "--out", run.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("edp4j train: cannot write " + run.resolve(TrainCommand.COMMAND_FILE).toAbsolutePath()
                + ": No space left on device", r.errLines().get(0), r::toString);
    }

    @Test
    @Timeout(180)
    void trainAndEvaluatePrintNoLibtorchWarning() throws Exception {
        Path out = dir.resolve("quiet-run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> common = List.of(java, "-Dai.djl.offline=true", "-Dedp4j.datasets.dir=" + dir.resolve("cache"),
                "-cp", System.getProperty("java.class.path"), Edp4jCli.class.getName());
        Set<String> warnings = new HashSet<>();
        for (List<String> args : List.of(
                List.of("train", "--task", "bandit-mixed", "--iterations", "4", "--hidden", "8", "--steps", "5",
                        "--batch-size", "16", "--eval-every", "2", "--episodes", "1", "--threads", "1", "--out",
                        out.toString()),
                List.of("evaluate", "--policy", out.resolve(TrainCommand.POLICY_FILE).toString(), "--task", "bandit",
                        "--episodes", "2"))) {
            List<String> command = new ArrayList<>(common);
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(150, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), args.get(0) + " failed: " + err);
            err.lines().filter(l -> l.matches("^\\[W\\d{4} .*") || l.contains("AutoNonVariableTypeMode"))
                    .forEach(warnings::add);
        }
        assertEquals(Set.of(), warnings, "libtorch printed warnings");
    }
}
