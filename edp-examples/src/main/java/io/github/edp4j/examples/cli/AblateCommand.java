package io.github.edp4j.examples.cli;

import io.github.edp4j.algos.ActingSettings;
import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.algos.PolicyRollouts;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import io.github.edp4j.examples.plot.AblationPlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j ablate}: evaluates one saved policy over a grid of acting-time settings ({@link
 * Policy#withActing}), the EDP paper's ablations (arXiv 2305.20081): score against the number {@code N} of
 * energy-based selection candidates (Fig. 4; the policy's own sampler), and score against DPM-Solver's model calls
 * on each time grid and the full {@code K}-step DDPM chain (Fig. 5; the policy's own selection). Every setting runs
 * the same seeded episodes (episode {@code i} starts from {@code reset(seed + i)}, and each setting's noise
 * sequence starts afresh), and its latency per action is measured in the same run: the median wall time of
 * single-state {@link Policy#act(float[])} calls on the first episode's initial observation (after a warm-up of
 * the policy, and one warm-up call per setting). {@code --eas-argmax} / {@code --eas-temperature} replace the
 * policy's selection rule in every setting (softmax against argmax selection, Fig. 4's two curves), and {@code
 * --sweeps} picks the sweeps to run. Writes {@code ablation.csv}, {@code ablation.md} and {@code ablation.png} to the output directory, each
 * atomically, and prints a progress line per setting.
 */
@Command(name = "ablate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = "Evaluate a saved policy over a grid of acting-time settings (EAS candidates N; DPM-Solver model"
                + " calls on each grid and DDPM) with seeded episodes; write ablation.csv, ablation.md and"
                + " ablation.png with the score and latency per action of each setting.")
public final class AblateCommand implements Callable<Integer> {

    /** Single-state acting calls with the training-time settings before any setting is timed. */
    private static final int WARM_UP_CALLS = 20;

    /** The CSV header. */
    static final String CSV_HEADER = "sweep,sampler,solver_order,model_calls,grid,eas_candidates,eas_temperature,"
            + "eas_argmax,episodes,normalized_score,mean_return,std_return,latency_ms";

    @Spec
    private CommandSpec spec;

    @Mixin
    private SeededEpisodesOptions run;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory for ablation.csv, ablation.md and ablation.png (created if missing).")
    private Path out;

    @Option(names = "--candidates", paramLabel = "N,...", split = ",", defaultValue = "1,2,5,10,20,50",
            description = "EAS candidates to try, with the policy's sampler (default: ${DEFAULT-VALUE}, the paper's"
                    + " Fig. 4).")
    private List<Integer> candidates;

    @Option(names = "--model-calls", paramLabel = "M,...", split = ",", defaultValue = "3,5,10,15,30",
            description = "DPM-Solver model calls to try on each --grids, with the policy's solver order and EAS"
                    + " (default: ${DEFAULT-VALUE}).")
    private List<Integer> calls;

    @Option(names = "--grids", paramLabel = "GRID,...", split = ",", completionCandidates = EnumNames.Grids.class,
            defaultValue = "time_uniform,logsnr,time_quadratic",
            description = "DPM-Solver time grids: ${COMPLETION-CANDIDATES} (default: all).")
    private List<TimeGrid> grids;

    @Option(names = "--sweeps", paramLabel = "SWEEP,...", split = ",", defaultValue = "eas,sampler",
            description = "Which sweeps to run: eas (score vs N) and/or sampler (score vs model calls) (default:"
                    + " ${DEFAULT-VALUE}).")
    private List<String> sweepNames;

    @Option(names = "--eas-argmax", negatable = true,
            description = "Select among the candidates by the highest Q in every setting (--no-eas-argmax: sample"
                    + " softmax(Q/T)) (default: the policy's selection).")
    private Boolean easArgmax;

    @Option(names = "--eas-temperature", paramLabel = "T",
            description = "Softmax temperature of the selection in every setting (default: the policy's).")
    private Double easTemperature;

    @Option(names = "--ddpm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also act with the full K-step DDPM chain (--no-ddpm: not; default: ${DEFAULT-VALUE}).")
    private boolean ddpm;

    @Option(names = "--latency-calls", paramLabel = "R", defaultValue = "30",
            description = "Single-state acting calls timed per setting for its latency (default: ${DEFAULT-VALUE}).")
    private int latencyCalls;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "libtorch threads for acting (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public AblateCommand() {
        // instantiated by picocli
    }

    /** One measured setting: a row of the table. */
    private record Row(String sweep, ActingSettings settings, int steps, double score, double meanReturn,
            double stdReturn, double latencyMs) {

        int modelCalls() {
            return settings.sampler() == ActingSettings.Sampler.DDPM ? steps : settings.modelCalls();
        }

        String csv(int episodes) {
            boolean dpm = settings.sampler() == ActingSettings.Sampler.DPM_SOLVER;
            return String.join(",", sweep, dpm ? "dpm" : "ddpm", dpm ? Integer.toString(settings.solverOrder()) : "",
                    Integer.toString(modelCalls()), dpm ? settings.grid().name().toLowerCase(Locale.ROOT) : "",
                    Integer.toString(settings.easCandidates()), num(settings.easTemperature()),
                    Boolean.toString(settings.easArgmax()), Integer.toString(episodes), num(score), num(meanReturn), num(stdReturn),
                    num(latencyMs));
        }
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        EvaluationTarget target = run.target(cl);
        requireAtLeast(cl, "--latency-calls", latencyCalls, 1);
        requireAtLeast(cl, "--threads", threads, 1);
        for (int n : candidates) {
            requireAtLeast(cl, "--candidates", n, 1);
        }
        for (int m : calls) {
            requireAtLeast(cl, "--model-calls", m, 1);
        }
        for (String sweep : sweepNames) {
            if (!sweep.equals("eas") && !sweep.equals("sampler")) {
                throw new ParameterException(cl, "--sweeps takes eas and/or sampler, got '" + sweep + "'");
            }
        }
        if (easTemperature != null && !(easTemperature > 0 && Double.isFinite(easTemperature))) {
            throw new ParameterException(cl, "--eas-temperature must be finite and > 0, got " + easTemperature);
        }
        int previousThreads = TorchRuntime.threads();
        TorchRuntime.threads(threads);
        try {
            return ablate(cl, target);
        } finally {
            TorchRuntime.threads(previousThreads);
        }
    }

    private static void requireAtLeast(CommandLine cl, String option, int value, int min) {
        if (value < min) {
            throw new ParameterException(cl, option + " must be >= " + min + ", got " + value);
        }
    }

    private Integer ablate(CommandLine cl, EvaluationTarget target) throws IOException {
        Path file = run.policyFile();
        PrintWriter pw = cl.getOut();
        try (Policy policy = Policy.load(file)) {
            float[] firstObservation;
            Environment probe = target.environments().get();
            try {
                PolicyRollouts.checkDimensions(policy, probe);
                firstObservation = probe.reset(run.seed());
            } finally {
                if (probe instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot close environment " + probe.name() + ": "
                                + e.getMessage(), e);
                    }
                }
            }
            ActingSettings policyDefaults = policy.acting();
            // the selection every setting uses: the policy's, or the one --eas-argmax / --eas-temperature give
            ActingSettings trained = policyDefaults.withEas(policyDefaults.easCandidates(),
                    easTemperature == null ? policyDefaults.easTemperature() : easTemperature,
                    easArgmax == null ? policyDefaults.easArgmax() : easArgmax);
            if (!trained.equals(policyDefaults)) {
                try {
                    policy.withActing(trained).close();
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(cl, "--eas-argmax/--eas-temperature do not apply: "
                            + e.getMessage());
                }
            }
            boolean samplerApplies = policy.config().policyClass() == PolicyClass.DIFFUSION
                    && policy.config().algorithm() != Algorithm.DTQL;
            List<String> sweeps = new ArrayList<>();
            List<ActingSettings> settings = new ArrayList<>();
            if (sweepNames.contains("eas")) {
                try {
                    // refused for a policy that acts deterministically, with the reason
                    policy.withActing(trained.withEas(2, trained.easTemperature(), trained.easArgmax())).close();
                    for (int n : candidates) {
                        sweeps.add("eas");
                        settings.add(trained.withEas(n, trained.easTemperature(), trained.easArgmax()));
                    }
                } catch (IllegalArgumentException e) {
                    pw.println("EAS sweep skipped: " + e.getMessage());
                }
            }
            boolean samplerSweep = sweepNames.contains("sampler");
            if (samplerSweep && samplerApplies) {
                for (TimeGrid g : grids) {
                    for (int m : calls) {
                        sweeps.add("sampler");
                        settings.add(trained.withDpmSolver(trained.solverOrder(), m, g));
                    }
                }
                if (ddpm) {
                    sweeps.add("sampler");
                    settings.add(trained.withDdpm());
                }
            } else if (samplerSweep) {
                pw.println("sampler sweep skipped: a " + policy.config().algorithm() + " "
                        + policy.config().policyClass() + " policy does not act by solving the reverse diffusion");
            }
            if (settings.isEmpty()) {
                throw new ParameterException(cl, "nothing to ablate for " + policy + " with these options (the"
                        + " sweeps are empty or do not apply to this policy)");
            }
            pw.printf(Locale.ROOT, "ablating %s on %s: %d settings, %d episodes each (seeds %d to %d)%n", file,
                    target.task(), settings.size(), run.episodes(), run.seed(), run.seed() + run.episodes() - 1);
            pw.flush();
            // warm the JIT and libtorch up first, or the first settings' latencies include it
            try (Policy warm = policy.withActing(policyDefaults)) {
                for (int i = 0; i < WARM_UP_CALLS; i++) {
                    warm.act(firstObservation);
                }
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < settings.size(); i++) {
                ActingSettings s = settings.get(i);
                Row row = measure(policy, target, sweeps.get(i), s, firstObservation);
                rows.add(row);
                pw.printf(Locale.ROOT, "[%d/%d] %-7s %-50s score %s  latency %s ms/action%n", i + 1,
                        settings.size(), row.sweep(), s.describe(), num(row.score()), num(row.latencyMs()));
                pw.flush();
            }
            Files.createDirectories(out);
            Path csv = out.resolve("ablation.csv");
            Path md = out.resolve("ablation.md");
            Path png = out.resolve("ablation.png");
            AtomicFile.writeString(csv, csv(rows));
            AtomicFile.writeString(md, markdown(file, target.task(), rows));
            plot(policy, target.task(), rows, png);
            pw.println("wrote " + csv + ", " + md + " and " + png);
            pw.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    private Row measure(Policy policy, EvaluationTarget target, String sweep, ActingSettings s, float[] obs) {
        PolicyRollouts.Result r;
        try (Policy view = policy.withActing(s)) {
            r = PolicyRollouts.run(view, target.environments(), run.episodes(), run.seed());
        }
        double[] ms = new double[latencyCalls];
        try (Policy timing = policy.withActing(s)) {
            timing.act(obs); // warm-up
            for (int i = 0; i < latencyCalls; i++) {
                long t0 = System.nanoTime();
                timing.act(obs);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        double median = latencyCalls % 2 == 1 ? ms[latencyCalls / 2]
                : (ms[latencyCalls / 2 - 1] + ms[latencyCalls / 2]) / 2;
        return new Row(sweep, s, policy.config().steps(), target.normalizedScore(r.meanReturn()), r.meanReturn(),
                r.stdReturn(), median);
    }

    private String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (Row row : rows) {
            b.append(row.csv(run.episodes())).append('\n');
        }
        return b.toString();
    }

    private String markdown(Path file, String taskName, List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("# Acting-time ablation\n\n");
        b.append("Policy `").append(file.getFileName()).append("` on ").append(taskName).append(", ")
                .append(run.episodes()).append(" episodes per setting (seeds ").append(run.seed()).append(" to ")
                .append(run.seed() + run.episodes() - 1).append("); latency is the median wall time of one single-state"
                        + " action.\n\n");
        b.append("| sweep | sampler | model calls | EAS | normalized score | mean return | std return | latency (ms)"
                + " |\n");
        b.append("|---|---|---:|---|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            ActingSettings s = row.settings();
            String sampler = s.sampler() == ActingSettings.Sampler.DDPM ? "DDPM"
                    : "DPM-Solver-" + s.solverOrder() + " " + s.grid().name().toLowerCase(Locale.ROOT);
            String eas = "N=" + s.easCandidates() + (s.easArgmax() ? " argmax" : " T=" + num(s.easTemperature()));
            b.append("| ").append(row.sweep()).append(" | ").append(sampler).append(" | ").append(row.modelCalls())
                    .append(" | ").append(eas).append(" | ").append(num(row.score())).append(" | ")
                    .append(num(row.meanReturn())).append(" | ").append(num(row.stdReturn())).append(" | ")
                    .append(num(row.latencyMs())).append(" |\n");
        }
        return b.toString();
    }

    private static void plot(Policy policy, String taskName, List<Row> rows, Path png) {
        List<AblationPlot.Point> eas = new ArrayList<>();
        List<AblationPlot.Point> sampler = new ArrayList<>();
        for (Row row : rows) {
            ActingSettings s = row.settings();
            if (row.sweep().equals("eas")) {
                eas.add(new AblationPlot.Point(s.easArgmax() ? "EAS argmax" : "EAS softmax T = "
                        + num(s.easTemperature()), s.easCandidates(), row.score()));
            } else {
                String line = s.sampler() == ActingSettings.Sampler.DDPM ? "DDPM (K = " + row.steps() + ")"
                        : "DPM-Solver " + s.grid().name().toLowerCase(Locale.ROOT);
                sampler.add(new AblationPlot.Point(line, row.modelCalls(), row.score()));
            }
        }
        String title = policy.config().algorithm() + " on " + taskName;
        new AblationPlot(title, 900, eas.isEmpty() || sampler.isEmpty() ? 400 : 750).write(eas, sampler, png);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
