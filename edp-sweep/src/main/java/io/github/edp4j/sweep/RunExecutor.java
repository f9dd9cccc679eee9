package io.github.edp4j.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.DomainPreset;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.Evaluation;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.DatasetOptions;
import io.github.edp4j.d4rl.RewardPreprocessing;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import io.github.edp4j.examples.cli.SelectedDataset;
import io.github.edp4j.examples.plot.LearningCurvePlot;
import io.github.edp4j.examples.training.FitCurves;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Trains one {@link SweepRun} into its run directory ({@link RunDirectory}): what a Spark task does, and nothing in
 * it depends on Spark. The dataset is loaded as {@code edp4j train} loads it (a file gets its D4RL domain's reward
 * preprocessing and preset), evaluated on its task when one exists here, and the directory receives
 * {@code run.json}, {@code training.csv}, {@code evaluations.csv}, {@code policy.edp4j}, {@code learning-curve.png}
 * and finally the completion marker. A run that throws is recorded in {@code failed.json} with its error and
 * returns normally, so that the other runs go on; an {@link Error} (out of memory) is recorded and rethrown, so that
 * Spark's task retries apply to it.
 */
final class RunExecutor {

    /** The trained policy's file name in a run directory. */
    static final String POLICY_FILE = "policy.edp4j";
    /** The learning curve's file name in a run directory. */
    static final String PLOT_FILE = "learning-curve.png";

    /**
     * What a run ended with, returned to the driver.
     *
     * @param runId the run's id
     * @param state {@link RunDirectory.State#COMPLETED} or {@link RunDirectory.State#FAILED}
     * @param skipped whether it was complete already (nothing was trained)
     * @param error the failure's message, empty when it completed
     */
    record Outcome(String runId, RunDirectory.State state, boolean skipped, String error) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private RunExecutor() {
    }

    /**
     * Trains the run unless its directory holds a completion marker.
     *
     * @param run the run
     * @param out the sweep's output directory (on a cluster, a file system every executor shares)
     * @return what happened
     */
    static Outcome execute(SweepRun run, Path out) {
        Path dir = RunDirectory.of(out, run.id());
        if (RunDirectory.state(dir) == RunDirectory.State.COMPLETED) {
            return new Outcome(run.id(), RunDirectory.State.COMPLETED, true, "");
        }
        long t0 = System.nanoTime();
        RunDirectory.reset(dir);
        RunDirectory.writeJson(dir.resolve(RunDirectory.RUN), describe(run));
        try {
            JsonObject result = train(run, dir);
            result.addProperty("wall_seconds", (System.nanoTime() - t0) / 1e9);
            result.addProperty("finished", Instant.now().toString());
            RunDirectory.writeJson(dir.resolve(RunDirectory.COMPLETED), result);
            return new Outcome(run.id(), RunDirectory.State.COMPLETED, false, "");
        } catch (Exception e) {
            return new Outcome(run.id(), RunDirectory.State.FAILED, false, recordFailure(run, dir, e, t0));
        } catch (Error e) {
            recordFailure(run, dir, e, t0);
            throw e;
        }
    }

    private static JsonObject train(SweepRun run, Path dir) throws IOException {
        boolean builtin = BuiltinTasks.datasetNames().contains(run.dataset());
        SelectedDataset sel = builtin ? SelectedDataset.builtin(run.dataset())
                : SelectedDataset.load(run.dataset(), DatasetOptions.builder().build());
        boolean iqlCritic = run.algorithm() == Algorithm.IQL || run.algorithm() == Algorithm.DTQL;
        OfflineDataset data = RewardPreprocessing.defaultFor(sel.domain(), iqlCritic).apply(sel.dataset());
        EdpTrainer.Builder b = EdpTrainer.builder();
        if (!builtin) {
            presetOf(sel).ifPresent(b::preset);
        }
        run.configure(b);
        Optional<EvaluationTarget> target = EvaluationTarget.find(sel.name())
                .filter(t -> t.unavailableReason().isEmpty());
        target.ifPresent(t -> b.evaluation(t.environments(), run.evalEpisodes(), run.evalEvery(), t.normalizer()));
        FitResult r = b.outputDir(dir).build().fit(data);
        try {
            r.policy().save(dir.resolve(POLICY_FILE));
        } finally {
            r.policy().close();
        }
        // linear loss axis: policy losses are often negative, and a log axis would warn once per run
        LearningCurvePlot.builder().title(run.datasetLabel() + " " + run.method() + " seed " + run.seed())
                .build().write(List.of(FitCurves.of(r, run.method())), dir.resolve(PLOT_FILE));
        JsonObject json = describe(run);
        boolean evaluated = !r.evaluations().isEmpty();
        json.addProperty("evaluated", evaluated);
        if (evaluated) {
            json.addProperty("rat", r.rat());
            json.addProperty("oms", r.oms());
        }
        json.addProperty("iterations", r.provenance().iterationsCompleted());
        json.addProperty("fit_seconds", r.wallSeconds());
        JsonArray curve = new JsonArray();
        for (Evaluation e : r.evaluations()) {
            if (Double.isFinite(e.normalizedScore())) {
                JsonObject p = new JsonObject();
                p.addProperty("iteration", e.iteration());
                p.addProperty("score", e.normalizedScore());
                curve.add(p);
            }
        }
        json.add("curve", curve);
        return json;
    }

    private static Optional<DomainPreset> presetOf(SelectedDataset sel) {
        return Optional.ofNullable(switch (sel.domain()) {
            case LOCOMOTION -> DomainPreset.LOCOMOTION;
            case ANTMAZE -> DomainPreset.ANTMAZE;
            case ADROIT -> DomainPreset.ADROIT;
            case KITCHEN -> DomainPreset.KITCHEN;
            case MAZE2D, UNKNOWN -> null;
        });
    }

    /** The run's identity and settings, the fields every record of it starts with. */
    static JsonObject describe(SweepRun run) {
        JsonObject json = new JsonObject();
        json.addProperty("run", run.id());
        json.addProperty("dataset", run.datasetLabel());
        json.addProperty("dataset_source", run.dataset());
        json.addProperty("method", run.method());
        json.addProperty("algorithm", run.algorithm().name());
        json.addProperty("policy_class", run.policyClass().name());
        json.addProperty("seed", run.seed());
        json.addProperty("varied", run.varied());
        JsonObject settings = new JsonObject();
        for (SweepRun.Setting s : run.settings()) {
            settings.add(s.name(), RunDirectory.GSON.toJsonTree(s.value()));
        }
        json.add("settings", settings);
        json.addProperty("eval_episodes", run.evalEpisodes());
        json.addProperty("eval_every", run.evalEvery());
        json.addProperty("threads", run.threads());
        return json;
    }

    private static String recordFailure(SweepRun run, Path dir, Throwable e, long t0) {
        String message = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "" : e.getMessage());
        JsonObject json = describe(run);
        json.addProperty("error", message);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        json.addProperty("stack_trace", trace.toString());
        json.addProperty("wall_seconds", (System.nanoTime() - t0) / 1e9);
        json.addProperty("failed", Instant.now().toString());
        try {
            RunDirectory.writeJson(dir.resolve(RunDirectory.FAILED), json);
        } catch (UncheckedIOException io) {
            e.addSuppressed(io);
        }
        return message;
    }
}
