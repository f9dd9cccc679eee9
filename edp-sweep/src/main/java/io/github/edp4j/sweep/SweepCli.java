package io.github.edp4j.sweep;

import io.github.edp4j.examples.cli.CliErrorReporter;
import io.github.edp4j.examples.cli.Edp4jCli;
import io.github.edp4j.examples.cli.Edp4jVersion;
import io.github.edp4j.examples.cli.VerboseOption;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j sweep}: runs a sweep spec ({@link SweepSpec}) on Apache Spark and writes its report
 * ({@link SweepReport}); {@code --report DIR} only rebuilds the report from existing run directories. The entry
 * point of {@code edp-sweep/target/edp4j-sweep.jar}, which {@code ./edp4j sweep ...} runs, and which
 * {@code spark-submit --class io.github.edp4j.sweep.SweepCli} runs on a cluster.
 *
 * <p>Embedded {@code local[N]} by default, N the cores divided by the threads of a run; a master set by
 * {@code spark-submit} (or {@code --master}) is used instead. Exit codes: 0 when every run is complete, 1 when some
 * run failed (the report covers the others) or the sweep could not run, 2 for an invalid spec or option.
 */
@Command(name = "edp4j sweep",
        mixinStandardHelpOptions = true,
        versionProvider = Edp4jVersion.class,
        sortOptions = false,
        description = {
            "Train every combination of a sweep spec's datasets, algorithms, policy classes, grid settings and seeds"
                    + " on Apache Spark (embedded local[N] unless a master is given), one Spark task per run, then"
                    + " write a paper-style table (mean +- std over seeds of RAT and OMS) as Markdown, CSV and"
                    + " Parquet, with learning-curve and bar-chart PNGs.",
            "A second invocation skips the runs that completed and runs the failed or interrupted ones again.",
        })
public final class SweepCli implements Callable<Integer> {

    /** The default root of sweep outputs, relative to the working directory. */
    static final String DEFAULT_ROOT = "edp4j-sweeps";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
            description = "The sweep spec, YAML or JSON (keys: " + "name, datasets, algorithms, policies, seeds, grid,"
                    + " evaluation, threadsPerRun).")
    private Path specFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory: runs/<run>/ and report/ (default: " + DEFAULT_ROOT + "/<spec name>;"
                    + " on a cluster, a file system the driver and every executor share).")
    private Path out;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Only rebuild DIR/report/ from the completed runs in DIR/runs/, training nothing.")
    private Path report;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit set, else local[N,2]: N = cores / threads"
                    + " per run, each task tried twice).")
    private String master;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs at once in the embedded local mode (default: cores / threads per run).")
    private Integer parallel;

    @Option(names = "--progress-every", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
    private double progressEvery;

    @Option(names = "--dry-run", description = "Validate the spec and list its runs and their state; train nothing.")
    private boolean dryRun;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public SweepCli() {
        // instantiated by picocli
    }

    @Override
    public Integer call() throws java.io.IOException {
        CommandLine cl = spec.commandLine();
        PrintStream log = new PrintStream(new WriterOutputStream(cl.getOut()), true, StandardCharsets.UTF_8);
        if (report != null) {
            if (specFile != null || out != null) {
                throw new CommandLine.ParameterException(cl, "--report DIR rebuilds a report and takes no SPEC or"
                        + " --out");
            }
            if (!Files.isDirectory(report.resolve(RunDirectory.RUNS))) {
                throw new UncheckedIOException(new java.io.FileNotFoundException(report.toAbsolutePath()
                        + " holds no runs/ directory: not a sweep output"));
            }
            try (SparkSession spark = session(1, "report")) {
                new SweepReport(spark).write(report, log);
            }
            return CommandLine.ExitCode.OK;
        }
        if (specFile == null) {
            throw new CommandLine.ParameterException(cl, "Missing required argument: a sweep spec file (or --report"
                    + " DIR)");
        }
        if (!Files.isRegularFile(specFile)) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("no sweep spec " + specFile));
        }
        SweepSpec sweep;
        try {
            sweep = SweepSpec.read(specFile);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage(), e, null, specFile.toString());
        }
        if (!(progressEvery > 0)) {
            throw new CommandLine.ParameterException(cl, "--progress-every = " + progressEvery + " is invalid:"
                    + " allowed > 0");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int n = parallel != null ? parallel : Math.max(1, cores / sweep.threadsPerRun());
        if (n < 1) {
            throw new CommandLine.ParameterException(cl, "--parallel = " + n + " is invalid: allowed >= 1");
        }
        Path dir = out != null ? out : Path.of(DEFAULT_ROOT, sweep.name());
        if (dryRun) {
            List<SweepRun> runs = sweep.runs();
            log.printf(Locale.ROOT, "sweep %s: %d runs, output %s%n", sweep.name(), runs.size(),
                    dir.toAbsolutePath());
            for (SweepRun r : runs) {
                log.printf(Locale.ROOT, "  %-9s %s%n",
                        RunDirectory.state(RunDirectory.of(dir.toAbsolutePath(), r.id())).name().toLowerCase(Locale.ROOT),
                        r.id());
            }
            return CommandLine.ExitCode.OK;
        }
        SparkSweep.Result result;
        try (SparkSession spark = session(n, sweep.name())) {
            result = new SparkSweep(spark, log, progressEvery).run(sweep, dir);
        }
        log.printf(Locale.ROOT, "sweep %s: %d runs, %d complete before, %d completed now, %d failed%n", sweep.name(),
                result.total(), result.skipped(), result.completed(), result.failures().size());
        return result.failures().isEmpty() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    /** A session on the given master, or the one spark-submit set, or {@code local[n,2]}. */
    private SparkSession session(int n, String name) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("edp4j sweep " + name);
        String m = master != null ? master : conf.contains("spark.master") ? null : "local[" + n + ",2]";
        if (m != null) {
            b.master(m);
        }
        return SparkSessions.configure(b, m != null && m.startsWith("local")).getOrCreate();
    }

    /**
     * Runs the command as {@link #main} does, without exiting.
     *
     * @param args the arguments, optionally starting with {@code sweep} (as {@code ./edp4j sweep ...} passes them)
     * @return the exit code
     */
    static int run(String... args) {
        return run(null, null, args);
    }

    /**
     * Runs the command with its output and errors captured.
     *
     * @param out the command's output, {@code null} for stdout
     * @param err its errors, {@code null} for stderr
     * @param args the arguments, optionally starting with {@code sweep}
     * @return the exit code
     */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        Edp4jCli.preferOfflineDjl();
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        String[] rest = args.length > 0 && args[0].equals("sweep") ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine cl = new CommandLine(new SweepCli());
        CliErrorReporter errors = new CliErrorReporter();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        return cl.execute(rest);
    }

    /**
     * The entry point of {@code edp4j-sweep.jar}.
     *
     * @param args {@code [sweep] SPEC [options]} or {@code [sweep] --report DIR}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Bytes written to a picocli writer, so that the driver's lines go where the command line's output goes. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final java.io.PrintWriter writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(java.io.PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            writer.write(line.toString(StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}
