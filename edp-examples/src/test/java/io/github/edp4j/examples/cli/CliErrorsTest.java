package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.d4rl.D4rlWriter;
import io.github.edp4j.examples.DatasetsDirectory;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * Every error path of the CLI: the exit code (2 usage, 1 failure), exactly one line on stderr that says what is wrong,
 * nothing on stdout, and no stack trace unless {@code --verbose}.
 */
class CliErrorsTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final DatasetsDirectory DATASETS = new DatasetsDirectory();

    private static Path garbage;
    private static Path truncated;
    private static Path missingKeys;

    @BeforeAll
    static void files() throws IOException {
        DATASETS.use(dir.resolve("cache"));
        garbage = dir.resolve("garbage.hdf5");
        Files.writeString(garbage, "this is not HDF5, just text\n".repeat(50), StandardCharsets.UTF_8);
        Path valid = dir.resolve("valid.hdf5");
        D4rlWriter.write(TestDatasets.threeEpisodes("valid"), valid);
        byte[] bytes = Files.readAllBytes(valid);
        truncated = dir.resolve("truncated.hdf5");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        missingKeys = dir.resolve("missing-keys.hdf5");
        try (WritableHdfFile f = HdfFile.write(missingKeys)) {
            f.putDataset("observations", new float[][] {{1, 2}, {3, 4}});
            f.putDataset("rewards", new float[] {1, 2});
        }
    }


    static Stream<Arguments> errors() {
        String missing = dir.resolve("no-such-file.hdf5").toString();
        return Stream.of(
                // failures while running: exit 1
                Arguments.of(List.of("info", "--dataset", missing), 1, "edp4j info: " + missing + ": no such file"),
                Arguments.of(List.of("info", "--dataset", dir.toString()), 1, "is a directory"),
                Arguments.of(List.of("info", "--dataset", garbage.toString()), 1, "not an HDF5 file"),
                Arguments.of(List.of("info", "--dataset", truncated.toString()), 1, "truncated"),
                Arguments.of(List.of("info", "--dataset", missingKeys.toString()), 1,
                        "missing required keys actions, terminals"),
                Arguments.of(List.of("info", "--dataset", garbage.toString(), "--name", "hopper-medium-v2"), 1,
                        "not an HDF5 file"),
                // usage errors: exit 2
                Arguments.of(List.of("info", "--task", "pendulum-mediu"), 2,
                        "edp4j info: unknown built-in dataset 'pendulum-mediu' for --task; known: pendulum-random"),
                Arguments.of(List.of("info"), 2, "Missing required argument"),
                Arguments.of(List.of("info", "--task", "pendulum-medium", "--dataset", garbage.toString()), 2,
                        "mutually exclusive"),
                Arguments.of(List.of("info", "--name", "hopper-medium-v2"), 2, "--dataset"),
                Arguments.of(List.of("info", "--dataset", garbage.toString(), "--name", " "), 2,
                        "--name must not be blank"),
                Arguments.of(List.of("info", "--task"), 2, "Missing required parameter for option '--task'"),
                Arguments.of(List.of("info", "--task", "pendulum-medium", "--bogus"), 2, "Unknown option: '--bogus'"),
                Arguments.of(List.of("info", "--task", "pendulum-medium", "extra"), 2, "extra"),
                Arguments.of(List.of("info", "--task", "pendulum-medium", "--verbose=maybe"), 2, "maybe"),
                Arguments.of(List.of("frobnicate"), 2, "frobnicate"),
                Arguments.of(List.of("export", "--task", "hopper-medium-v2", "--out", "x.hdf5"), 2,
                        "edp4j export: unknown built-in dataset 'hopper-medium-v2'"),
                Arguments.of(List.of("export", "--task", "pendulum-medium"), 2, "Missing required option: '--out"),
                Arguments.of(List.of("export", "--out", "x.hdf5"), 2, "Missing required option: '--task"),
                Arguments.of(List.of("export", "--task", "pendulum-medium", "--out"), 2,
                        "Missing required parameter for option '--out'"));
    }

    @ParameterizedTest(name = "{0} -> exit {1}")
    @MethodSource("errors")
    void errorPrintsOneLineAndExitsNonZero(List<String> args, int exitCode, String message) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), () -> "one line on stderr: " + run);
        String line = run.errLines().get(0);
        assertTrue(line.contains(message), () -> "expected '" + message + "' in: " + line);
        assertTrue(line.startsWith("edp4j"), line);
        if (exitCode == 2) {
            assertTrue(line.endsWith("--help')"), "a usage error points at the help: " + line);
        }
        assertFalse(line.contains("Exception"), "no exception class names in: " + line);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheLine() {
        CliRun run = CliRun.of("info", "--dataset", garbage.toString(), "--verbose");
        assertEquals(1, run.exitCode(), run::toString);
        List<String> lines = run.errLines();
        assertTrue(lines.size() > 3, run::toString);
        assertTrue(lines.get(0).startsWith("edp4j info: " + garbage + ": not an HDF5 file"), lines.get(0));
        assertTrue(lines.get(1).startsWith("io.github.edp4j.d4rl.D4rlFormatException"), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\tat io.github.edp4j.d4rl.D4rlFile.open")), run::toString);
    }

    @Test
    void withoutSubcommandPrintsUsageAsAUsageError() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("edp4j: a subcommand is required", run.errLines().get(0));
        assertTrue(run.err().contains("Usage: edp4j"), run::toString);
        assertTrue(run.err().contains("info") && run.err().contains("export"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void unexpectedFailuresNameTheirTypeAndPointAtVerbose() {
        assertEquals("NullPointerException: boom (run with --verbose for the stack trace)",
                CliErrorReporter.describe(new NullPointerException("boom")));
        assertEquals("no such thing", CliErrorReporter.describe(new IllegalStateException("no such thing")));
        assertEquals("first; second", CliErrorReporter.describe(new IllegalArgumentException("first\n  second\n")));
        assertEquals("/x/y: no such file", CliErrorReporter.describe(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("/x/y"))));
        assertEquals("cannot read /x/y: disk on fire", CliErrorReporter.describe(new java.io.UncheckedIOException(
                "cannot read /x/y: disk on fire", new IOException("disk on fire"))));
    }
}
