package io.github.edp4j.examples.cli;

import io.github.edp4j.algos.ActingPolicy;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.onnx.OnnxPolicy;
import io.github.edp4j.algos.Provenance;
import io.github.edp4j.algos.TrainerConfig;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import io.github.edp4j.d4rl.tasks.ReferenceScores;
import io.github.edp4j.algos.PolicyRollouts;
import io.github.edp4j.examples.training.RunLabel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code edp4j evaluate}: runs a saved policy ({@code edp4j train}'s {@code policy.edp4j}, or any
 * {@link Policy#save}) for a number of seeded episodes on a built-in task or a D4RL locomotion environment (on
 * MuJoCo; named as {@code hopper} or by a dataset such as {@code hopper-medium-v2}) and prints the normalized score
 * of the mean return (D4RL's references for the locomotion tasks) and the returns' mean, standard deviation,
 * minimum and maximum. Episode {@code i} starts from
 * {@code reset(seed + i)}, so the same policy, task, episodes and seed give the same numbers. The acting options
 * ({@code --sampler}, {@code --solver-order}, {@code --model-calls}, {@code --grid}, {@code --eas-candidates},
 * {@code --eas-temperature}, {@code --eas-argmax}) change how the policy acts without changing its file
 * ({@link Policy#withActing}).
 */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = "Run a saved policy for seeded episodes on a built-in task or a D4RL locomotion environment"
                + " (MuJoCo); print its normalized score and return statistics.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SeededEpisodesOptions run;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "libtorch threads for acting (default: ${DEFAULT-VALUE}: acting on one state at a time makes"
                    + " tiny operations that a second thread does not speed up).")
    private int threads;

    @Option(names = "--backend", paramLabel = "torch|onnx", defaultValue = "torch",
            description = "What runs the policy: torch (libtorch, the default) or onnx (the policy exported to ONNX"
                    + " and run by ONNX Runtime with --threads intra-op threads; the same actions given the same"
                    + " randomness, drawn from another generator).")
    private String backend;

    @Mixin
    private ActingOptions acting;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public EvaluateCommand() {
        // instantiated by picocli
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        EvaluationTarget target = run.target(cl);
        if (!backend.equals("torch") && !backend.equals("onnx")) {
            throw new ParameterException(cl, "--backend must be torch or onnx, got '" + backend + "'");
        }
        if (threads < 1) {
            throw new ParameterException(cl, "--threads must be >= 1, got " + threads);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) {
            throw new ParameterException(cl, "--threads must be at most " + cores + ", the number of cores"
                    + " available, got " + threads + " (more threads than cores only wait for each other)");
        }
        int previousThreads = TorchRuntime.threads();
        TorchRuntime.threads(threads);
        try {
            return evaluate(cl, target);
        } finally {
            TorchRuntime.threads(previousThreads); // the command may run inside a larger program
        }
    }

    private Integer evaluate(CommandLine cl, EvaluationTarget target) throws IOException {
        Path file = run.policyFile();
        String taskName = target.task();
        int episodes = run.episodes();
        long seed = run.seed();
        try (Policy loaded = Policy.load(file); Policy policy = withActing(cl, loaded);
                ActingPolicy runner = backend.equals("onnx") ? onnx(policy) : policy) {
            Environment env = target.environments().get();
            closeIfCloseable(env);
            PolicyRollouts.checkDimensions(runner, env);
            PolicyRollouts.Result r = PolicyRollouts.run(runner, target.environments(), episodes, seed);
            ReferenceScores ref = target.reference();
            String maxName = target.needsMuJoCo() ? "D4RL's expert" : "scripted expert";
            String minName = target.needsMuJoCo() ? "D4RL's random policy" : "random policy";
            PrintWriter out = cl.getOut();
            Provenance p = policy.provenance();
            TrainerConfig c = policy.config();
            Fields.line(out, "policy", file.toString());
            Fields.line(out, "trained", String.format(Locale.ROOT, "%s (%s policy, hidden %s) on %s, %d iterations",
                    RunLabel.of(c.algorithm(), c.policyClass()), RunLabel.policyClassName(c.algorithm(),
                            c.policyClass()), TrainCommand.widths(c.hidden()), p.datasetName(), p.iterationsCompleted()));
            if (backend.equals("onnx")) {
                Fields.line(out, "backend", "ONNX Runtime (" + threads + " intra-op thread"
                        + (threads == 1 ? "" : "s") + ")");
            }
            if (acting.given()) {
                Fields.line(out, "acting", policy.acting().describe() + " (trained with "
                        + loaded.acting().describe() + ")");
            }
            Fields.line(out, "task", String.format(Locale.ROOT, "%s (observation dim %d, action dim %d, at most %d"
                    + " step%s)", taskName, env.observationDim(), env.actionDim(), env.maxEpisodeSteps(),
                    env.maxEpisodeSteps() == 1 ? "" : "s"));
            Fields.line(out, "episodes", episodes + (episodes == 1 ? " (seed " + seed + ")"
                    : " (seeds " + seed + " to " + (seed + episodes - 1) + ")"));
            Fields.line(out, "normalized score", InfoCommand.number(target.normalizedScore(r.meanReturn()))
                    + " (of the mean return; " + InfoCommand.number(ref.min()) + " (" + minName + ") scores 0, "
                    + InfoCommand.number(ref.max()) + " (" + maxName + ") scores 100)");
            Fields.line(out, "return", String.format(Locale.ROOT, "mean %s  std %s  min %s  max %s",
                    InfoCommand.number(r.meanReturn()), InfoCommand.number(r.stdReturn()),
                    InfoCommand.number(r.minReturn()), InfoCommand.number(r.maxReturn())));
            Fields.line(out, "episode length", String.format(Locale.ROOT, "mean %.1f steps", r.meanLength()));
            out.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    /** The policy exported to ONNX in memory and opened on ONNX Runtime. */
    private OnnxPolicy onnx(Policy policy) {
        try {
            return OnnxPolicy.of(policy, threads);
        } catch (UnsupportedOperationException e) {
            throw new ParameterException(spec.commandLine(), "--backend onnx: " + e.getMessage(), e);
        }
    }

    /** The loaded policy itself without acting options, else a view acting with them (usage error if refused). */
    private Policy withActing(CommandLine cl, Policy loaded) {
        if (!acting.given()) {
            return loaded; // closed twice by the caller's try, which does nothing the second time
        }
        try {
            return loaded.withActing(acting.apply(loaded.acting(), cl));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage(), e);
        }
    }

    private static void closeIfCloseable(Environment env) {
        // only its dimensions and limits are read below; a MuJoCo environment frees its native data here
        if (env instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close environment " + env.name() + ": " + e.getMessage(), e);
            }
        }
    }
}
