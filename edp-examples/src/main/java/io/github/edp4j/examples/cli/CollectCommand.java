package io.github.edp4j.examples.cli;

import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyRollouts;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.d4rl.experts.ExpertActor;
import io.github.edp4j.d4rl.tasks.BehaviourPolicy;
import io.github.edp4j.d4rl.tasks.Behaviours;
import io.github.edp4j.d4rl.tasks.CollectedDataset;
import io.github.edp4j.d4rl.tasks.CollectionConfig;
import io.github.edp4j.d4rl.tasks.CollectionListener;
import io.github.edp4j.d4rl.tasks.DatasetCollector;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j collect}: runs a behaviour policy in an environment and writes what it saw as a D4RL-layout HDF5
 * file ({@link DatasetCollector}): the transitions, {@code infos/qpos} and {@code infos/qvel} for the MuJoCo tasks,
 * and the behaviour, seed and step count under {@code metadata/}. The behaviour is {@code random}, the shipped
 * {@code expert} (stochastic, as the built-in {@code -expert} data), {@code expert-deterministic}, {@code medium}
 * (the deterministic expert with the built-in {@code -medium} action noise), a saved EDP4J policy file, or a
 * per-episode mixture such as {@code medium,expert} or {@code random:1,expert:3}. The same options give the same
 * file, except with a saved diffusion policy, whose own sampling noise is not drawn from the collection seed.
 */
@Command(name = "collect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = "Collect a D4RL-layout HDF5 dataset by running a behaviour policy (random, expert, medium, a"
                + " saved policy, or a mixture) in an environment.")
public final class CollectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--env", paramLabel = "NAME", required = true, completionCandidates = TaskNames.class,
            description = "The environment: hopper, walker2d, halfcheetah (MuJoCo), or a built-in task such as"
                    + " pendulum; a dataset name such as hopper-medium-v2 means its environment.")
    private String env;

    @Option(names = "--policy", paramLabel = "POLICY", required = true,
            description = "random, expert (stochastic), expert-deterministic, medium (expert with action noise), a"
                    + " policy file such as policy.edp4j, or a per-episode mixture such as medium,expert or"
                    + " random:1,expert:3.")
    private String policy;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100000",
            description = "Transitions to collect (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--noise", paramLabel = "S",
            description = "Standard deviation of Gaussian noise added to every action (default: 0; for medium its"
                    + " built-in noise, which this replaces).")
    private Double noise;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "0",
            description = "Seed of the first episode; episode i resets with K + i (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "The HDF5 file to write; missing directories are created.")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The dataset name stored in the file (default: the file name without .hdf5).")
    private String name;

    @Option(names = "--force", description = "Replace the file if it exists.")
    private boolean force;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public CollectCommand() {
        // instantiated by picocli
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (steps < 1 || steps > CollectionConfig.MAX_STEPS) {
            throw new ParameterException(cl, "--steps must be in [1, " + CollectionConfig.MAX_STEPS + "], got "
                    + steps);
        }
        if (noise != null && !(noise >= 0 && Double.isFinite(noise))) {
            throw new ParameterException(cl, "--noise must be finite and >= 0, got " + noise);
        }
        if (name != null && name.isBlank()) {
            throw new ParameterException(cl, "--name must not be blank");
        }
        EvaluationTarget target = EvaluationTarget.find(env).orElseThrow(() -> new ParameterException(cl,
                "unknown environment '" + env + "' for --env; use hopper, walker2d, halfcheetah or a built-in task"
                        + " such as pendulum"));
        Optional<String> missing = target.unavailableReason();
        if (missing.isPresent()) {
            throw new IllegalStateException("environment " + target.task() + " runs on MuJoCo, which is not"
                    + " available: " + missing.get());
        }
        Path file = out.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new UncheckedIOException(new FileAlreadyExistsException(file.toString(), null,
                    "is a directory; give a file name such as " + target.task() + "-expert.hdf5"));
        }
        if (Files.exists(file) && !force) {
            throw new UncheckedIOException(new FileAlreadyExistsException(file.toString(), null,
                    "already exists; pass --force to replace it"));
        }
        String datasetName = name != null ? name : stem(file);
        List<Policy> loaded = new ArrayList<>();
        Environment environment = target.environments().get();
        try {
            BehaviourPolicy behaviour = behaviour(cl, target.task(), environment, loaded);
            return collect(cl, target, environment, behaviour, datasetName, file);
        } finally {
            loaded.forEach(Policy::close);
            if (environment instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close " + environment.name() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private Integer collect(CommandLine cl, EvaluationTarget target, Environment environment,
            BehaviourPolicy behaviour, String datasetName, Path file) {
        PrintWriter pw = cl.getOut();
        pw.printf(Locale.ROOT, "collecting %s: %d steps of %s on %s, seed %d%n", datasetName, steps,
                behaviour.description(), target.task(), seed);
        pw.flush();
        long start = System.nanoTime();
        CollectionListener progress = new CollectionListener() {
            private int lastTenth = 0;

            @Override
            public void progress(int done, int total, int episodes, double meanReturn) {
                int tenth = (int) (10L * done / total);
                if (tenth > lastTenth) {
                    lastTenth = tenth;
                    double seconds = (System.nanoTime() - start) / 1e9;
                    pw.printf(Locale.ROOT, "  %3d%%  %d steps  %d episodes  mean return %s  %.0f steps/s%n",
                            10 * tenth, done, episodes, Double.isNaN(meanReturn) ? "-"
                                    : InfoCommand.number(meanReturn), done / Math.max(seconds, 1e-9));
                    pw.flush();
                }
            }
        };
        CollectedDataset c = DatasetCollector.collect(environment, behaviour,
                new CollectionConfig(datasetName, steps, seed), progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        c.write(file);
        Fields.line(pw, "wrote", file + " (" + c.dataset().size() + " transitions, " + c.episodeReturns().length
                + " finished episodes" + (c.hasPhysicsState() ? ", with infos/qpos and infos/qvel" : "") + ")");
        Optional<Double> mean = c.meanEpisodeReturn();
        Fields.line(pw, "return", mean.map(m -> "mean " + InfoCommand.number(m) + " over the finished episodes")
                .orElse("n/a (no episode finished)"));
        if (mean.isPresent()) {
            Fields.line(pw, "normalized score", InfoCommand.number(target.normalizedScore(mean.get())) + " ("
                    + target.referenceSource() + ")");
        }
        Fields.line(pw, "time", String.format(Locale.ROOT, "%.1f s (%.0f steps/s)", seconds, steps / seconds));
        pw.flush();
        return CommandLine.ExitCode.OK;
    }

    private BehaviourPolicy behaviour(CommandLine cl, String task, Environment environment, List<Policy> loaded) {
        String[] parts = policy.split(",");
        if (parts.length == 1) {
            return withNoise(single(cl, policy.strip(), task, environment, loaded), policy.strip());
        }
        List<BehaviourPolicy> components = new ArrayList<>();
        double[] weights = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            int colon = p.lastIndexOf(':');
            weights[i] = 1.0;
            if (colon > 0) {
                try {
                    weights[i] = Double.parseDouble(p.substring(colon + 1));
                    p = p.substring(0, colon);
                } catch (NumberFormatException e) {
                    // a path with a colon in it: no weight
                }
            }
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new ParameterException(cl, "--policy: weight of '" + p + "' must be finite and >= 0, got "
                        + weights[i]);
            }
            components.add(withNoise(single(cl, p, task, environment, loaded), p));
        }
        try {
            return Behaviours.mixture(components, weights);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--policy: " + e.getMessage());
        }
    }

    private BehaviourPolicy withNoise(BehaviourPolicy p, String kind) {
        if (noise == null || noise == 0.0 || kind.equals("medium")) {
            return p;
        }
        return Behaviours.withGaussianNoise(p, noise);
    }

    private BehaviourPolicy single(CommandLine cl, String kind, String task, Environment environment,
            List<Policy> loaded) {
        switch (kind) {
            case "random":
                return Behaviours.uniformRandom(environment.actionBounds());
            case "expert":
            case "expert-deterministic":
            case "medium":
                if (!ExpertActor.environments().contains(task)) {
                    throw new ParameterException(cl, "--policy " + kind + ": there is no built-in expert for " + task
                            + "; experts exist for " + ExpertActor.environments());
                }
                ExpertActor actor = ExpertActor.builtin(task);
                if (kind.equals("medium")) {
                    return Behaviours.expert(actor, false, noise != null ? noise : Behaviours.mediumNoise(task));
                }
                return Behaviours.expert(actor, kind.equals("expert"), 0.0);
            default:
                Path file = Path.of(kind);
                if (!Files.isRegularFile(file)) {
                    throw new ParameterException(cl, "--policy '" + kind + "' is neither random, expert,"
                            + " expert-deterministic, medium nor an existing policy file");
                }
                Policy p;
                try {
                    p = Policy.load(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read policy " + file + ": " + e.getMessage(), e);
                }
                loaded.add(p);
                PolicyRollouts.checkDimensions(p, environment);
                String description = "policy " + file.toAbsolutePath().normalize() + " (trained on "
                        + p.provenance().datasetName() + ")";
                return new BehaviourPolicy() {
                    @Override
                    public float[] act(float[] observation, java.util.SplittableRandom rng) {
                        return p.act(observation);
                    }

                    @Override
                    public String description() {
                        return description;
                    }
                };
        }
    }

    private static String stem(Path file) {
        String f = file.getFileName().toString();
        return f.toLowerCase(Locale.ROOT).endsWith(".hdf5") ? f.substring(0, f.length() - 5) : f;
    }
}
