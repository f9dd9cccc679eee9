package io.github.edp4j.examples.cli;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.DomainPreset;
import io.github.edp4j.algos.DtqlPreset;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.Evaluation;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.algos.TrainerConfig;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.core.schedule.ScheduleKind;
import io.github.edp4j.d4rl.RewardPreprocessing;
import io.github.edp4j.examples.plot.LearningCurvePlot;
import io.github.edp4j.examples.training.FitCurves;
import io.github.edp4j.examples.training.ProgressPrinter;
import io.github.edp4j.examples.training.RunDirectory;
import io.github.edp4j.examples.training.RunLabel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j train}: trains an Efficient Diffusion Policy (or the feed-forward baseline) with
 * {@link EdpTrainer} on a built-in dataset or a D4RL HDF5 file, and writes everything about the run into one
 * directory:
 *
 * <ul>
 *   <li>{@value #POLICY_FILE}: the trained policy ({@link io.github.edp4j.algos.Policy#load});</li>
 *   <li>{@code training.csv} and {@code evaluations.csv}: the losses and the evaluations as they happened;</li>
 *   <li>{@value #PLOT_FILE}: the learning curve (score and losses against iterations);</li>
 *   <li>{@value #CHECKPOINT_DIR}/: the checkpoint {@code --resume} continues from;</li>
 *   <li>{@value #COMMAND_FILE}: the command lines that trained it.</li>
 * </ul>
 *
 * <p>A built-in dataset is evaluated on its task during training with the paper's protocol (normalized score, RAT
 * and OMS). A D4RL file gets its domain's reward preprocessing for the chosen algorithm
 * ({@link RewardPreprocessing#defaultFor}) and its domain's preset; a D4RL locomotion file (hopper, walker2d,
 * halfcheetah) is evaluated on its MuJoCo environment with D4RL's normalized score when MuJoCo is available
 * ({@link EvaluationSelection}); any other file, or a locomotion file without MuJoCo, trains without evaluation and
 * the run reports its losses and Q statistics instead of scores.
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        defaultValueProvider = TrainerDefaults.class,
        description = {
            "Train an Efficient Diffusion Policy (or the Gaussian baseline), the Diffusion-QL baseline or DTQL's"
                    + " one-step policy on a built-in dataset or a D4RL file.",
            "Writes the policy, training.csv, evaluations.csv, a learning-curve PNG and checkpoints into one"
                    + " directory. Built-in datasets are evaluated on their task (normalized score, RAT and OMS),"
                    + " D4RL locomotion files (hopper, walker2d, halfcheetah) on MuJoCo when it is installed; other"
                    + " files report losses and Q statistics instead.",
            "Defaults are the library's (the official EDP settings), meant for real runs; small tasks train well"
                    + " with e.g. --steps 100 --hidden 64,64,64 --iterations 8000.",
        })
public final class TrainCommand implements Callable<Integer> {

    /** The trained policy's file name in the run directory. */
    public static final String POLICY_FILE = "policy.edp4j";
    /** The learning-curve plot's file name in the run directory. */
    public static final String PLOT_FILE = "learning-curve.png";
    /** The checkpoint directory's name in the run directory. */
    public static final String CHECKPOINT_DIR = "checkpoints";
    /** The file in the run directory that lists the command lines that trained it. */
    public static final String COMMAND_FILE = "command.txt";
    /** The trainer's checkpoint file in the checkpoint directory (the name edp-algos gives it). */
    static final String CHECKPOINT_FILE = "checkpoint.edp4j";

    /** Default checkpoint interval, in iterations, unless a run is shorter. */
    static final int DEFAULT_CHECKPOINT_EVERY = 10_000;

    /** Builder fields (as {@link TrainerConfig} names them in its messages) and the options that set them. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.ofEntries(
            Map.entry("algorithm", "--algo"), Map.entry("policyClass", "--policy"), Map.entry("steps", "--steps"),
            Map.entry("schedule", "--schedule"),
            Map.entry("iterations", "--iterations"), Map.entry("batchSize", "--batch-size"),
            Map.entry("hidden", "--hidden"), Map.entry("actorLearningRate", "--actor-lr"),
            Map.entry("criticLearningRate", "--critic-lr"), Map.entry("evalEvery", "--eval-every"),
            Map.entry("evalEpisodes", "--episodes"), Map.entry("easCandidates", "--eas-candidates"),
            Map.entry("samplerGrid", "--grid"), Map.entry("threads", "--threads"),
            Map.entry("logEvery", "--log-every"), Map.entry("checkpointEvery", "--checkpoint-every"),
            Map.entry("dtqlAlpha", "--dtql-alpha"), Map.entry("dtqlNllWeight", "--dtql-nll"),
            Map.entry("dtqlPretrainIterations", "--dtql-pretrain"));

    /** Where training runs. */
    enum DeviceKind {
        /** libtorch on the CPU. */
        CPU,
        /** the first CUDA GPU (needs the CUDA native artifact: Maven profile -Pcuda). */
        GPU
    }

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Dataset (one of; with --resume, the recorded one):%n")
    private DatasetSelection selection;

    @Option(names = "--algo", paramLabel = "ALGO", completionCandidates = EnumNames.Algorithms.class,
            description = "Policy improvement: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; td3 is TD3+BC).")
    private Algorithm algorithm;

    @Option(names = "--policy", paramLabel = "CLASS", completionCandidates = EnumNames.PolicyClasses.class,
            description = "Policy class: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). gaussian is the"
                    + " paper's feed-forward baseline (deterministic for td3).")
    private PolicyClass policyClass;

    @Option(names = "--steps", paramLabel = "K",
            description = "Diffusion steps K (default: the algorithm's, 1000, or 5 with the vp schedule for dql).")
    private Integer steps;

    @Option(names = "--schedule", paramLabel = "SCHEDULE", completionCandidates = EnumNames.Schedules.class,
            description = "Noise schedule: ${COMPLETION-CANDIDATES} (default: the algorithm's, linear, or vp for"
                    + " dql). IQL on pointmaze-fork needs vp (README, Status).")
    private ScheduleKind schedule;

    @Option(names = "--iterations", paramLabel = "N", description = "Gradient updates (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--batch-size", paramLabel = "B", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--hidden", paramLabel = "W", split = ",",
            description = "Hidden layer widths of every network, comma-separated (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Option(names = "--actor-lr", paramLabel = "LR", description = "Policy learning rate (default: ${DEFAULT-VALUE}).")
    private double actorLearningRate;

    @Option(names = "--critic-lr", paramLabel = "LR",
            description = "Critic and value learning rate (default: ${DEFAULT-VALUE}).")
    private double criticLearningRate;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Iterations between evaluations on a built-in task (default: ${DEFAULT-VALUE}).")
    private int evalEvery;

    @Option(names = "--episodes", paramLabel = "N",
            description = "Episodes per evaluation (default: ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--eas-candidates", paramLabel = "N",
            description = "Candidate actions per state for energy-based action selection (default: ${DEFAULT-VALUE}).")
    private int easCandidates;

    @Option(names = "--eas-argmax",
            description = "Pick the candidate with the highest Q instead of sampling softmax(Q).")
    private boolean easArgmax;

    @Option(names = "--grid", paramLabel = "GRID", completionCandidates = EnumNames.Grids.class,
            description = "DPM-Solver time grid: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TimeGrid grid;

    @Option(names = "--dtql-alpha", paramLabel = "A",
            description = "dtql: weight of the diffusion trust-region loss (default: the D4RL dataset's official"
                    + " value where known, else ${DEFAULT-VALUE}).")
    private Double dtqlAlpha;

    @Option(names = "--dtql-nll", paramLabel = "G",
            description = "dtql: weight of the dataset actions' negative log-likelihood (default: the D4RL dataset's"
                    + " official value where known, 1 for antmaze, else 0).")
    private Double dtqlNll;

    @Option(names = "--dtql-pretrain", paramLabel = "N",
            description = "dtql: iterations that train only the critics and the diffusion model before the one-step"
                    + " policy joins; fewer than --iterations (default: ${DEFAULT-VALUE}, the paper's 50 x 1000).")
    private int dtqlPretrain;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory (default: a new one in " + RunDirectory.DEFAULT_ROOT + "/ under the"
                    + " working directory, named after the dataset, algorithm, policy class and the time).")
    private Path out;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Iterations between checkpoints in DIR/" + CHECKPOINT_DIR + ", 0 for none (default: the"
                    + " largest divisor of --iterations up to " + DEFAULT_CHECKPOINT_EVERY + ", so that the last"
                    + " iteration is saved).")
    private Integer checkpointEvery;

    @Option(names = "--log-every", paramLabel = "N",
            description = "Iterations between rows of training.csv (default: --iterations / 100, between 1 and 1000).")
    private Integer logEvery;

    @Option(names = "--resume",
            description = "Continue the run in --out DIR from its checkpoint (from iteration 0 if it stopped before"
                    + " its first), with the options recorded in DIR/" + COMMAND_FILE + "; options given again must"
                    + " agree with them, except --iterations (to continue a run), --threads, --checkpoint-every and"
                    + " --log-every.")
    private boolean resume;

    @Option(names = "--preset", paramLabel = "DOMAIN", completionCandidates = EnumNames.Presets.class,
            description = "The paper's per-domain settings: ${COMPLETION-CANDIDATES} (default: the D4RL file's"
                    + " domain, none for built-in datasets).")
    private DomainPreset preset;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch threads, 0 for libtorch's default, at most the number of cores"
                    + " (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "cpu or gpu (gpu needs the CUDA build, mvn -Pcuda; default: ${DEFAULT-VALUE}).")
    private DeviceKind device;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public TrainCommand() {
        // instantiated by picocli
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (resume) {
            if (out == null) {
                throw new ParameterException(cl, "--resume needs --out DIR, the directory of the run to continue");
            }
            Path dir = out.toAbsolutePath().normalize();
            Path commandFile = dir.resolve(COMMAND_FILE);
            Optional<List<String>> recorded = RecordedRun.lastOptions(commandFile);
            if (recorded.isPresent()) {
                // take the recorded options, refusing any given now that contradicts them, and parse again
                List<String> merged = RecordedRun.merge(cl.getParseResult(), recorded.get(), commandFile, dir);
                cl.parseArgs(merged.toArray(String[]::new));
            } else if (!Files.isRegularFile(dir.resolve(CHECKPOINT_DIR).resolve(CHECKPOINT_FILE))) {
                throw new NoSuchFileException(dir.toString(), null, "no run to resume here (no " + COMMAND_FILE
                        + " and no checkpoint)");
            }
        }
        if (selection == null) {
            throw new ParameterException(cl, "Missing required argument: choose a dataset with --task NAME or"
                    + " --dataset FILE [--name NAME]" + (resume ? " (" + COMMAND_FILE + " of --out DIR records"
                    + " none)" : ""));
        }
        int logInterval = logEvery != null ? logEvery : Math.max(1, Math.min(1000, iterations / 100));
        int checkpointInterval = checkpointEvery != null ? checkpointEvery : defaultCheckpointEvery(iterations);
        validate(logInterval, checkpointInterval);
        if (device == DeviceKind.GPU && TorchRuntime.engine().getGpuCount() < 1) {
            throw new IllegalStateException("--device gpu: no GPU is visible to libtorch; "
                    + TorchRuntime.nativeArtifact(true).map(a -> "build with the CUDA native library (mvn -Pcuda, "
                            + a + ")").orElse("DJL publishes no CUDA libtorch for this platform")
                    + " and check the driver");
        }

        SelectedDataset sel = selection.load(cl);
        DomainPreset appliedPreset = preset != null ? preset : presetOf(sel);
        RewardPreprocessing rewards = RewardPreprocessing.defaultFor(sel.domain(), iqlRewards());
        OfflineDataset dataset = rewards.apply(sel.dataset());
        EvaluationSelection evaluation = EvaluationSelection.of(sel);

        String label = RunLabel.of(algorithm, policyClass);
        PrintWriter pw = cl.getOut();
        ProgressPrinter progress = new ProgressPrinter(pw, label, iterations, evaluation.available() ? evalEvery : 0, 15,
                label.length());
        EdpTrainer.Builder b = configure(EdpTrainer.builder(), logInterval)
                .checkpoints(Path.of(CHECKPOINT_DIR), checkpointInterval)
                .listener(progress);
        if (appliedPreset != null) {
            b.preset(appliedPreset);
        }
        DtqlPreset dtqlPreset = dtqlPresetOf(sel);
        if (dtqlPreset != null) {
            b.preset(dtqlPreset); // alpha, gamma and the expectile; explicit --dtql-* options win below
            b.dtql(dtqlAlpha != null ? dtqlAlpha : dtqlPreset.alpha(),
                    dtqlNll != null ? dtqlNll : dtqlPreset.nllWeight(), dtqlPretrain);
        }
        evaluation.apply(b, episodes, evalEvery);
        // everything is checked, the memory estimate with the dataset's dimensions too, before any file is written
        EdpTrainer checked = buildOrUsageError(b);
        usageErrorIfInvalid(() -> checked.requireMemoryFor(dataset));

        Path dir = prepareDirectory(sel);
        Path checkpoints = dir.resolve(CHECKPOINT_DIR);
        boolean fromCheckpoint = resume && Files.isRegularFile(checkpoints.resolve(CHECKPOINT_FILE));
        writeCommand(dir);

        if (resume && !fromCheckpoint) {
            pw.printf(Locale.ROOT, "no checkpoint in %s (the run stopped before its first): training from iteration"
                    + " 0%n", checkpoints);
        }
        pw.printf(Locale.ROOT, "%s %s (%s policy%s, hidden %s) on %s%n", fromCheckpoint ? "resuming" : "training",
                label, algorithm == Algorithm.DTQL ? "one-step" : RunLabel.policyClassName(algorithm, policyClass),
                algorithm == Algorithm.DTQL ? " in a diffusion trust region"
                        : policyClass == PolicyClass.DIFFUSION
                                ? ", K = " + (steps != null ? steps : algorithm.defaultSteps()) : "",
                widths(hidden), sel.name());
        Fields.line(pw, "dataset", String.format(Locale.ROOT, "%d transitions, observation dim %d, action dim %d (%s)",
                dataset.size(), dataset.observationDim(), dataset.actionDim(), sel.origin()));
        Fields.line(pw, "reward preprocessing", rewards.name() + (sel.file().isPresent()
                ? " (domain " + sel.domain().name() + ", " + (iqlRewards() ? "IQL" : "not IQL") + ")"
                : ""));
        Fields.line(pw, "preset", appliedPreset == null ? "none"
                : TrainerDefaults.lower(appliedPreset) + (preset == null ? " (from the dataset's domain)" : ""));
        Fields.line(pw, "evaluation", evaluation.describe(evalEvery, episodes));
        Fields.line(pw, "training", String.format(Locale.ROOT, "%d iterations, batch %d, seed %d, on the %s",
                iterations, batchSize, seed, device.name()));
        Fields.line(pw, "output", dir.toString());
        pw.flush();

        EdpTrainer trainer = buildOrUsageError(b.outputDir(dir)
                .checkpoints(checkpoints, checkpointInterval)
                .resume(resume));
        FitResult result = trainer.fit(dataset);
        Path policyFile = dir.resolve(POLICY_FILE);
        Path plot = dir.resolve(PLOT_FILE);
        try {
            result.policy().save(policyFile);
        } catch (IOException e) {
            throw naming(policyFile, e);
        } finally {
            result.policy().close();
        }
        LearningCurvePlot.builder().title(sel.name()).logScaleLosses(true).build()
                .write(List.of(FitCurves.of(result, label)), plot);
        summary(pw, result, dir, policyFile, plot, checkpoints, checkpointInterval, evaluation.scale());
        return CommandLine.ExitCode.OK;
    }

    /**
     * An I/O failure whose message names the file: a full disk's own message ("No space left on device") does not.
     *
     * @param file the file being written
     * @param e the failure
     * @return {@code e} if its message names the file, else an exception that does, with {@code e} as its cause
     */
    static IOException naming(Path file, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains(file.toString()) ? e : new IOException("cannot write " + file + ": " + message, e);
    }

    /** Applies the training options to a builder (everything but data-dependent settings). */
    private EdpTrainer.Builder configure(EdpTrainer.Builder b, int logInterval) {
        TrainerConfig d = TrainerDefaults.config();
        if (steps != null) {
            b.steps(steps);
        }
        if (schedule != null) {
            b.schedule(schedule);
        }
        return b.algo(algorithm)
                .policy(policyClass)
                .iterations(iterations)
                .batchSize(batchSize)
                .hidden(hidden)
                .actorLearningRate(actorLearningRate)
                .criticLearningRate(criticLearningRate)
                .eas(easCandidates, d.easTemperature())
                .easArgmax(easArgmax)
                .sampler(d.samplerCalls(), d.samplerOrder(), grid)
                .dtql(dtqlAlpha != null ? dtqlAlpha : d.dtqlAlpha(), dtqlNll != null ? dtqlNll : d.dtqlNllWeight(),
                        dtqlPretrain)
                .seed(seed)
                .threads(threads)
                .gpu(device == DeviceKind.GPU)
                .logEvery(logInterval)
                .progress(false);
    }

    /**
     * The default checkpoint interval: the whole run when it is at most {@value #DEFAULT_CHECKPOINT_EVERY}
     * iterations, otherwise the largest divisor of the iteration count between 1,000 and
     * {@value #DEFAULT_CHECKPOINT_EVERY}, so that the last iteration gets a checkpoint and a finished run can be
     * continued with a larger {@code --iterations}; {@value #DEFAULT_CHECKPOINT_EVERY} if there is none.
     *
     * @param iterations the run's iteration count
     * @return iterations between checkpoints, at least 1
     */
    static int defaultCheckpointEvery(int iterations) {
        if (iterations <= DEFAULT_CHECKPOINT_EVERY) {
            return Math.max(1, iterations);
        }
        for (int d = DEFAULT_CHECKPOINT_EVERY; d >= 1000; d--) {
            if (iterations % d == 0) {
                return d;
            }
        }
        return DEFAULT_CHECKPOINT_EVERY;
    }

    /** Checks every option with the builder's own validation before any data is loaded. */
    private void validate(int logInterval, int checkpointInterval) {
        EdpTrainer.Builder b = configure(EdpTrainer.builder(), logInterval)
                .evaluation(() -> {
                    throw new IllegalStateException("validation only");
                }, episodes, evalEvery, r -> r)
                .checkpoints(Path.of(CHECKPOINT_DIR), checkpointInterval);
        buildOrUsageError(b);
    }

    /** Builds, turning the builder's message about a bad value into a usage error that names the option. */
    private EdpTrainer buildOrUsageError(EdpTrainer.Builder b) {
        EdpTrainer[] built = new EdpTrainer[1];
        usageErrorIfInvalid(() -> built[0] = b.build());
        return built[0];
    }

    /** Runs a check, turning its message about a bad value into a usage error that names the option. */
    private void usageErrorIfInvalid(Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid training option" : e.getMessage();
            int eq = message.indexOf(" = ");
            String option = eq > 0 ? OPTION_OF_FIELD.get(message.substring(0, eq)) : null;
            throw new ParameterException(spec.commandLine(), option == null ? message : option + ": " + message, e);
        }
    }

    /** DTQL's critic is IQL's, so a D4RL file gets IQL's reward preprocessing for it (as in the official code). */
    private boolean iqlRewards() {
        return algorithm == Algorithm.IQL || algorithm == Algorithm.DTQL;
    }

    /** DTQL's official per-dataset settings for a D4RL file that has them, else {@code null}. */
    private DtqlPreset dtqlPresetOf(SelectedDataset sel) {
        if (algorithm != Algorithm.DTQL || sel.file().isEmpty()) {
            return null;
        }
        try {
            return DtqlPreset.forDataset(sel.name());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static DomainPreset presetOf(SelectedDataset sel) {
        return switch (sel.domain()) {
            case LOCOMOTION -> DomainPreset.LOCOMOTION;
            case ANTMAZE -> DomainPreset.ANTMAZE;
            case ADROIT -> DomainPreset.ADROIT;
            case KITCHEN -> DomainPreset.KITCHEN;
            case MAZE2D, UNKNOWN -> null;
        };
    }

    /** The run directory: checked for {@code --resume}, new or empty otherwise. */
    private Path prepareDirectory(SelectedDataset sel) throws IOException {
        if (out == null) {
            String name = sel.name() + "-" + TrainerDefaults.lower(algorithm) + "-" + TrainerDefaults.lower(policyClass);
            return RunDirectory.createNew(Path.of(RunDirectory.DEFAULT_ROOT), name).toAbsolutePath();
        }
        Path dir = out.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        boolean checkpoint = Files.isRegularFile(dir.resolve(CHECKPOINT_DIR).resolve(CHECKPOINT_FILE));
        if (resume) {
            if (!checkpoint && Files.exists(dir.resolve(POLICY_FILE))) {
                throw new NoSuchFileException(dir.resolve(CHECKPOINT_DIR).resolve(CHECKPOINT_FILE).toString(), null,
                        "no checkpoint to resume from: the run finished without one (see --checkpoint-every)");
            }
            // without a checkpoint the run stopped before its first one: it starts again from iteration 0
            Files.createDirectories(dir);
            return dir;
        }
        for (String f : List.of("training.csv", POLICY_FILE, CHECKPOINT_DIR)) {
            if (Files.exists(dir.resolve(f))) {
                throw new FileAlreadyExistsException(dir.toString(), null, "already holds a training run ("
                        + f + "); pass --resume to continue it" + (checkpoint || Files.exists(dir.resolve(POLICY_FILE))
                                ? "" : " (it stopped before its first checkpoint, so it starts again from iteration"
                                        + " 0)") + ", or choose another --out");
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    private void writeCommand(Path dir) throws IOException {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        List<String> args = at >= 0 ? all.subList(at + 1, all.size()) : all;
        String line = RecordedRun.comment(Instant.now().toString(), Path.of("")) + "\nedp4j train "
                + args.stream().map(TrainCommand::quote).collect(Collectors.joining(" ")) + "\n";
        Path file = dir.resolve(COMMAND_FILE);
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw naming(file, e);
        }
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_.,:/=+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * @param hidden layer widths
     * @return them as {@code 256x256x256}
     */
    static String widths(int[] hidden) {
        return Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    private void summary(PrintWriter pw, FitResult result, Path dir, Path policyFile, Path plot, Path checkpoints,
            int checkpointInterval, String scale) {
        pw.println();
        pw.println("summary");
        List<Evaluation> evals = result.evaluations();
        if (!evals.isEmpty()) {
            Evaluation best = evals.stream().max((a, c) -> Double.compare(a.normalizedScore(), c.normalizedScore()))
                    .orElseThrow();
            int last = Math.min(10, evals.size());
            Fields.line(pw, "RAT", InfoCommand.number(result.rat()) + " (normalized score, mean of the last "
                    + (last == 1 ? "evaluation)" : last + " evaluations)"));
            Fields.line(pw, "OMS", InfoCommand.number(result.oms()) + " (best evaluation, at iteration "
                    + best.iteration() + ")");
            Fields.line(pw, "evaluations", evals.size() + " (" + episodes + " episodes each; " + scale + ")");
        } else {
            Fields.line(pw, "scores", "n/a (trained without evaluation)");
        }
        for (FitCurves.MetricStatistics m : FitCurves.metricStatistics(result)) {
            Fields.line(pw, m.name(), String.format(Locale.ROOT, "last %s  first %s  min %s  max %s",
                    InfoCommand.number(m.last()), InfoCommand.number(m.first()), InfoCommand.number(m.min()),
                    InfoCommand.number(m.max())));
        }
        Fields.line(pw, "iterations", Long.toString(result.provenance().iterationsCompleted()));
        Fields.line(pw, "wall time", String.format(Locale.ROOT, "%.1f s (%s)", result.wallSeconds(),
                ProgressPrinter.duration(result.wallSeconds())));
        Fields.line(pw, "speed", String.format(Locale.ROOT, "%.1f it/s (training steps of this run)",
                result.iterationsPerSecond()));
        Fields.line(pw, "policy", policyFile.toString());
        Fields.line(pw, "metrics", dir.resolve("training.csv") + ", " + dir.resolve("evaluations.csv"));
        Fields.line(pw, "learning curve", plot.toString());
        Fields.line(pw, "checkpoints", checkpointInterval > 0
                ? checkpoints + " (every " + checkpointInterval + " iterations)" : "none");
        pw.flush();
    }
}
