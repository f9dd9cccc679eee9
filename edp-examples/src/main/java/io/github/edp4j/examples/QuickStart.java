package io.github.edp4j.examples;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.examples.cli.CliErrorReporter;
import io.github.edp4j.examples.cli.Edp4jCli;
import io.github.edp4j.examples.cli.Edp4jVersion;
import io.github.edp4j.examples.plot.LearningCurve;
import io.github.edp4j.examples.plot.LearningCurvePlot;
import io.github.edp4j.examples.training.FitCurves;
import io.github.edp4j.examples.training.ProgressPrinter;
import io.github.edp4j.examples.training.RunDirectory;
import io.github.edp4j.examples.training.RunLabel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The README's first command: trains EDP-IQL (a diffusion policy, Kang et al., NeurIPS 2023, arXiv 2305.20081) and
 * the paper's Gaussian IQL baseline with the same settings on a built-in dataset, evaluates both during training
 * with the paper's protocol, and prints a table of normalized scores (RAT, the mean of the last 10 evaluations;
 * OMS, the best), iterations and wall time.
 *
 * <p>The default dataset, {@code bandit-mixed}, is where the policy class matters most: one-step episodes whose
 * rewarded actions lie near four separate modes {@code (+-0.7, +-0.7)}, and data from all four. A Gaussian policy
 * averages the modes into the unrewarded middle; a diffusion policy keeps them, and energy-based action selection
 * (EAS) picks a good one. On 2 CPU cores both runs take a few minutes together.
 *
 * <p>It writes, into a new directory under {@code edp4j-runs/} (or {@code --out}): {@code edp-iql/} and
 * {@code gaussian-iql/}, each with {@code training.csv}, {@code evaluations.csv} and {@code policy.edp4j};
 * {@value #PLOT_FILE}, both runs' scores and losses against iterations on one figure; and {@value #TABLE_FILE}, the
 * table. Every setting can be changed on the command line ({@code --help}), so that a smoke test can run it in
 * seconds.
 */
@Command(name = "quickstart",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = "Train EDP-IQL and the Gaussian IQL baseline with the same settings on a built-in dataset,"
                + " evaluate both with the paper's protocol (RAT, OMS) and write their metrics and one learning-curve"
                + " plot.")
public final class QuickStart implements Callable<Integer> {

    /** The plot's file name in the output directory. */
    public static final String PLOT_FILE = "learning-curves.png";
    /** The table's file name in the output directory. */
    public static final String TABLE_FILE = "results.txt";

    @Spec
    private CommandSpec spec;

    @Option(names = "--task", paramLabel = "DATASET", defaultValue = "bandit-mixed",
            description = "A built-in dataset; it is evaluated on its task (default: ${DEFAULT-VALUE}).")
    private String task;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "8000",
            description = "Gradient updates per run (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "400",
            description = "Iterations between evaluations (default: ${DEFAULT-VALUE}).")
    private int evalEvery;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "100",
            description = "Episodes per evaluation (default: ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "100",
            description = "Diffusion steps K (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--hidden", paramLabel = "W", split = ",", defaultValue = "64,64,64",
            description = "Hidden layer widths of every network (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "256",
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of both runs (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "libtorch threads (default: ${DEFAULT-VALUE}: these small networks gain little from more,"
                    + " and on a busy machine two threads are many times slower than one).")
    private int threads;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: a new one in " + RunDirectory.DEFAULT_ROOT + "/).")
    private Path out;

    /** Creates the quick start; picocli fills in its options. */
    public QuickStart() {
        // instantiated by picocli
    }

    /**
     * Runs the quick start and exits the JVM with a non-zero code on failure.
     *
     * @param args optional settings, see {@code --help}
     */
    public static void main(String[] args) {
        Edp4jCli.preferOfflineDjl();
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the quick start.
     *
     * @param args optional settings, see {@code --help}
     * @param out where the progress, the table and the output directory are printed
     * @param err where errors are printed, one line each
     * @return 0 on success, 1 on failure, 2 on a usage error
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        CommandLine cl = new CommandLine(new QuickStart());
        CliErrorReporter errors = new CliErrorReporter();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (!BuiltinTasks.datasetNames().contains(task)) {
            throw new ParameterException(cl, "unknown built-in dataset '" + task + "' for --task; known: "
                    + String.join(", ", BuiltinTasks.datasetNames()));
        }
        String envTask = BuiltinTasks.taskOf(task);
        List<PolicyClass> classes = List.of(PolicyClass.DIFFUSION, PolicyClass.GAUSSIAN);
        List<EdpTrainer.Builder> builders = new ArrayList<>();
        for (PolicyClass pc : classes) {
            EdpTrainer.Builder b = settings(pc)
                    .evaluation(() -> BuiltinTasks.environment(envTask), episodes, evalEvery,
                            r -> BuiltinTasks.normalizedScore(envTask, r));
            try {
                b.build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, e.getMessage(), e);
            }
            builders.add(b);
        }
        Path dir = out != null ? Files.createDirectories(out.toAbsolutePath().normalize())
                : RunDirectory.createNew(Path.of(RunDirectory.DEFAULT_ROOT), "quickstart-" + task).toAbsolutePath();

        PrintWriter pw = cl.getOut();
        OfflineDataset ds = BuiltinTasks.generate(task);
        pw.printf(Locale.ROOT, "EDP4J quick start: EDP-IQL against the Gaussian IQL baseline on %s%n", task);
        pw.printf(Locale.ROOT, "  dataset     %s: %d transitions (observation dim %d, action dim %d), built in%n",
                task, ds.size(), ds.observationDim(), ds.actionDim());
        pw.printf(Locale.ROOT, "  both runs   IQL, %d iterations, batch %d, hidden %s, actor lr 1e-3, seed %d,"
                + " libtorch threads %d%n", iterations, batchSize, widths(), seed, threads);
        pw.printf(Locale.ROOT, "  EDP         K = %d, DPM-Solver-3 with 15 calls on the logSNR grid, EAS: best of 50"
                + " candidates by Q%n", steps);
        pw.printf(Locale.ROOT, "  evaluation  every %d iterations, %d episodes of task %s; normalized score 0 = random"
                + " policy, 100 = scripted expert%n", evalEvery, episodes, envTask);
        pw.printf(Locale.ROOT, "  output      %s%n%n", dir);
        pw.flush();

        List<FitResult> results = new ArrayList<>();
        List<LearningCurve> curves = new ArrayList<>();
        int width = classes.stream().mapToInt(pc -> label(pc).length()).max().orElse(8);
        for (int i = 0; i < classes.size(); i++) {
            PolicyClass pc = classes.get(i);
            String label = label(pc);
            Path runDir = dir.resolve(RunLabel.slug(Algorithm.IQL, pc));
            pw.printf(Locale.ROOT, "%s (%s policy)%n", label, RunLabel.policyClassName(Algorithm.IQL, pc));
            pw.flush();
            FitResult r = builders.get(i)
                    .outputDir(runDir)
                    .listener(new ProgressPrinter(pw, label, iterations, evalEvery, 10, width))
                    .build()
                    .fit(ds);
            try {
                r.policy().save(runDir.resolve("policy.edp4j"));
            } finally {
                r.policy().close();
            }
            results.add(r);
            curves.add(FitCurves.of(r, label));
        }
        Path plot = LearningCurvePlot.builder()
                .title(task)
                .lossSeries("critic_loss", "value_loss", "policy_loss")
                .logScaleLosses(true)
                .build()
                .write(curves, dir.resolve(PLOT_FILE));

        String table = table(classes, results);
        Files.writeString(dir.resolve(TABLE_FILE), table, StandardCharsets.UTF_8);
        pw.println();
        pw.print(table);
        pw.println();
        pw.println("Output directory: " + dir);
        for (PolicyClass pc : classes) {
            pw.printf(Locale.ROOT, "  %-20s training.csv, evaluations.csv, policy.edp4j (%s)%n",
                    RunLabel.slug(Algorithm.IQL, pc) + "/", label(pc));
        }
        pw.printf(Locale.ROOT, "  %-20s scores and losses of both runs against iterations%n", plot.getFileName());
        pw.printf(Locale.ROOT, "  %-20s this table%n", TABLE_FILE);
        pw.flush();
        return CommandLine.ExitCode.OK;
    }

    /** The settings both runs share; the policy class is the only difference. */
    private EdpTrainer.Builder settings(PolicyClass policyClass) {
        return EdpTrainer.builder()
                .algo(Algorithm.IQL)
                .policy(policyClass)
                .steps(steps)
                .hidden(hidden)
                .batchSize(batchSize)
                .actorLearningRate(1e-3)
                .iterations(iterations)
                .eas(50, 1.0)
                .easArgmax(true)
                .sampler(15, 3, TimeGrid.LOGSNR)
                .threads(threads)
                .seed(seed)
                .logEvery(Math.max(1, Math.min(100, iterations / 100)))
                .progress(false);
    }

    private static String label(PolicyClass pc) {
        return RunLabel.of(Algorithm.IQL, pc);
    }

    private String widths() {
        return Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    /** The results table, and one line saying which policy class won. */
    static String table(List<PolicyClass> classes, List<FitResult> results) {
        StringBuilder sb = new StringBuilder();
        String format = "%-10s %-16s %8s %8s %11s %10s%n";
        sb.append(String.format(Locale.ROOT, format, "algorithm", "policy class", "RAT", "OMS", "iterations",
                "wall time"));
        for (int i = 0; i < classes.size(); i++) {
            FitResult r = results.get(i);
            PolicyClass pc = classes.get(i);
            sb.append(String.format(Locale.ROOT, format, "IQL", RunLabel.policyClassName(Algorithm.IQL, pc)
                    + (pc == PolicyClass.DIFFUSION ? " (EDP)" : ""), score(r.rat()), score(r.oms()),
                    r.provenance().iterationsCompleted(), ProgressPrinter.duration(r.wallSeconds())));
        }
        sb.append("RAT: mean normalized score of the last 10 evaluations; OMS: best evaluation (EDP paper, Sec. 5).\n");
        if (results.size() == 2) {
            double gap = results.get(0).rat() - results.get(1).rat();
            sb.append(String.format(Locale.ROOT, gap > 0
                    ? "The diffusion policy scores %.1f points more than the Gaussian one (RAT).%n"
                    : "The diffusion policy did not beat the Gaussian one in this run (RAT difference %.1f).%n", gap));
        }
        return sb.toString();
    }

    private static String score(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "n/a";
    }
}
