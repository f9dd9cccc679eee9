package io.github.edp4j.algos;

/** Receives training progress; every method has an empty default. Called on the training thread. */
public interface TrainingListener {

    /**
     * Called when a training-curve point is recorded.
     *
     * @param record the record
     * @param totalIterations the run's iteration budget
     */
    default void onRecord(TrainingRecord record, long totalIterations) {}

    /**
     * Called after each evaluation.
     *
     * @param evaluation the evaluation
     */
    default void onEvaluation(Evaluation evaluation) {}
}
