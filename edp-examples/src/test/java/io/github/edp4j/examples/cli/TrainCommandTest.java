package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlWriter;
import io.github.edp4j.d4rl.RewardPreprocessing;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.examples.DatasetsDirectory;
import io.github.edp4j.examples.plot.LearningCurve;
import io.github.edp4j.examples.plot.LearningCurveCsv;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edp4j train} end to end with tiny settings: on a built-in dataset (evaluated on its task), then
 * {@code evaluate} on the policy it wrote, {@code --resume} of the run, and a D4RL-layout file with no environment.
 */
class TrainCommandTest {

    /** Tiny settings: a few seconds per run. */
    static final List<String> TINY = List.of("--algo", "iql", "--iterations", "40", "--hidden", "16,16",
            "--batch-size", "32", "--eval-every", "20", "--episodes", "2", "--steps", "10", "--checkpoint-every", "20");

    @TempDir
    static Path dir;

    @RegisterExtension
    static final DatasetsDirectory DATASETS = new DatasetsDirectory();
    private static Path run;
    private static CliRun trained;

    @BeforeAll
    static void trainOnce() {
        DATASETS.use(dir.resolve("cache"));
        run = dir.resolve("run");
        trained = train(run, "--task", "bandit-mixed");
    }


    static CliRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(more));
        args.addAll(TINY);
        args.addAll(List.of("--out", out.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void trainOnABuiltinDatasetWritesTheRunAndASummary() throws IOException {
        assertEquals(0, trained.exitCode(), trained::toString);
        assertEquals("", trained.err(), trained::toString);
        String out = trained.out();
        assertTrue(out.startsWith("training EDP-IQL (diffusion policy, K = 10, hidden 16x16) on bandit-mixed"), out);
        assertTrue(out.contains("EDP-IQL  it 20/40") && out.contains("EDP-IQL  it 40/40"),
                "a progress line per evaluation:\n" + out);

        Map<String, String> f = trained.fields();
        assertEquals("40", f.get("iterations"));
        assertTrue(f.get("evaluation").startsWith("every 20 iterations, 2 episodes on built-in task bandit"),
                f.get("evaluation"));
        assertEquals(run.toAbsolutePath().toString(), f.get("output"));

        // the evaluations: two rows, and the printed RAT and OMS are their mean and best
        List<String> evals = Files.readAllLines(run.resolve("evaluations.csv"));
        assertEquals("iteration,mean_return,normalized_score,episodes", evals.get(0));
        assertEquals(List.of("20", "40"), evals.subList(1, evals.size()).stream().map(l -> l.split(",")[0]).toList());
        double[] scores = evals.subList(1, evals.size()).stream()
                .mapToDouble(l -> Double.parseDouble(l.split(",")[2])).toArray();
        assertEquals((scores[0] + scores[1]) / 2, number(f.get("RAT")), 1e-3);
        assertEquals(Math.max(scores[0], scores[1]), number(f.get("OMS")), 1e-3);
        assertTrue(f.get("RAT").contains("mean of the last 2 evaluations"), f.get("RAT"));

        // losses and Q statistics are reported from the training curve
        assertTrue(f.get("critic_loss").startsWith("last "), f.toString());
        assertTrue(f.get("q_mean").matches("last \\S+  first \\S+  min \\S+  max \\S+"), f.get("q_mean"));

        // training.csv is a learning curve with a row per iteration (log every 40 / 100 -> 1)
        LearningCurve curve = LearningCurveCsv.read(run.resolve("training.csv"));
        assertEquals(40, curve.size("critic_loss"));
        assertEquals(40, curve.iterations("policy_loss")[39]);

        // the policy is the trained one
        assertEquals(run.resolve(TrainCommand.POLICY_FILE).toAbsolutePath().toString(), f.get("policy"));
        try (Policy p = Policy.load(run.resolve(TrainCommand.POLICY_FILE))) {
            assertEquals("bandit-mixed", p.provenance().datasetName());
            assertEquals(40, p.provenance().iterationsCompleted());
            assertEquals(Algorithm.IQL, p.config().algorithm());
            assertEquals(PolicyClass.DIFFUSION, p.config().policyClass());
            assertEquals(10, p.config().steps());
            assertArrayEquals(new int[] {16, 16}, p.config().hidden());
            assertEquals(32, p.config().batchSize());
            assertEquals(2, p.act(new float[] {0.1f, -0.2f}).length);
        }

        // the plot is a real image, the checkpoint and the command line are there
        BufferedImage png = ImageIO.read(run.resolve(TrainCommand.PLOT_FILE).toFile());
        assertNotNull(png, "a readable PNG");
        assertTrue(png.getWidth() >= 200 && png.getHeight() >= 200, png.toString());
        assertTrue(Files.size(run.resolve(TrainCommand.CHECKPOINT_DIR).resolve(TrainCommand.CHECKPOINT_FILE)) > 1000);
        String command = Files.readString(run.resolve(TrainCommand.COMMAND_FILE), StandardCharsets.UTF_8);
        assertTrue(command.contains("edp4j train --task bandit-mixed --algo iql --iterations 40"), command);
    }

    @Test
    void evaluatePrintsTheScoreOfTheSavedPolicyAndIsRepeatable() {
        Path policy = run.resolve(TrainCommand.POLICY_FILE);
        CliRun a = CliRun.of("evaluate", "--policy", policy.toString(), "--task", "bandit-mixed", "--episodes", "3",
                "--seed", "5");
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals("", a.err(), a::toString);
        Map<String, String> f = a.fields();
        assertEquals(policy.toAbsolutePath().toString(), f.get("policy"));
        assertTrue(f.get("trained").startsWith("EDP-IQL (diffusion policy, hidden 16x16) on bandit-mixed, 40"
                + " iterations"), f.get("trained"));
        assertTrue(f.get("task").startsWith("bandit (observation dim 2, action dim 2"), f.get("task"));
        assertEquals("3 (seeds 5 to 7)", f.get("episodes"));
        String[] ret = f.get("return").split("\\s+");
        assertEquals(List.of("mean", "std", "min", "max"), List.of(ret[0], ret[2], ret[4], ret[6]));
        double mean = Double.parseDouble(ret[1]);
        double min = Double.parseDouble(ret[5]);
        double max = Double.parseDouble(ret[7]);
        assertTrue(min <= mean + 1e-3 && mean <= max + 1e-3, f.get("return"));
        assertTrue(Double.parseDouble(ret[3]) >= 0, f.get("return"));
        double score = number(f.get("normalized score"));
        assertEquals(BuiltinTasks.normalizedScore("bandit", mean), score, 0.2);

        CliRun b = CliRun.of("evaluate", "--policy", policy.toString(), "--task", "bandit", "--episodes", "3",
                "--seed", "5", "--threads", "2");
        assertEquals(a.out(), b.out(), "a task and its dataset's name mean the same; same seeds, same numbers,"
                + " on any number of threads");
    }

    @Tag("gc-stress-sampled")
    @Test
    void resumeContinuesFromTheCheckpoint() throws IOException {
        Path copy = dir.resolve("resumed");
        copyTree(run, copy);
        List<String> args = new ArrayList<>(List.of("train", "--task", "bandit-mixed"));
        args.addAll(TINY);
        args.set(args.indexOf("--iterations") + 1, "60");
        args.addAll(List.of("--out", copy.toString(), "--resume"));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("resuming EDP-IQL"), r.out());
        assertFalse(r.out().contains("it 20/60"), "iterations 1-40 are not trained again:\n" + r.out());
        assertTrue(r.out().contains("it 60/60"), r.out());

        // training.csv goes on where it stopped: 1..60, no iteration twice
        List<Long> its = Files.readAllLines(copy.resolve("training.csv")).stream().skip(1)
                .map(l -> Long.parseLong(l.split(",")[0])).toList();
        assertEquals(60, its.size(), its.toString());
        for (int i = 0; i < its.size(); i++) {
            assertEquals(i + 1, its.get(i));
        }
        List<String> evals = Files.readAllLines(copy.resolve("evaluations.csv"));
        assertEquals(List.of("20", "40", "60"), evals.stream().skip(1).map(l -> l.split(",")[0]).toList());
        assertTrue(r.fields().get("RAT").contains("mean of the last 3 evaluations"), r.fields().get("RAT"));
        try (Policy p = Policy.load(copy.resolve(TrainCommand.POLICY_FILE))) {
            assertEquals(60, p.provenance().iterationsCompleted());
        }
        String command = Files.readString(copy.resolve(TrainCommand.COMMAND_FILE), StandardCharsets.UTF_8);
        assertEquals(2, command.lines().filter(l -> l.startsWith("edp4j train ")).count(), command);
        assertTrue(command.contains("--resume"), command);
    }

    @Test
    void resumeWithOtherTrainingOptionsSaysWhatDiffers() throws IOException {
        Path copy = dir.resolve("resumed-other");
        copyTree(run, copy);
        List<String> args = new ArrayList<>(List.of("train", "--task", "bandit-mixed"));
        args.addAll(TINY);
        args.set(args.indexOf("--hidden") + 1, "8,8");
        args.set(args.indexOf("--iterations") + 1, "60");
        args.addAll(List.of("--out", copy.toString(), "--resume"));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("--hidden 8,8 (the run has 16,16)"), r.err());
    }

    @Test
    void d4rlFileTrainsWithoutEvaluationAndReportsLossesAndQStatistics() throws IOException {
        Path file = dir.resolve("antmaze-umaze-v0.hdf5");
        D4rlWriter.write(goalDataset(), file);
        Path out = dir.resolve("d4rl-run");
        CliRun r = train(out, "--dataset", file.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err(), r::toString);
        Map<String, String> f = r.fields();
        assertEquals("ANTMAZE_IQL (domain ANTMAZE, IQL)", f.get("reward preprocessing"));
        assertEquals("antmaze (from the dataset's domain)", f.get("preset"));
        assertTrue(f.get("evaluation").startsWith("none: no environment for antmaze-umaze-v0"), f.get("evaluation"));
        assertEquals("n/a (trained without evaluation)", f.get("scores"));
        assertFalse(f.containsKey("RAT") || f.containsKey("OMS"), "no scores without an environment: " + r.out());
        assertFalse(r.out().contains("score "), r.out());
        for (String metric : List.of("critic_loss", "value_loss", "policy_loss", "q_mean")) {
            assertTrue(f.get(metric).matches("last \\S+  first \\S+  min \\S+  max \\S+"), metric + ": " + r.out());
        }
        assertTrue(r.out().contains("EDP-IQL  it 40/40"), "the last record is printed:\n" + r.out());

        assertEquals(1, Files.readAllLines(out.resolve("evaluations.csv")).size(), "only the header");
        assertNotNull(ImageIO.read(out.resolve(TrainCommand.PLOT_FILE).toFile()), "a loss-only plot");
        // the policy was trained on the preprocessed rewards (IQL on AntMaze: r - 1)
        OfflineDataset raw = D4rl.load(file).dataset();
        String preprocessed = RewardPreprocessing.ANTMAZE_IQL.apply(raw).contentHash();
        assertNotEquals(raw.contentHash(), preprocessed);
        try (Policy p = Policy.load(out.resolve(TrainCommand.POLICY_FILE))) {
            assertEquals(preprocessed, p.provenance().datasetHash());
            assertEquals("antmaze-umaze-v0", p.provenance().datasetName());
            assertEquals(0.9, p.config().iqlExpectile(), 1e-12, "the antmaze preset's expectile");
        }
    }

    @Test
    void helpShowsTheLibraryDefaults() {
        CliRun r = CliRun.of("train", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Diffusion steps K (default: the algorithm's, " + TrainerDefaults.config().steps()
                + ", or 5 with the vp schedule for dql)"), help);
        assertTrue(help.contains("Gradient updates (default: " + TrainerDefaults.config().iterations() + ")"), help);
        assertTrue(help.contains("td3, crr, iql"), help);
        assertTrue(help.contains("time_uniform, logsnr, time_quadratic"), help);
    }

    @Test
    void defaultCheckpointsIncludeTheLastIteration() {
        assertEquals(40, TrainCommand.defaultCheckpointEvery(40));
        assertEquals(8000, TrainCommand.defaultCheckpointEvery(8000));
        assertEquals(6000, TrainCommand.defaultCheckpointEvery(12_000));
        assertEquals(10_000, TrainCommand.defaultCheckpointEvery(1_000_000));
        assertEquals(10_000, TrainCommand.defaultCheckpointEvery(10_007), "a prime: no divisor in range");
        assertEquals(1, TrainCommand.defaultCheckpointEvery(0), "a bad count is left for the builder to reject");
    }

    /** 400 one-step episodes in 3-D, 2-D actions, reward 1 when the action points at the goal. */
    static OfflineDataset goalDataset() {
        int n = 400;
        float[] obs = new float[n * 3];
        float[] next = new float[n * 3];
        float[] act = new float[n * 2];
        float[] rew = new float[n];
        boolean[] terminals = new boolean[n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                obs[3 * i + j] = (float) rnd.nextGaussian();
                next[3 * i + j] = obs[3 * i + j];
            }
            act[2 * i] = (float) (2 * rnd.nextDouble() - 1);
            act[2 * i + 1] = (float) (2 * rnd.nextDouble() - 1);
            rew[i] = act[2 * i] * obs[3 * i] > 0 ? 1 : 0;
            terminals[i] = true;
        }
        return OfflineDataset.builder().name("goal").observations(obs, 3).actions(act, 2).rewards(rew)
                .nextObservations(next, 3).terminals(terminals).timeouts(new boolean[n]).build();
    }

    static double number(String field) {
        return Double.parseDouble(field.split(" ")[0]);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    @Test
    void diffusionQlWithoutStepsUsesItsOwnSchedule() throws IOException {
        Path out = dir.resolve("dql");
        CliRun r = CliRun.of("train", "--task", "bandit-mixed", "--algo", "dql", "--iterations", "10", "--hidden", "8",
                "--batch-size", "16", "--eval-every", "10", "--episodes", "1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r::toString);
        try (Policy p = Policy.load(out.resolve(TrainCommand.POLICY_FILE))) {
            assertEquals(5, p.config().steps());
            assertEquals(io.github.edp4j.core.schedule.ScheduleKind.VP, p.config().schedule());
        }
    }

    @Test
    void scheduleOptionReachesTheTrainedPolicy() throws IOException {
        Path out = dir.resolve("iql-vp");
        CliRun r = CliRun.of("train", "--task", "bandit-mixed", "--algo", "iql", "--schedule", "vp", "--steps", "20",
                "--iterations", "10", "--hidden", "8", "--batch-size", "16", "--eval-every", "10", "--episodes", "1",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r::toString);
        try (Policy p = Policy.load(out.resolve(TrainCommand.POLICY_FILE))) {
            assertEquals(io.github.edp4j.core.schedule.ScheduleKind.VP, p.config().schedule());
            assertEquals(20, p.config().steps());
        }
        CliRun bad = CliRun.of("train", "--task", "bandit-mixed", "--schedule", "sigmoid", "--out",
                dir.resolve("bad").toString());
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.toString().contains("Invalid value for option '--schedule'"), bad::toString);
    }

    @Test
    void dtqlTrainsItsOneStepPolicyAndTakesTheOfficialPresetOfAD4rlFile() throws IOException {
        Path out = dir.resolve("dtql");
        CliRun r = CliRun.of("train", "--task", "bandit-mixed", "--algo", "dtql", "--iterations", "20",
                "--dtql-pretrain", "10", "--dtql-alpha", "3", "--hidden", "8", "--batch-size", "16", "--eval-every",
                "10", "--episodes", "1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("training DTQL (one-step policy in a diffusion trust region, hidden 8) on "
                + "bandit-mixed"), r.out());
        try (Policy p = Policy.load(out.resolve(TrainCommand.POLICY_FILE))) {
            assertEquals(io.github.edp4j.algos.Algorithm.DTQL, p.config().algorithm());
            assertEquals(3.0, p.config().dtqlAlpha());
            assertEquals(10, p.config().dtqlPretrainIterations());
        }
        Path file = dir.resolve("antmaze-large-diverse-v2.hdf5");
        D4rlWriter.write(goalDataset(), file);
        Path d4rlOut = dir.resolve("dtql-d4rl");
        r = CliRun.of("train", "--dataset", file.toString(), "--algo", "dtql", "--iterations", "12",
                "--dtql-pretrain", "6", "--hidden", "8", "--batch-size", "16", "--out", d4rlOut.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("ANTMAZE_IQL (domain ANTMAZE, IQL)", r.fields().get("reward preprocessing"));
        try (Policy p = Policy.load(d4rlOut.resolve(TrainCommand.POLICY_FILE))) {
            assertEquals(0.5, p.config().dtqlAlpha(), "the official antmaze-large-diverse alpha");
            assertEquals(1.0, p.config().dtqlNllWeight());
            assertEquals(0.9, p.config().iqlExpectile(), 1e-12);
        }
        // pen-human's preset expectile (0.9) differs from its domain's (adroit, 0.7): the DTQL preset must win
        Path pen = dir.resolve("pen-human-v1.hdf5");
        D4rlWriter.write(goalDataset(), pen);
        Path penOut = dir.resolve("dtql-pen");
        r = CliRun.of("train", "--dataset", pen.toString(), "--algo", "dtql", "--iterations", "4",
                "--dtql-pretrain", "2", "--hidden", "8", "--batch-size", "16", "--out", penOut.toString());
        assertEquals(0, r.exitCode(), r::toString);
        try (Policy p = Policy.load(penOut.resolve(TrainCommand.POLICY_FILE))) {
            assertEquals(1500.0, p.config().dtqlAlpha(), "the official pen-human alpha");
            assertEquals(0.0, p.config().dtqlNllWeight());
            assertEquals(0.9, p.config().iqlExpectile(), 1e-12, "the official pen-human expectile");
        }
    }
}
