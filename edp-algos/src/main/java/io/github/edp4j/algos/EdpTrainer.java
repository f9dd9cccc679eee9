package io.github.edp4j.algos;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.DeviceDataset;
import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.core.schedule.ScheduleKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of EDP4J: trains an Efficient Diffusion Policy (Kang et al., NeurIPS 2023, arXiv 2305.20081) or
 * its feed-forward baseline with TD3+BC, CRR or IQL on an offline dataset, the Diffusion-QL baseline ({@link
 * Algorithm#DQL}, arXiv 2208.06193) that EDP speeds up, or DTQL ({@link Algorithm#DTQL}, arXiv 2405.19690), a
 * one-step policy trained inside a diffusion model's trust region.
 *
 * <pre>{@code
 * FitResult r = EdpTrainer.builder()
 *         .algo(Algorithm.IQL)     // TD3 (TD3+BC), CRR, IQL; DQL for the Diffusion-QL baseline
 *         .steps(1000)             // K diffusion steps
 *         .iterations(1_000_000)
 *         .build()
 *         .fit(dataset);
 * float[] action = r.policy().act(observation);
 * }</pre>
 *
 * <p>Each iteration runs in a child manager that is closed at its end; the dataset is copied to the device once.
 * The trainer itself is immutable and can fit several datasets.
 *
 * <p><b>Thread safety.</b> A trainer may be shared between threads. Each {@link #fit} call owns all the native
 * memory it allocates (its networks, optimizer state and device copy of the dataset, in one root manager freed
 * before it returns) and shares no native memory with other calls; the {@link FitResult#policy() policy} it returns
 * is an independent copy (see {@link Policy} for its own contract). Listeners are called on the thread that runs
 * {@code fit}. Runs given the same checkpoint or output directory must not run at the same time. Before training,
 * {@code fit} deletes the temporary files that a process killed while writing left in the checkpoint and output
 * directories. Concurrent fits give the same results as each alone: every training iteration and every action draws
 * from libtorch's process-wide generator inside {@link io.github.edp4j.core.TorchRuntime#withSeed}, which no other
 * seeded scope interleaves with (iterations of concurrent fits take turns; their evaluation episodes, file output
 * and the rest run in parallel), and the {@link Builder#threads(int) thread setting} applies to the calling thread
 * for the duration of {@code fit} and is restored afterwards.
 */
public final class EdpTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EdpTrainer.class);

    private final TrainerConfig config;
    private final Supplier<Environment> environments;
    private final DoubleUnaryOperator scoreNormalizer;
    private final List<TrainingListener> listeners;
    private final Path outputDir;
    private final Path checkpointDir;
    private final boolean resume;
    private final boolean progress;
    private final long memoryLimit;

    private EdpTrainer(Builder b, TrainerConfig config) {
        this.config = config;
        this.environments = b.environments;
        this.scoreNormalizer = b.scoreNormalizer;
        this.listeners = List.copyOf(b.listeners);
        this.outputDir = b.outputDir;
        this.checkpointDir = b.checkpointDir;
        this.resume = b.resume;
        this.progress = b.progress;
        this.memoryLimit = b.memoryLimit;
    }

    /** @return a builder with the official EDP defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the validated configuration */
    public TrainerConfig config() {
        return config;
    }

    /**
     * Checks, before anything is allocated, that training on this dataset fits in memory: a conservative estimate
     * of the parameters, gradients and Adam state of every network, the activations of one update over a batch
     * and the dataset's device copy, against the limit of {@link Builder#memoryLimit(long)}. {@link #fit} checks
     * this first; a program (such as the CLI) can call it earlier, before writing any file.
     *
     * @param dataset the dataset that would be fitted
     * @throws IllegalArgumentException as {@code hidden = [...] is too large: training would need about ...} naming
     *     the setting that drives the estimate ({@code hidden}, {@code batchSize} or {@code easCandidates}), the
     *     memory it would need and the memory available
     */
    public void requireMemoryFor(OfflineDataset dataset) {
        requireMemory(config, dataset.observationDim(), dataset.actionDim(), dataset.size(), memoryLimit);
    }

    private static void requireMemory(TrainerConfig c, int observationDim, int actionDim, long rows, long limit) {
        MemoryEstimate.of(c, observationDim, actionDim, rows).require(c,
                limit > 0 ? limit : MemoryEstimate.defaultLimit(),
                limit > 0 ? "the limit set by memoryLimit" : MemoryEstimate.defaultLimitSource());
    }

    /**
     * Trains on a dataset.
     *
     * @param dataset the offline dataset (rewards already preprocessed as wanted)
     * @return the trained policy, evaluations, training curve and provenance
     * @throws IllegalArgumentException if the dataset does not match the evaluation environment, if the run would
     *     not fit in memory ({@link #requireMemoryFor}), or if the checkpoint to resume from is past
     *     {@code iterations}
     * @throws TrainingDivergedException if a loss becomes NaN or infinite
     */
    public FitResult fit(OfflineDataset dataset) {
        return TorchRuntime.withThreads(config.threads(), () -> fitOnThisThread(dataset));
    }

    private FitResult fitOnThisThread(OfflineDataset dataset) {
        long t0 = System.nanoTime();
        requireMemoryFor(dataset);
        ActionBounds bounds = boundsFor(dataset);
        ObservationNormalizer normalizer = config.normalizeObservations()
                ? ObservationNormalizer.fit(dataset, ObservationNormalizer.DEFAULT_EPSILON)
                : ObservationNormalizer.identity(dataset.observationDim());
        OfflineDataset train = config.normalizeObservations() ? normalizer.applyTo(dataset) : dataset;
        String hash = dataset.contentHash();
        NetworkFactory factory = new NetworkFactory(config, dataset.observationDim(), bounds);
        String created = Instant.now().toString();
        Device device = config.gpu() ? gpu() : Device.cpu();
        List<Evaluation> evaluations = new ArrayList<>();
        List<TrainingRecord> curve = new ArrayList<>();
        try (NDManager root = TorchRuntime.newManager(device); TrainingRun run = new TrainingRun(config, factory, root)) {
            removeStaleTemporaries(checkpointDir, outputDir);
            if (resume && checkpointDir != null && Files.exists(Checkpoint.file(checkpointDir))) {
                Checkpoint.Restored r = Checkpoint.read(checkpointDir, run, config, hash);
                evaluations.addAll(r.evaluations());
                curve.addAll(r.curve());
                if (r.iteration() > config.iterations()) {
                    throw new IllegalArgumentException("iterations = " + config.iterations() + " is invalid: the"
                            + " checkpoint " + Checkpoint.file(checkpointDir) + " is already at iteration "
                            + r.iteration() + "; allowed >= " + r.iteration() + " to resume it");
                }
                LOG.info("resumed from {} at iteration {}", Checkpoint.file(checkpointDir), r.iteration());
            }
            long startIteration = run.iteration();
            DeviceDataset data = train.toDevice(root);
            EvaluationRunner evaluator = environments == null ? null
                    : new EvaluationRunner(environments, config.evalEpisodes(), scoreNormalizer, 1_000_000L);
            // a resumed run's CSV files are rewritten from the checkpoint's history: rows written after the
            // checkpoint by a run that was killed are dropped, so that every iteration appears once
            MetricsLog metrics = outputDir == null ? null : new MetricsLog(outputDir, curve, evaluations);
            ProgressReporter reporter = new ProgressReporter(LOG::info, config.iterations(), 10);
            Map<String, Double> window = new LinkedHashMap<>();
            Map<String, Integer> recorded = new HashMap<>();
            long windowStart = System.nanoTime();
            int windowCount = 0;
            long trainNanos = 0;
            try {
                while (run.iteration() < config.iterations()) {
                    long s = System.nanoTime();
                    Map<String, Float> m = run.step(data);
                    trainNanos += System.nanoTime() - s;
                    long it = run.iteration();
                    m.forEach((k, v) -> {
                        window.merge(k, (double) v, Double::sum);
                        recorded.merge(k, 1, Integer::sum);
                    });
                    windowCount++;
                    if (it % config.logEvery() == 0 || it == config.iterations()) {
                        // each metric is the mean over the iterations that recorded it (DTQL's policy metrics
                        // start inside a window when its pre-training ends)
                        Map<String, Double> avg = new LinkedHashMap<>();
                        for (Map.Entry<String, Double> e : window.entrySet()) {
                            avg.put(e.getKey(), e.getValue() / recorded.get(e.getKey()));
                        }
                        double seconds = (System.nanoTime() - windowStart) / 1e9;
                        TrainingRecord rec = new TrainingRecord(it, avg, windowCount / Math.max(seconds, 1e-9));
                        curve.add(rec);
                        if (metrics != null) {
                            metrics.record(rec);
                        }
                        for (TrainingListener l : listeners) {
                            l.onRecord(rec, config.iterations());
                        }
                        window.clear();
                        recorded.clear();
                        windowCount = 0;
                        windowStart = System.nanoTime();
                    }
                    if (evaluator != null && (it % config.evalEvery() == 0 || it == config.iterations())) {
                        Provenance p = provenance(dataset, hash, created, it);
                        Policy view = Policy.view(config, dataset.observationDim(), bounds, normalizer, p,
                                run.networks().targetActor(), actingCritic(run), root);
                        Evaluation e = evaluator.evaluate(view, it);
                        evaluations.add(e);
                        if (metrics != null) {
                            metrics.record(e);
                        }
                        for (TrainingListener l : listeners) {
                            l.onEvaluation(e);
                        }
                    }
                    if (checkpointDir != null && config.checkpointEvery() > 0 && it % config.checkpointEvery() == 0) {
                        try {
                            Checkpoint.write(checkpointDir, run, config, hash, evaluations, curve);
                        } catch (IOException e) {
                            throw MetricsLog.failure(Checkpoint.file(checkpointDir), e);
                        }
                    }
                    if (progress) {
                        reporter.update(it, m, evaluations.isEmpty() ? null : evaluations.get(evaluations.size() - 1),
                                it == config.iterations());
                    }
                }
            } catch (TrainingDivergedException e) {
                String kept = checkpointDir != null && Files.exists(Checkpoint.file(checkpointDir))
                        ? "; the last good checkpoint is kept at " + Checkpoint.file(checkpointDir)
                        : "; no checkpoint was written";
                throw new TrainingDivergedException(e.iteration(), e.getMessage() + kept);
            } finally {
                if (metrics != null) {
                    metrics.close();
                }
            }
            long done = run.iteration() - startIteration;
            Provenance prov = provenance(dataset, hash, created, run.iteration());
            Policy policy = Policy.copyOf(config, dataset.observationDim(), bounds, normalizer, prov,
                    run.networks().targetActor(), actingCritic(run));
            double wall = (System.nanoTime() - t0) / 1e9;
            return new FitResult(policy, evaluations, curve, wall, done / Math.max(trainNanos / 1e9, 1e-9), prov);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Deletes temporary files of writes a killed process left in the run's directories ({@link AtomicFile}). */
    private static void removeStaleTemporaries(Path... dirs) throws IOException {
        for (Path dir : dirs) {
            if (dir != null) {
                int n = AtomicFile.removeStaleTemporaries(dir);
                if (n > 0) {
                    LOG.info("{}: removed {} temporary file(s) left by an interrupted write", dir, n);
                }
            }
        }
    }

    /** The critic that scores candidates when acting: the target critic for DTQL (arXiv 2405.19690), else the online. */
    private TwinCritic actingCritic(TrainingRun run) {
        return config.algorithm() == Algorithm.DTQL ? run.networks().targetCritic() : run.networks().critic();
    }

    private ActionBounds boundsFor(OfflineDataset dataset) {
        if (environments == null) {
            return ActionBounds.symmetric(dataset.actionDim(), 1f);
        }
        Environment env = environments.get();
        try {
            if (env.observationDim() != dataset.observationDim() || env.actionDim() != dataset.actionDim()) {
                throw new IllegalArgumentException("dataset '" + dataset.name() + "' has observation/action "
                        + "dimensions " + dataset.observationDim() + "/" + dataset.actionDim() + " but environment '"
                        + env.name() + "' has " + env.observationDim() + "/" + env.actionDim());
            }
            return env.actionBounds();
        } finally {
            PolicyRollouts.closeIfCloseable(env);
        }
    }

    private Provenance provenance(OfflineDataset ds, String hash, String created, long iterations) {
        Engine engine = TorchRuntime.engine();
        return new Provenance(config, ds.name(), hash, ds.size(), Provenance.LIBRARY_VERSION, Engine.getDjlVersion(),
                engine.getVersion(), System.getProperty("java.version"), created, iterations);
    }

    private static Device gpu() {
        if (TorchRuntime.engine().getGpuCount() < 1) {
            throw new IllegalStateException("gpu(true) was requested but no GPU is visible to libtorch; "
                    + TorchRuntime.nativeArtifact(true).map(a -> "put " + a + " on the class path instead of the"
                            + " CPU native library (Maven profile -Pcuda in the EDP4J repository)")
                            .orElse("DJL publishes no CUDA libtorch for this platform")
                    + ", and check the driver");
        }
        return Device.gpu();
    }

    /**
     * Builder of {@link EdpTrainer}. Every setting has the official EDP default; {@link #build()} validates all of
     * them and names the field, value and allowed range of the first invalid one.
     */
    public static final class Builder {
        private Algorithm algorithm = Algorithm.TD3;
        private PolicyClass policyClass = PolicyClass.DIFFUSION;
        private int steps;
        private boolean stepsSet;
        private ScheduleKind schedule;
        private boolean scheduleSet;
        private int iterations = 1_000_000;
        private int batchSize = 256;
        private double actorLearningRate = 3e-4;
        private double criticLearningRate = 3e-4;
        private double maxGradNorm = 5.0;
        private double discount = 0.99;
        private double tau = 0.005;
        private double emaTau = 0.005;
        private int[] hidden = {256, 256, 256};
        private Activation activation = Activation.MISH;
        private double td3Alpha = 2.0;
        private double td3Eta = 1.0;
        private int crrSamples = 10;
        private double crrBeta = 1.0;
        private double crrWeightCap = 20.0;
        private double iqlExpectile = 0.7;
        private double iqlTemperature = 3.0;
        private double iqlWeightCap = 100.0;
        private double dtqlAlpha = 1.0;
        private double dtqlNllWeight = 0.0;
        private int dtqlPretrainIterations = 50_000;
        private int samplerCalls = 15;
        private int samplerOrder = 3;
        private TimeGrid samplerGrid = TimeGrid.TIME_UNIFORM;
        private int easCandidates = 10;
        private double easTemperature = 1.0;
        private boolean easArgmax;
        private boolean normalizeObservations = true;
        private long seed;
        private int threads;
        private boolean gpu;
        private int evalEvery = 5000;
        private int evalEpisodes = 10;
        private int logEvery = 1000;
        private int checkpointEvery;
        private Supplier<Environment> environments;
        private DoubleUnaryOperator scoreNormalizer = r -> Double.NaN;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path outputDir;
        private Path checkpointDir;
        private boolean resume;
        private boolean progress = true;
        private long memoryLimit;

        private Builder() {}

        /**
         * Chooses the algorithm. Its {@link Algorithm#defaultSteps() steps} and {@link Algorithm#defaultSchedule()
         * schedule} apply unless {@link #steps(int)} or {@link #schedule(ScheduleKind)} are called (in any order):
         * {@code .algo(Algorithm.DQL)} alone trains Diffusion-QL with the vp schedule and {@code K = 5}, while
         * {@code .algo(Algorithm.DQL).steps(20)} keeps vp with {@code K = 20}.
         *
         * @param v TD3, CRR, IQL, DQL or DTQL (default TD3)
         * @return this
         */
        public Builder algo(Algorithm v) {
            this.algorithm = v;
            return this;
        }

        /** @param v diffusion (default) or the Gaussian/deterministic baseline @return this */
        public Builder policy(PolicyClass v) {
            this.policyClass = v;
            return this;
        }

        /**
         * @param v K, the number of diffusion steps (default: the algorithm's, 1000; 5 for DQL)
         * @return this
         */
        public Builder steps(int v) {
            this.steps = v;
            this.stepsSet = true;
            return this;
        }

        /**
         * @param v noise schedule (default: the algorithm's, linear; vp for DQL)
         * @return this
         */
        public Builder schedule(ScheduleKind v) {
            this.schedule = v;
            this.scheduleSet = true;
            return this;
        }

        /** @param v gradient updates (default 1,000,000) @return this */
        public Builder iterations(int v) {
            this.iterations = v;
            return this;
        }

        /** @param v minibatch size (default 256) @return this */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** @param v policy learning rate (default 3e-4) @return this */
        public Builder actorLearningRate(double v) {
            this.actorLearningRate = v;
            return this;
        }

        /** @param v critic and value learning rate (default 3e-4) @return this */
        public Builder criticLearningRate(double v) {
            this.criticLearningRate = v;
            return this;
        }

        /** @param v global gradient-norm clip, 0 for none (default 5) @return this */
        public Builder maxGradNorm(double v) {
            this.maxGradNorm = v;
            return this;
        }

        /** @param v discount gamma (default 0.99) @return this */
        public Builder discount(double v) {
            this.discount = v;
            return this;
        }

        /** @param v Polyak rate of the target critics (default 0.005) @return this */
        public Builder tau(double v) {
            this.tau = v;
            return this;
        }

        /** @param v EMA rate of the acting policy (default 0.005) @return this */
        public Builder emaTau(double v) {
            this.emaTau = v;
            return this;
        }

        /** @param v hidden widths of all networks (default 256, 256, 256) @return this */
        public Builder hidden(int... v) {
            this.hidden = v == null ? null : v.clone();
            return this;
        }

        /** @param v hidden activation (default Mish) @return this */
        public Builder activation(Activation v) {
            this.activation = v;
            return this;
        }

        /**
         * @param alpha TD3+BC alpha (default 2.0; not used by DQL, whose Q term has no such factor)
         * @param eta weight of the Q term of TD3+BC and of Diffusion-QL (default 1.0)
         * @return this
         */
        public Builder td3(double alpha, double eta) {
            this.td3Alpha = alpha;
            this.td3Eta = eta;
            return this;
        }

        /**
         * @param samples baseline samples (default 10)
         * @param beta temperature (default 1.0)
         * @param weightCap weight cap (default 20)
         * @return this
         */
        public Builder crr(int samples, double beta, double weightCap) {
            this.crrSamples = samples;
            this.crrBeta = beta;
            this.crrWeightCap = weightCap;
            return this;
        }

        /**
         * @param expectile expectile (default 0.7)
         * @param temperature inverse temperature (default 3.0)
         * @param weightCap weight cap (default 100)
         * @return this
         */
        public Builder iql(double expectile, double temperature, double weightCap) {
            this.iqlExpectile = expectile;
            this.iqlTemperature = temperature;
            this.iqlWeightCap = weightCap;
            return this;
        }

        /**
         * DTQL's settings (arXiv 2405.19690, Sec. 2); the official per-dataset values of {@code alpha}
         * are listed by {@link DtqlPreset}.
         *
         * @param alpha weight of the diffusion trust-region loss, positive (default 1)
         * @param nllWeight weight {@code gamma} of the dataset actions' negative log-likelihood, non-negative
         *     (default 0; 1 for antmaze)
         * @param pretrainIterations iterations that train only the critics and the diffusion model before the
         *     one-step policy joins, fewer than {@link #iterations(int)} (default 50,000)
         * @return this
         */
        public Builder dtql(double alpha, double nllWeight, int pretrainIterations) {
            this.dtqlAlpha = alpha;
            this.dtqlNllWeight = nllWeight;
            this.dtqlPretrainIterations = pretrainIterations;
            return this;
        }

        /**
         * Applies DTQL's official per-dataset settings: {@code alpha}, {@code gamma} and the expectile.
         *
         * @param preset the dataset's preset
         * @return this
         */
        public Builder preset(DtqlPreset preset) {
            this.dtqlAlpha = preset.alpha();
            this.dtqlNllWeight = preset.nllWeight();
            this.iqlExpectile = preset.expectile();
            return this;
        }

        /**
         * Sets the DPM-Solver used to act and to draw target actions. Diffusion-QL ({@link Algorithm#DQL}) always
         * samples with the full DDPM chain over its {@code K} steps and ignores these settings (they are still
         * validated).
         *
         * @param modelCalls DPM-Solver model calls (default 15)
         * @param order solver order (default 3)
         * @param grid time grid (default time-uniform)
         * @return this
         */
        public Builder sampler(int modelCalls, int order, TimeGrid grid) {
            this.samplerCalls = modelCalls;
            this.samplerOrder = order;
            this.samplerGrid = grid;
            return this;
        }

        /**
         * @param candidates EAS candidates per state (default 10)
         * @param temperature softmax temperature (default 1)
         * @return this
         */
        public Builder eas(int candidates, double temperature) {
            this.easCandidates = candidates;
            this.easTemperature = temperature;
            return this;
        }

        /** @param v pick the best candidate instead of sampling (default false) @return this */
        public Builder easArgmax(boolean v) {
            this.easArgmax = v;
            return this;
        }

        /** @param v standardise observations with dataset statistics (default true) @return this */
        public Builder normalizeObservations(boolean v) {
            this.normalizeObservations = v;
            return this;
        }

        /** @param v the seed of everything random (default 0) @return this */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /**
         * @param v libtorch threads, 0 to keep the engine's (default 0); at most the number of cores available to
         *     the JVM ({@link Runtime#availableProcessors()}), since more threads than cores only wait for each
         *     other (measured: 1000 threads on 2 cores trained 46 times slower)
         * @return this
         */
        public Builder threads(int v) {
            this.threads = v;
            return this;
        }

        /** @param v train on the GPU (needs the CUDA native artifact; default false) @return this */
        public Builder gpu(boolean v) {
            this.gpu = v;
            return this;
        }

        /**
         * Evaluates the policy during training with the paper's protocol.
         *
         * @param environments creates a fresh environment per episode
         * @param episodes episodes per evaluation (default 10)
         * @param every iterations between evaluations (default 5000)
         * @param normalizedScore maps a mean return to the normalized score
         * @return this
         */
        public Builder evaluation(Supplier<Environment> environments, int episodes, int every,
                DoubleUnaryOperator normalizedScore) {
            this.environments = environments;
            this.evalEpisodes = episodes;
            this.evalEvery = every;
            this.scoreNormalizer = normalizedScore;
            return this;
        }

        /** @param v iterations between training-curve records (default 1000) @return this */
        public Builder logEvery(int v) {
            this.logEvery = v;
            return this;
        }

        /** @param v receives training records and evaluations @return this */
        public Builder listener(TrainingListener v) {
            this.listeners.add(v);
            return this;
        }

        /** @param v directory for training.csv and evaluations.csv (default: none) @return this */
        public Builder outputDir(Path v) {
            this.outputDir = v;
            return this;
        }

        /**
         * @param dir directory of the checkpoint file
         * @param every iterations between checkpoints
         * @return this
         */
        public Builder checkpoints(Path dir, int every) {
            this.checkpointDir = dir;
            this.checkpointEvery = every;
            return this;
        }

        /** @param v continue from the checkpoint in the checkpoint directory if one exists (default false) @return this */
        public Builder resume(boolean v) {
            this.resume = v;
            return this;
        }

        /**
         * Sets the memory a run may use, which {@link #build()} and {@link EdpTrainer#fit} check a conservative
         * estimate against before allocating anything.
         *
         * @param bytes the limit in bytes, or 0 for the default: the machine's physical memory as the JVM sees it
         *     (a container's limit where there is one) minus the Java heap's maximum
         * @return this
         */
        public Builder memoryLimit(long bytes) {
            this.memoryLimit = bytes;
            return this;
        }

        /**
         * @param v log a progress line (iteration, it/s, ETA, latest losses and score) every 10 seconds through SLF4J,
         *     logger {@code io.github.edp4j.algos.EdpTrainer} at INFO (default true); nothing is written to a terminal
         *     directly: register a {@link TrainingListener} to show progress yourself
         * @return this
         */
        public Builder progress(boolean v) {
            this.progress = v;
            return this;
        }

        /**
         * Applies the paper's per-domain settings.
         *
         * @param preset the domain
         * @return this
         */
        public Builder preset(DomainPreset preset) {
            this.td3Eta = preset.td3Eta();
            this.iqlExpectile = preset.iqlExpectile();
            return this;
        }

        /**
         * Validates and builds.
         *
         * <p>Besides each field's range it checks {@code threads} against the cores available and refuses sizes
         * whose estimated memory exceeds the limit ({@link #memoryLimit(long)}) even for one-dimensional data;
         * {@link EdpTrainer#requireMemoryFor} checks again with the dataset's dimensions.
         *
         * @return the trainer
         * @throws IllegalArgumentException naming the first invalid field, its value and the allowed range
         */
        public EdpTrainer build() {
            int k = stepsSet ? steps : algorithm == null ? Algorithm.TD3.defaultSteps() : algorithm.defaultSteps();
            ScheduleKind kind = scheduleSet ? schedule
                    : algorithm == null ? Algorithm.TD3.defaultSchedule() : algorithm.defaultSchedule();
            TrainerConfig cfg = new TrainerConfig(algorithm, policyClass, k, kind, iterations, batchSize,
                    actorLearningRate, criticLearningRate, maxGradNorm, discount, tau, emaTau, hidden, activation,
                    td3Alpha, td3Eta, crrSamples, crrBeta, crrWeightCap, iqlExpectile, iqlTemperature, iqlWeightCap,
                    dtqlAlpha, dtqlNllWeight, dtqlPretrainIterations, samplerCalls, samplerOrder, samplerGrid,
                    easCandidates, easTemperature, easArgmax,
                    normalizeObservations, seed, threads, gpu, evalEvery, evalEpisodes, logEvery, checkpointEvery);
            int cores = Runtime.getRuntime().availableProcessors();
            if (threads > cores) {
                throw new IllegalArgumentException("threads = " + threads + " is invalid: allowed 0 (libtorch's"
                        + " default) to " + cores + ", the number of cores available");
            }
            if (memoryLimit < 0) {
                throw new IllegalArgumentException("memoryLimit = " + memoryLimit + " is invalid: allowed >= 0"
                        + " (0 = physical memory minus the Java heap)");
            }
            requireMemory(cfg, 1, 1, 0, memoryLimit);
            if (checkpointEvery > 0 && checkpointDir == null) {
                throw new IllegalArgumentException("checkpointEvery = " + checkpointEvery
                        + " needs a checkpoint directory");
            }
            if (resume && checkpointDir == null) {
                throw new IllegalArgumentException("resume = true needs a checkpoint directory");
            }
            if (environments != null && scoreNormalizer == null) {
                throw new IllegalArgumentException("evaluation needs a normalized-score function");
            }
            if (cfg.policyClass() == PolicyClass.DIFFUSION && cfg.algorithm() != Algorithm.DQL
                    && cfg.algorithm() != Algorithm.DTQL && k < 100) {
                // measured in docs/ablations.md ("A sampler finding"); the official solver ends at t = 1/K instead
                LOG.warn("K = {} with DPM-Solver: the solver integrates to t = 1e-3, below the first trained step "
                        + "t = 1/K = {}, so its last model calls extrapolate; on the bandit K = 10 scored 54 against "
                        + "92 ending at 1/K. Prefer K >= 100 or act with the DDPM chain", k, 1.0 / k);
            }
            return new EdpTrainer(this, cfg);
        }
    }
}
