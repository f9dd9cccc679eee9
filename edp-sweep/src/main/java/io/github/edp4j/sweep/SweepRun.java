package io.github.edp4j.sweep;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.examples.training.RunLabel;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One run of a sweep: a dataset, an algorithm, a policy class, a seed and one combination of the grid's trainer
 * settings, with the evaluation protocol and the run's thread count. It is what a Spark task receives (hence
 * serializable) and names its own directory ({@link #id()}). Immutable.
 *
 * @param id the run's directory name under the sweep's {@code runs/}, unique in the sweep
 * @param dataset a built-in dataset name or a dataset file or directory
 * @param datasetLabel the dataset as tables show it (the built-in name or the file name)
 * @param algorithm the policy-improvement algorithm
 * @param policyClass diffusion or the feed-forward baseline
 * @param seed the seed of everything random in the run
 * @param settings the grid's settings for this run, in the spec's order
 * @param varied the settings that differ between the sweep's runs, as {@code name=value} words ("" if none)
 * @param evalEpisodes episodes per evaluation
 * @param evalEvery iterations between evaluations
 * @param threads libtorch threads of the run (its fit runs inside {@code TorchRuntime.withThreads})
 */
public record SweepRun(String id, String dataset, String datasetLabel, Algorithm algorithm, PolicyClass policyClass,
        long seed, List<Setting> settings, String varied, int evalEpisodes, int evalEvery, int threads)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One trainer setting of a run.
     *
     * @param name the {@link EdpTrainer.Builder} method
     * @param value its canonical value (numbers, booleans, enum names, lists of those)
     */
    public record Setting(String name, Object value) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Checks the components. */
    public SweepRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(datasetLabel, "datasetLabel");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(policyClass, "policyClass");
        settings = List.copyOf(settings);
        Objects.requireNonNull(varied, "varied");
    }

    /**
     * @return the method as the table's column groups name it: {@link RunLabel#of} and the varied settings, such as
     *     {@code EDP-IQL} or {@code EDP-IQL actorLearningRate=0.001}
     */
    public String method() {
        String label = RunLabel.of(algorithm, policyClass);
        return varied.isEmpty() ? label : label + " " + varied;
    }

    /**
     * A trainer builder with this run's algorithm, policy class, seed, threads and grid settings (no evaluation, no
     * output): what {@link RunExecutor} trains with, and what a program that trains the same run alone starts from.
     *
     * @return a new builder
     * @throws IllegalArgumentException if a setting is refused at once by the builder
     */
    public EdpTrainer.Builder trainer() {
        return configure(EdpTrainer.builder());
    }

    /**
     * Sets this run's algorithm, policy class, grid settings, seed and threads on a builder (settings made before,
     * such as a domain preset, stay unless the grid sets them again).
     *
     * @param b the builder
     * @return {@code b}
     * @throws IllegalArgumentException if a setting is refused at once by the builder
     */
    public EdpTrainer.Builder configure(EdpTrainer.Builder b) {
        b.algo(algorithm).policy(policyClass);
        for (Setting s : settings) {
            TrainerSetting.named("grid", s.name()).apply(b, s.value());
        }
        return b.seed(seed).threads(threads).progress(false);
    }
}
