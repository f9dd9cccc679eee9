package io.github.edp4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.algos.TrainingListener;
import io.github.edp4j.algos.TrainingRecord;
import io.github.edp4j.algos.nets.DtqlActor;
import io.github.edp4j.algos.nets.NetworkShape;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.sampling.DpmSolver3;
import io.github.edp4j.core.sampling.EnergyBasedActionSelection;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.core.schedule.ScheduleKind;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import io.github.edp4j.d4rl.D4rlWriter;
import io.github.edp4j.d4rl.mujoco.MuJoCo;
import io.github.edp4j.examples.cli.Edp4jCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The EDP4J benchmark suite, one main with warm-up and repeated rounds (docs/design.md, section 7: speed figures come
 * from benchmarks, never from timed unit tests). In one process and one run it measures:
 *
 * <ul>
 *   <li>{@code matmul.gflops}: float32 {@code n x n} matrix products, the machine's rate for the roofline;</li>
 *   <li>training iterations per second at the paper's scale (EDP, arXiv 2305.20081, App. B: batch 256, 3 x 256
 *       Mish, {@code K = 1000}; walker2d sizes, observation 17 and action 6, on a synthetic dataset of that shape)
 *       for EDP-TD3, EDP-CRR, EDP-IQL, the Gaussian (deterministic) TD3+BC baseline and Diffusion-QL with {@code K =
 *       5}, and DTQL (arXiv 2405.19690) in its joint phase (critics, diffusion model and one-step policy every
 *       iteration), each through {@link EdpTrainer} with one round per training-curve window, the first rounds
 *       discarded as warm-up;</li>
 *   <li>sampling: the latency of acting in one state with DPM-Solver-3 (15 calls) without and with energy-based
 *       action selection ({@code N = 10}), DTQL's one-step policy alone (one network call) and with the same
 *       selection over {@code N} candidates, batch throughput (states per second) of both, and DDPM over all
 *       {@code K = 1000} steps for the ratio (randomly initialised networks: speed does not depend on the
 *       weights);</li>
 *   <li>memory: resident set size ({@code VmRSS}) before, at the first reading and at the end of a long EDP-IQL run
 *       (20,000 iterations), the JVM's committed heap at each reading (so a change of the resident size can be
 *       told apart from the JVM growing or returning heap), and that run's throughput;</li>
 *   <li>D4RL: the time of {@link D4rl#load(Path)} on a hopper-sized file (observation 11, action 3) of 1,000,000
 *       rows in D4RL layout, written with {@link D4rlWriter} to a temporary directory (and the write time);</li>
 *   <li>other formats: {@code formats.load.d4rl}, {@code formats.load.minari}, {@code formats.load.ogbench}, the
 *       time of {@code Datasets.load} on the same number of hopper-sized transitions as a D4RL file, a Minari
 *       {@code main_data.hdf5} and an OGBench {@code .npz} ({@link DatasetFormatsLoadBenchmark});</li>
 *   <li>MuJoCo (issue 19): {@code env.hopper_steps}, {@code env.walker2d_steps}, {@code env.halfcheetah_steps},
 *       environment steps per second under uniform random actions with the resets counted;
 *       {@code eval.halfcheetah_episode}, the wall time of one 1,000-step halfcheetah evaluation episode acting with
 *       the sampling figures' EDP policy (DPM-Solver-3 with 15 calls and energy-based action selection over
 *       {@code N = 10} candidates, one state per step), {@code eval.halfcheetah_physics}, the time spent in
 *       {@code env.step} inside it, and {@code eval.halfcheetah_physics_share}, their ratio per episode (issue 19
 *       wants it under 10%); {@code collect.halfcheetah_expert}, transitions per second of the dataset collector
 *       with the built-in halfcheetah expert (see {@link MuJoCoFigures}). Without libmujoco these figures are
 *       reported as {@linkplain BenchReport#unavailable() unavailable} with
 *       {@link MuJoCo#unavailableReason()}, and everything else still runs.</li>
 *   <li>deployment (issue 14, {@link DeployFigures}): acting through {@code Policy} on libtorch, through the ONNX
 *       export on ONNX Runtime and through the plain-PyTorch peer script with the same weights, one state and a
 *       batch, DPM-Solver-3 with and without EAS (also the Gaussian actor and DTQL with selection on both Java
 *       backends), with ratios; the peer's figures are unavailable, with the reason, without Python and torch.</li>
 * </ul>
 *
 * <p>Derived: EDP over Diffusion-QL training speed, DPM-Solver-3 over DDPM sampling speed, memory growth, a matmul
 * roofline per algorithm ({@link FlopModel}) and the minutes to collect 1,000,000 expert steps
 * ({@code collect.halfcheetah_expert_1m_steps_minutes}). Run it with {@code edp4j bench [--smoke] [--threads N]
 * [--out FILE.json]} or this class's {@link #main}.
 */
public final class BenchmarkSuite {

    /** Every figure a report holds, in order. */
    public static final List<String> FIGURES = Stream.concat(Stream.of("matmul.gflops", "train.edp_td3", "train.edp_crr",
            "train.edp_iql", "train.gaussian_td3bc", "train.diffusion_ql", "train.dtql", "sample.dpm3_1state",
            "sample.dpm3_eas_1state", "sample.dtql_1state", "sample.dtql_eas_1state", "sample.dpm3_batch",
            "sample.dpm3_eas_batch",
            "sample.ddpm_1state", "sample.ddpm_batch", "memory.rss_before", "memory.rss_start", "memory.rss_end",
            "memory.iql_long_run", "d4rl.write", "d4rl.load", "formats.load.d4rl", "formats.load.minari",
            "formats.load.ogbench", "env.hopper_steps", "env.walker2d_steps",
            "env.halfcheetah_steps", "eval.halfcheetah_episode", "eval.halfcheetah_physics",
            "eval.halfcheetah_physics_share", "collect.halfcheetah_expert"), DeployFigures.FIGURES.stream()).toList();

    /** Every derived quantity a report holds, in order. */
    public static final List<String> DERIVED = Stream.of(Stream.of("ratio.edp_td3_over_diffusion_ql_training",
            "ratio.edp_crr_over_diffusion_ql_training", "ratio.edp_iql_over_diffusion_ql_training",
            "ratio.dpm3_over_ddpm_sampling_1state", "ratio.dpm3_over_ddpm_sampling_batch",
            "ratio.dpm3_eas_over_dtql_latency_1state", "ratio.dpm3_eas_over_dtql_eas_latency_1state",
            "roofline.edp_td3.gflop_per_iteration", "roofline.edp_td3.bound_its", "roofline.edp_td3.fraction",
            "roofline.edp_crr.gflop_per_iteration", "roofline.edp_crr.bound_its", "roofline.edp_crr.fraction",
            "roofline.edp_iql.gflop_per_iteration", "roofline.edp_iql.bound_its", "roofline.edp_iql.fraction",
            "roofline.gaussian_td3bc.gflop_per_iteration", "roofline.gaussian_td3bc.bound_its",
            "roofline.gaussian_td3bc.fraction", "roofline.diffusion_ql.gflop_per_iteration",
            "roofline.diffusion_ql.bound_its", "roofline.diffusion_ql.fraction", "roofline.dtql.gflop_per_iteration",
            "roofline.dtql.bound_its", "roofline.dtql.fraction", "memory.rss_growth_mb",
            "memory.rss_growth_percent", "memory.jvm_heap_committed_start_mb", "memory.jvm_heap_committed_end_mb",
            "collect.halfcheetah_expert_1m_steps_minutes"), DeployFigures.DERIVED.stream(),
            Stream.of("machine.load_average_at_end")).flatMap(x -> x).toList();

    private final BenchSettings s;
    private final PrintWriter progress;
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final List<Map<String, Object>> memorySeries = new ArrayList<>();
    private DeployFigures deploy;

    /**
     * @param settings what to measure
     * @param progress where to report progress (one line per measurement)
     */
    public BenchmarkSuite(BenchSettings settings, PrintWriter progress) {
        this.s = settings;
        this.progress = progress;
    }

    /**
     * Runs the edp4j CLI's {@code bench} command: {@code [--smoke] [--threads N] [--out FILE.json]}.
     *
     * @param args command-line arguments of {@code edp4j bench}
     */
    public static void main(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        System.exit(Edp4jCli.newCommandLine().execute(all));
    }

    /**
     * Runs every measurement once, in this thread.
     *
     * @return the report
     */
    public BenchReport run() {
        long t0 = System.nanoTime();
        String created = Instant.now().toString();
        TorchRuntime.threads(s.threads());
        Map<String, Object> machine = MachineInfo.machine();
        Map<String, Object> runtime = MachineInfo.runtime();
        say("EDP4J benchmark (%s): %s, %s core(s), %d libtorch thread(s), load average %.2f", s.name(),
                machine.get("cpuModel"), machine.get("availableProcessors"), s.threads(),
                machine.get("loadAverageAtStart"));

        matmul();
        training();
        sampling();
        // The memory run comes before the D4RL load: the JVM keeps the heap that a 1,000,000-row load grew and
        // gives it back slowly, which would hide (or fake) a trend in the resident size.
        memory();
        d4rl();
        say("dataset formats: Minari and OGBench loads against D4RL's, %,d rows", s.d4rlRows());
        DatasetFormatsLoadBenchmark.measure(s.d4rlRows(), s.d4rlRounds(), s.seed()).forEach(this::add);
        mujoco();
        say("deployment: libtorch, ONNX Runtime and the PyTorch peer (%s) acting at the sampling sizes",
                DeployFigures.python());
        deploy = new DeployFigures(s, this::add, unavailable);
        deploy.measure();

        Map<String, Object> derived = derived();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        say("done in %.0f s", elapsed);
        return new BenchReport(s, created, machine, runtime, figures, unavailable, derived, memorySeries, elapsed);
    }

    private void say(String format, Object... args) {
        progress.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        progress.flush();
    }

    private void add(Figure f) {
        figures.put(f.key(), f);
        say("%-48s median %s %s (min %s, max %s, n %d)", f.label(), fmt(f.median()), f.unit(), fmt(f.min()),
                fmt(f.max()), f.values().length);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
    }

    // ---------------------------------------------------------------- matmul

    private void matmul() {
        int n = s.matmulSize();
        double flops = 2.0 * n * n * n * s.matmulCallsPerRound();
        double[] gflops = new double[s.matmulRounds()];
        try (NDManager m = TorchRuntime.newManager()) {
            TorchRuntime.seed(s.seed());
            NDArray a = m.randomNormal(0f, 1f, new Shape(n, n), DataType.FLOAT32);
            NDArray b = m.randomNormal(0f, 1f, new Shape(n, n), DataType.FLOAT32);
            for (int r = -1; r < s.matmulRounds(); r++) { // round -1 is the warm-up
                try (NDManager round = m.newSubManager()) {
                    NDArray x = a.duplicate();
                    x.attach(round);
                    long start = System.nanoTime();
                    for (int i = 0; i < s.matmulCallsPerRound(); i++) {
                        x.matMul(b);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (r >= 0) {
                        gflops[r] = flops / seconds / 1e9;
                    }
                }
            }
        }
        add(new Figure("matmul.gflops", "matmul " + n + "x" + n + " float32", "GFLOP/s", gflops));
    }

    // ---------------------------------------------------------------- training

    private void training() {
        OfflineDataset data = SyntheticData.dataset("synthetic-walker2d-size", s.datasetRows(), s.observationDim(),
                s.actionDim(), s.seed());
        train("train.edp_td3", "EDP-TD3 training", Algorithm.TD3, PolicyClass.DIFFUSION, data);
        train("train.edp_crr", "EDP-CRR training", Algorithm.CRR, PolicyClass.DIFFUSION, data);
        train("train.edp_iql", "EDP-IQL training", Algorithm.IQL, PolicyClass.DIFFUSION, data);
        train("train.gaussian_td3bc", "Gaussian TD3+BC training", Algorithm.TD3, PolicyClass.GAUSSIAN, data);
        train("train.diffusion_ql", "Diffusion-QL (K=" + s.dqlSteps() + ") training", Algorithm.DQL,
                PolicyClass.DIFFUSION, data);
        train("train.dtql", "DTQL training (joint phase)", Algorithm.DTQL, PolicyClass.DIFFUSION, data);
    }

    private EdpTrainer.Builder trainer(Algorithm algo, PolicyClass policy) {
        EdpTrainer.Builder b = EdpTrainer.builder().algo(algo).policy(policy).hidden(s.hidden())
                .activation(Activation.MISH).batchSize(s.batchSize()).seed(s.seed()).threads(s.threads())
                .progress(false);
        if (algo == Algorithm.DTQL) {
            return b.dtql(1.0, 0.0, 0); // no pre-training: every measured iteration trains all four networks
        }
        return algo == Algorithm.DQL ? b.steps(s.dqlSteps()).schedule(ScheduleKind.VP)
                : b.steps(s.diffusionSteps()).sampler(s.solverCalls(), 3, TimeGrid.TIME_UNIFORM);
    }

    private void train(String key, String label, Algorithm algo, PolicyClass policy, OfflineDataset data) {
        int per = s.trainIterationsPerRound();
        int warm = s.trainWarmupRounds();
        FitResult r = trainer(algo, policy).iterations(per * (warm + s.trainRounds())).logEvery(per).build()
                .fit(data);
        r.policy().close();
        List<TrainingRecord> curve = r.curve();
        double[] its = new double[s.trainRounds()];
        for (int i = 0; i < its.length; i++) {
            its[i] = curve.get(warm + i).iterationsPerSecond();
        }
        add(new Figure(key, label, "it/s", its));
    }

    // ---------------------------------------------------------------- sampling

    /**
     * The EDP policy of the sampling and evaluation figures: the paper's noise network (EDP, arXiv 2305.20081,
     * App. B: linear schedule, {@code K = diffusionSteps}, Mish, time embedding 16-32-16), randomly initialised.
     *
     * @param settings the sizes
     * @param observationDim observation dimension
     * @param bounds the action box
     * @return the configuration
     */
    static DiffusionPolicyConfig policyConfig(BenchSettings settings, int observationDim, ActionBounds bounds) {
        return new DiffusionPolicyConfig(observationDim, bounds, ScheduleKind.LINEAR, settings.diffusionSteps(),
                settings.hidden(), Activation.MISH, 16, 32, settings.seed());
    }

    private void sampling() {
        ActionBounds bounds = ActionBounds.symmetric(s.actionDim(), 1f);
        DiffusionPolicyConfig cfg = policyConfig(s, s.observationDim(), bounds);
        try (NDManager root = TorchRuntime.newManager(); DiffusionPolicy policy = new DiffusionPolicy(cfg, root, false);
                TwinCritic critic = new TwinCritic(new NetworkShape(s.observationDim(), bounds, s.hidden(),
                        Activation.MISH, s.seed()), root, false)) {
            TorchRuntime.seed(s.seed());
            ActionSampler dpm = new DpmSolver3(cfg.schedule(), bounds, s.solverCalls(), TimeGrid.TIME_UNIFORM);
            ActionSampler ddpm = new DdpmSampler(cfg.schedule(), bounds);
            EnergyBasedActionSelection eas = new EnergyBasedActionSelection(s.easCandidates(), 1.0,
                    EnergyBasedActionSelection.Mode.SOFTMAX);
            float[] one = states(1);
            float[] batch = states(s.samplingBatch());
            int b = s.samplingBatch();
            int w = s.samplingWarmup();
            String calls = "DPM-Solver-3 (" + s.solverCalls() + " calls)";
            String easLabel = " + EAS (N=" + s.easCandidates() + ")";
            add(new Figure("sample.dpm3_1state", calls + ", 1 state", "ms",
                    millis(root, policy, critic, dpm, null, one, w, s.singleStateRounds())));
            add(new Figure("sample.dpm3_eas_1state", calls + easLabel + ", 1 state", "ms",
                    millis(root, policy, critic, dpm, eas, one, w, s.singleStateRounds())));
            add(new Figure("sample.dtql_1state", "DTQL one-step policy (1 call), 1 state", "ms",
                    dtqlMillis(root, bounds, null, one, w, s.singleStateRounds())));
            add(new Figure("sample.dtql_eas_1state", "DTQL one-step policy" + easLabel + ", 1 state", "ms",
                    dtqlMillis(root, bounds, eas, one, w, s.singleStateRounds())));
            add(new Figure("sample.dpm3_batch", calls + ", batch " + b, "states/s",
                    perSecond(b, millis(root, policy, critic, dpm, null, batch, w, s.batchRounds()))));
            add(new Figure("sample.dpm3_eas_batch", calls + easLabel + ", batch " + b, "states/s",
                    perSecond(b, millis(root, policy, critic, dpm, eas, batch, w, s.batchRounds()))));
            String ddpmLabel = "DDPM (K=" + s.diffusionSteps() + ")";
            add(new Figure("sample.ddpm_1state", ddpmLabel + ", 1 state", "ms",
                    millis(root, policy, critic, ddpm, null, one, 1, s.ddpmSingleStateRounds())));
            add(new Figure("sample.ddpm_batch", ddpmLabel + ", batch " + b, "states/s",
                    perSecond(b, millis(root, policy, critic, ddpm, null, batch, 1, s.ddpmBatchRounds()))));
        }
    }

    private float[] states(int rows) {
        SplittableRandom rnd = new SplittableRandom(s.seed() + rows);
        float[] v = new float[rows * s.observationDim()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /**
     * Times acting from a host {@code float[]} of states to a host {@code float[]} of actions, each call in its own
     * manager, after {@code warmup} discarded calls (DDPM, whose every call makes {@code K} network calls, warms up
     * with one).
     */
    private double[] millis(NDManager root, DiffusionPolicy policy, TwinCritic critic, ActionSampler sampler,
            EnergyBasedActionSelection eas, float[] states, int warmup, int rounds) {
        int rows = states.length / s.observationDim();
        double[] ms = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            long start = System.nanoTime();
            try (NDManager m = root.newSubManager()) {
                NDArray x = m.create(states, new Shape(rows, s.observationDim()));
                NDArray a = eas == null ? policy.sample(x, sampler)
                        : eas.select(x, st -> policy.sample(st, sampler), critic::min);
                a.toFloatArray();
            }
            if (r >= 0) {
                ms[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        return ms;
    }

    /**
     * Times DTQL's acting: one sample of the one-step policy ({@code eas == null}), or {@code N} one-step candidates
     * in one batch scored by the (LayerNorm) critic.
     */
    private double[] dtqlMillis(NDManager root, ActionBounds bounds, EnergyBasedActionSelection eas, float[] states,
            int warmup, int rounds) {
        NetworkShape shape = new NetworkShape(s.observationDim(), bounds, s.hidden(), Activation.MISH, s.seed());
        int rows = states.length / s.observationDim();
        double[] ms = new double[rounds];
        try (DtqlActor actor = new DtqlActor(shape, root, false);
                TwinCritic critic = new TwinCritic(shape, root, false, true)) {
            for (int r = -warmup; r < rounds; r++) {
                long start = System.nanoTime();
                try (NDManager m = root.newSubManager()) {
                    NDArray x = m.create(states, new Shape(rows, s.observationDim()));
                    NDArray a = eas == null ? actor.sample(x) : eas.select(x, actor::sample, critic::min);
                    a.toFloatArray();
                }
                if (r >= 0) {
                    ms[r] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return ms;
    }

    /** @return each round's rows per second, from its wall time in milliseconds */
    static double[] perSecond(int rows, double[] millis) {
        double[] out = new double[millis.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows / (millis[i] / 1e3);
        }
        return out;
    }

    // ---------------------------------------------------------------- D4RL

    private void d4rl() {
        Path dir = null;
        Path file = null;
        try {
            dir = Files.createTempDirectory("edp4j-bench-d4rl");
            file = dir.resolve("hopper-medium-v2.hdf5");
            OfflineDataset ds = SyntheticData.dataset("hopper-medium-v2", s.d4rlRows(),
                    BenchSettings.D4RL_OBSERVATION_DIM, BenchSettings.D4RL_ACTION_DIM, s.seed());
            long start = System.nanoTime();
            D4rlWriter.write(ds, file);
            double write = (System.nanoTime() - start) / 1e9;
            ds = null;
            figures.put("d4rl.write", Figure.single("d4rl.write", "D4RL write, " + rows(s.d4rlRows()) + " rows (jhdf)",
                    "s", write));
            say("%-48s %.2f s (%.1f MB file)", "D4RL write", write, Files.size(file) / 1e6);
            double[] seconds = new double[s.d4rlRounds()];
            for (int r = -1; r < s.d4rlRounds(); r++) { // round -1 is the warm-up
                System.gc();
                long t = System.nanoTime();
                D4rlDataset d = D4rl.load(file);
                double sec = (System.nanoTime() - t) / 1e9;
                if (d.transitions() < 1) {
                    throw new IllegalStateException("the benchmark file loaded with no transitions");
                }
                if (r >= 0) {
                    seconds[r] = sec;
                }
            }
            add(new Figure("d4rl.load", "D4RL load, " + rows(s.d4rlRows()) + " rows, hopper-sized", "s", seconds));
        } catch (IOException e) {
            throw new UncheckedIOException("D4RL benchmark: " + e.getMessage(), e);
        } finally {
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                if (dir != null) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                say("could not delete %s: %s", dir, e.getMessage());
            }
        }
    }

    private static String rows(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ---------------------------------------------------------------- MuJoCo

    private void mujoco() {
        if (!MuJoCo.isAvailable()) {
            String reason = MuJoCo.unavailableReason();
            say("MuJoCo figures unavailable: %s", reason);
            unavailable.putAll(MuJoCoFigures.unavailable(reason));
            return;
        }
        say("MuJoCo %s (%s)", MuJoCo.get().version(), MuJoCo.get().location());
        new MuJoCoFigures(s, this::add).measure();
    }

    // ---------------------------------------------------------------- memory

    private void memory() {
        OfflineDataset data = SyntheticData.dataset("synthetic-walker2d-size", s.datasetRows(), s.observationDim(),
                s.actionDim(), s.seed() + 1);
        List<double[]> readings = new ArrayList<>();
        TrainingListener rss = new TrainingListener() {
            @Override
            public void onRecord(TrainingRecord record, long total) {
                double heap = Runtime.getRuntime().totalMemory() / (1024.0 * 1024.0);
                readings.add(new double[] {record.iteration(), MachineInfo.residentMegabytes(),
                    record.iterationsPerSecond(), heap});
            }
        };
        System.gc();
        double before = MachineInfo.residentMegabytes();
        say("EDP-IQL memory run: %d iterations, VmRSS %.1f MB before", s.memoryIterations(), before);
        FitResult r = trainer(Algorithm.IQL, PolicyClass.DIFFUSION).iterations(s.memoryIterations())
                .logEvery(s.memoryLogEvery()).listener(rss).build().fit(data);
        r.policy().close();
        double[] first = readings.get(0);
        double[] last = readings.get(readings.size() - 1);
        String at = " (iteration %d)";
        add(Figure.single("memory.rss_before", "VmRSS before the EDP-IQL run", "MB", before));
        add(Figure.single("memory.rss_start", String.format(Locale.ROOT, "VmRSS at the start" + at, (long) first[0]),
                "MB", first[1]));
        add(Figure.single("memory.rss_end", String.format(Locale.ROOT, "VmRSS at the end" + at, (long) last[0]), "MB",
                last[1]));
        double[] its = new double[readings.size()];
        for (int i = 0; i < its.length; i++) {
            double[] x = readings.get(i);
            its[i] = x[2];
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("iteration", (long) x[0]);
            point.put("rssMB", x[1]);
            point.put("jvmHeapCommittedMB", x[3]);
            point.put("iterationsPerSecond", x[2]);
            memorySeries.add(point);
        }
        add(new Figure("memory.iql_long_run", "EDP-IQL training, " + rows(s.memoryIterations()) + "-iteration run",
                "it/s", its));
    }

    // ---------------------------------------------------------------- derived

    private Map<String, Object> derived() {
        Map<String, Object> d = new LinkedHashMap<>();
        double dql = figures.get("train.diffusion_ql").median();
        d.put("ratio.edp_td3_over_diffusion_ql_training", figures.get("train.edp_td3").median() / dql);
        d.put("ratio.edp_crr_over_diffusion_ql_training", figures.get("train.edp_crr").median() / dql);
        d.put("ratio.edp_iql_over_diffusion_ql_training", figures.get("train.edp_iql").median() / dql);
        d.put("ratio.dpm3_over_ddpm_sampling_1state",
                figures.get("sample.ddpm_1state").median() / figures.get("sample.dpm3_1state").median());
        d.put("ratio.dpm3_over_ddpm_sampling_batch",
                figures.get("sample.dpm3_batch").median() / figures.get("sample.ddpm_batch").median());
        d.put("ratio.dpm3_eas_over_dtql_latency_1state",
                figures.get("sample.dpm3_eas_1state").median() / figures.get("sample.dtql_1state").median());
        d.put("ratio.dpm3_eas_over_dtql_eas_latency_1state",
                figures.get("sample.dpm3_eas_1state").median() / figures.get("sample.dtql_eas_1state").median());
        FlopModel flops = new FlopModel(s.observationDim(), s.actionDim(), s.hidden(), s.batchSize());
        double gflops = figures.get("matmul.gflops").median();
        roofline(d, "edp_td3", flops.perIteration(Algorithm.TD3, true, s.solverCalls(), 10, s.dqlSteps()), gflops);
        roofline(d, "edp_crr", flops.perIteration(Algorithm.CRR, true, s.solverCalls(), 10, s.dqlSteps()), gflops);
        roofline(d, "edp_iql", flops.perIteration(Algorithm.IQL, true, s.solverCalls(), 10, s.dqlSteps()), gflops);
        roofline(d, "gaussian_td3bc", flops.perIteration(Algorithm.TD3, false, s.solverCalls(), 10, s.dqlSteps()),
                gflops);
        roofline(d, "diffusion_ql", flops.perIteration(Algorithm.DQL, true, s.solverCalls(), 10, s.dqlSteps()), gflops);
        roofline(d, "dtql", flops.perIteration(Algorithm.DTQL, true, s.solverCalls(), 10, s.dqlSteps()), gflops);
        double start = figures.get("memory.rss_start").median();
        double end = figures.get("memory.rss_end").median();
        d.put("memory.rss_growth_mb", end - start);
        d.put("memory.rss_growth_percent", 100 * (end - start) / start);
        double heapStart = (double) memorySeries.get(0).get("jvmHeapCommittedMB");
        double heapEnd = (double) memorySeries.get(memorySeries.size() - 1).get("jvmHeapCommittedMB");
        d.put("memory.jvm_heap_committed_start_mb", heapStart);
        d.put("memory.jvm_heap_committed_end_mb", heapEnd);
        Figure collect = figures.get("collect.halfcheetah_expert");
        if (collect != null) {
            d.put(MuJoCoFigures.COLLECT_MILLION, MuJoCoFigures.minutesForMillion(collect.median()));
        }
        if (deploy != null) {
            deploy.derive(d);
        }
        d.put("machine.load_average_at_end", MachineInfo.loadAverage());
        return d;
    }

    private void roofline(Map<String, Object> d, String name, double flopsPerIteration, double gflops) {
        double bound = gflops * 1e9 / flopsPerIteration;
        d.put("roofline." + name + ".gflop_per_iteration", flopsPerIteration / 1e9);
        d.put("roofline." + name + ".bound_its", bound);
        d.put("roofline." + name + ".fraction", figures.get("train." + name).median() / bound);
    }
}
