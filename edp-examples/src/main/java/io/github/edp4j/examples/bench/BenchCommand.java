package io.github.edp4j.examples.bench;

import io.github.edp4j.examples.cli.Edp4jVersion;
import io.github.edp4j.examples.cli.VerboseOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j bench}: runs the {@link BenchmarkSuite}, prints its table to stdout (progress goes to stderr) and
 * writes the JSON report. {@code --smoke} runs every measurement on tiny sizes in seconds (its numbers say nothing
 * about speed); the full configuration takes about a quarter of an hour. Without libmujoco the MuJoCo figures are
 * listed as not measured, with the reason, and the command still succeeds.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = {
            "Benchmark training (EDP-TD3/CRR/IQL, Gaussian TD3+BC, Diffusion-QL), sampling (DPM-Solver-3 with and",
            "without EAS, DDPM), D4RL loading and memory at the paper's scale, and on MuJoCo (when installed)",
            "environment steps, an EDP evaluation episode and expert collection; print a table and write JSON."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--smoke", description = "Run every measurement on tiny sizes, in seconds (a check, not a "
            + "measurement).")
    private boolean smoke;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "libtorch intra-op threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--out", paramLabel = "FILE.json", defaultValue = "edp4j-bench.json",
            description = "Where to write the JSON report (default: ${DEFAULT-VALUE}); missing directories are "
                    + "created.")
    private Path out;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public BenchCommand() {
        // instantiated by picocli
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (threads < 1) {
            throw new ParameterException(cl, "--threads must be at least 1, got " + threads);
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException(new IOException(target + " is a directory; give a file name such as "
                    + "edp4j-bench.json"));
        }
        BenchSettings settings = smoke ? BenchSettings.smoke(threads) : BenchSettings.full(threads);
        BenchReport report = new BenchmarkSuite(settings, cl.getErr()).run();
        report.writeJson(target);
        PrintWriter pw = cl.getOut();
        pw.print(report.table());
        pw.println("JSON report: " + target);
        pw.flush();
        return CommandLine.ExitCode.OK;
    }
}
