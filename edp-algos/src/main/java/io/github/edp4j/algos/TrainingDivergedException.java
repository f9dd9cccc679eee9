package io.github.edp4j.algos;

/** Training produced a non-finite loss; the message names the iteration, the loss and the last good checkpoint. */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;
    private final long iteration;

    /**
     * @param iteration the 0-based iteration whose loss was not finite
     * @param message what diverged and what was kept
     */
    public TrainingDivergedException(long iteration, String message) {
        super(message);
        this.iteration = iteration;
    }

    /** @return the iteration that diverged */
    public long iteration() {
        return iteration;
    }
}
