package io.github.edp4j.examples.cli;

import io.github.edp4j.examples.bench.BenchCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code edp4j} command-line tool: the top-level command and the program's entry point.
 *
 * <p>Subcommands are registered in one place, the {@code subcommands} list of this class's {@link Command}
 * annotation; each is its own class with its own options. {@link #newCommandLine()} wires in the error reporting
 * every subcommand shares ({@link CliErrorReporter}): a failure prints one line to stderr and exits 1, a usage
 * error (unknown option, bad value, unknown built-in dataset) prints one line and exits 2.
 *
 * <p>Run it with {@code ./edp4j} from the repository root, or {@code java -jar edp-examples/target/edp4j-cli.jar}.
 */
@Command(name = "edp4j",
        mixinStandardHelpOptions = true,
        versionProvider = Edp4jVersion.class,
        description = "Efficient Diffusion Policies for offline RL: train and evaluate policies, inspect and export"
                + " datasets.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            AblateCommand.class,
            InfoCommand.class,
            ExportCommand.class,
            ExportPolicyCommand.class,
            ConvertCommand.class,
            CollectCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0   success",
            "  1   the command failed (missing or corrupt file, file exists, policy does not fit the task, ...)",
            "  2   usage error (unknown option, bad value, unknown built-in dataset)",
            "",
            "Built-in datasets are generated on first use and cached in ~/.edp4j/datasets",
            "(system property -Dedp4j.datasets.dir=DIR moves the cache).",
            "",
            "Sweeps over datasets, methods, settings and seeds on Apache Spark: ./edp4j sweep --help",
            "(a jar of their own, edp-sweep/target/edp4j-sweep.jar, so that this one carries no Spark).",
        })
public final class Edp4jCli implements Callable<Integer> {

    /** DJL's system property for offline mode. */
    static final String DJL_OFFLINE_PROPERTY = "ai.djl.offline";

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    /** Creates the top-level command; picocli fills in its fields. */
    public Edp4jCli() {
        // instantiated by picocli
    }

    /**
     * Without a subcommand there is nothing to do: print the usage to stderr and report a usage error.
     *
     * @return {@link CommandLine.ExitCode#USAGE}
     */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.getErr().println("edp4j: a subcommand is required");
        cl.usage(cl.getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * Creates the command line with every subcommand and the shared error reporting. Set its out and err
     * writers ({@link CommandLine#setOut}, {@link CommandLine#setErr}) to capture the output, then
     * {@link CommandLine#execute(String...)}.
     *
     * @return a new, independent command line
     */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Edp4jCli());
        CliErrorReporter errors = new CliErrorReporter();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        cl.setExecutionStrategy(Edp4jCli::runReportingOutOfMemory);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * Runs the chosen command; an {@link OutOfMemoryError} (the Java heap) becomes a failure the error reporter
     * prints in one line, with the stack trace only under {@code --verbose}, instead of the JVM's stack trace.
     */
    private static int runReportingOutOfMemory(CommandLine.ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (OutOfMemoryError e) {
            List<CommandLine> commands = parseResult.asCommandLineList();
            throw new CommandLine.ExecutionException(commands.get(commands.size() - 1), "out of memory",
                    new CliErrorReporter.OutOfMemory(e));
        }
    }

    /**
     * Runs the CLI and exits the JVM with its exit code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI as {@link #main} does, without exiting: DJL offline unless the user chose otherwise
     * ({@link #preferOfflineDjl()}), headless AWT, the chosen command.
     *
     * @param args command-line arguments
     * @return the exit code
     */
    static int run(String[] args) {
        preferOfflineDjl();
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            return newCommandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // outside a command (while parsing or reporting): still one line
            System.err.println("edp4j: " + CliErrorReporter.describe(new CliErrorReporter.OutOfMemory(e)));
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /**
     * Puts DJL in offline mode ({@code ai.djl.offline=true}) unless the user has set it or {@code DJL_OFFLINE}: the
     * programs of this repository (this tool, its jar, the quick start) run on the libtorch packed with them, so a
     * missing native library fails at once with the artifact to add instead of starting a download. The EDP4J
     * library itself never sets it; this is the application's choice, made here by the programs' entry points.
     */
    public static void preferOfflineDjl() {
        if (System.getProperty(DJL_OFFLINE_PROPERTY) == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty(DJL_OFFLINE_PROPERTY, "true");
        }
    }
}
