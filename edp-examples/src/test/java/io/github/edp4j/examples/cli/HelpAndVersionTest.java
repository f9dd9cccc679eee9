package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} and {@code --version} on every command, found by walking the registered subcommands. */
class HelpAndVersionTest {

    /** @return the argument prefix of every command: {@code []}, {@code [info]}, {@code [export]}, ... */
    static Stream<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        collect(Edp4jCli.newCommandLine(), new ArrayList<>(), out);
        return out.stream();
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, out);
            }
        });
    }

    @Test
    void theSubcommandsAreRegistered() {
        List<String> names = commands().filter(p -> p.size() == 1).map(p -> p.get(0)).toList();
        assertTrue(names.containsAll(List.of("train", "evaluate", "info", "export", "help")), names.toString());
    }

    @ParameterizedTest(name = "edp4j {0} --help")
    @MethodSource("commands")
    void helpPrintsUsageAndExitsZero(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        String name = String.join(" ", Stream.concat(Stream.of("edp4j"), command.stream()).toList());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("Usage: " + name + " ")), run::toString);
        if (!command.contains("help")) {
            assertTrue(run.out().startsWith("Usage: " + name + " "), run::toString);
            assertTrue(run.out().contains("--verbose") && run.out().contains("--version"), run::toString);
        }
    }

    @ParameterizedTest(name = "edp4j {0} --version")
    @MethodSource("commands")
    void versionPrintsTheBuildFacts(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--version");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        if (command.contains("help")) {
            // picocli's help command has no --version of its own: it shows the top-level usage, not the version
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("", run.err(), run::toString);
            assertTrue(run.out().startsWith("Usage: edp4j "), run::toString);
            assertFalse(run.out().contains(Edp4jVersion.buildFacts().getProperty("version") + System.lineSeparator()),
                    run::toString);
            return;
        }
        assertEquals(0, run.exitCode(), run::toString);
        Properties facts = Edp4jVersion.buildFacts();
        assertFalse(facts.getProperty("version", "${").contains("${"), "the version resource is filtered: " + facts);
        assertTrue(run.out().startsWith("edp4j " + facts.getProperty("version") + System.lineSeparator()),
                run::toString);
        assertTrue(run.out().contains("DJL " + facts.getProperty("djl") + ", PyTorch "), run::toString);
        assertTrue(run.out().contains("Java " + System.getProperty("java.version")), run::toString);
    }

    @Test
    void helpSubcommandShowsACommandsHelp() {
        CliRun run = CliRun.of("help", "export");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Usage: edp4j export "), run::toString);
        assertTrue(run.out().contains("--force") && run.out().contains("--out=FILE"), run::toString);
    }

    @Test
    void infoHelpListsTheBuiltinDatasets() {
        CliRun run = CliRun.of("info", "--help");
        for (String name : io.github.edp4j.d4rl.tasks.BuiltinTasks.datasetNames()) {
            assertTrue(run.out().contains(name), name + " in\n" + run.out());
        }
        assertTrue(run.out().contains("--dataset=PATH") && run.out().contains("--name=NAME"), run.out());
    }
}
