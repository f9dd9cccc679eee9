package io.github.edp4j.examples.cli;

import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether and where {@code edp4j train} evaluates: on the built-in task of a built-in dataset, on the MuJoCo
 * environment of a D4RL locomotion dataset ({@code hopper-medium-v2.hdf5}, or a file whose name or stored name is
 * one) when MuJoCo is present, otherwise not at all, with the reason in plain words. Immutable.
 */
final class EvaluationSelection {

    private final EvaluationTarget target;
    private final String reason;

    private EvaluationSelection(EvaluationTarget target, String reason) {
        this.target = target;
        this.reason = reason;
    }

    /**
     * @param sel the training dataset
     * @return the evaluation for it: its environment and reference scores, or none with the reason
     */
    static EvaluationSelection of(SelectedDataset sel) {
        Optional<EvaluationTarget> found = EvaluationTarget.find(sel.name());
        if (found.isEmpty()) {
            return new EvaluationSelection(null, "no environment for " + sel.name() + " here");
        }
        EvaluationTarget t = found.get();
        Optional<String> missing = t.unavailableReason();
        if (missing.isPresent()) {
            return new EvaluationSelection(null, sel.name() + " is evaluated on MuJoCo's " + t.task()
                    + ", and MuJoCo is not available: " + missing.get());
        }
        Environment env = t.environments().get();
        try {
            if (env.observationDim() != sel.dataset().observationDim()
                    || env.actionDim() != sel.dataset().actionDim()) {
                return new EvaluationSelection(null, String.format(Locale.ROOT, "the dataset's observation/action"
                        + " dimensions %d/%d differ from task %s's %d/%d", sel.dataset().observationDim(),
                        sel.dataset().actionDim(), t.task(), env.observationDim(), env.actionDim()));
            }
        } finally {
            if (env instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // a probe environment; nothing was written
                }
            }
        }
        return new EvaluationSelection(t, null);
    }

    /** @return whether the run evaluates */
    boolean available() {
        return target != null;
    }

    /**
     * @param every iterations between evaluations
     * @param episodes episodes per evaluation
     * @return the "evaluation" line of the run's header
     */
    String describe(int every, int episodes) {
        if (target == null) {
            return "none: " + reason + "; losses and Q statistics are reported instead";
        }
        return String.format(Locale.ROOT, "every %d iterations, %d episodes on %s%s (normalized with %s)", every,
                episodes, target.needsMuJoCo() ? "MuJoCo task " : "built-in task ", target.task(),
                target.referenceSource());
    }

    /** @return what 0 and 100 mean, for the summary */
    String scale() {
        return target != null && target.needsMuJoCo() ? "0 = D4RL's random policy, 100 = D4RL's expert"
                : "0 = random policy, 100 = scripted expert";
    }

    /**
     * Adds the evaluation to a trainer when there is one.
     *
     * @param b the trainer builder
     * @param episodes episodes per evaluation
     * @param every iterations between evaluations
     */
    void apply(EdpTrainer.Builder b, int episodes, int every) {
        if (target != null) {
            b.evaluation(target.environments(), episodes, every, target.normalizer());
        }
    }
}
