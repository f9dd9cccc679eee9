package io.github.edp4j.core.sampling;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.schedule.NoiseSchedule;

/**
 * The sampler EDP uses by default (arXiv 2305.20081, Sec. 4.2 and App. B): third-order singlestep DPM-Solver
 * with 15 model calls on the time-uniform grid from {@code t = 1} to {@code 1e-3} (orders {@code
 * [3,3,3,3,2,1]}), noise clipped to the action bounds.
 */
public final class DpmSolver3 extends DpmSolver {

    /** The default number of model calls. */
    public static final int DEFAULT_MODEL_CALLS = 15;

    /**
     * The EDP default: 15 calls, time-uniform grid.
     *
     * @param schedule schedule of the model
     * @param bounds action bounds to clip to, or {@code null} for none
     */
    public DpmSolver3(NoiseSchedule schedule, ActionBounds bounds) {
        this(schedule, bounds, DEFAULT_MODEL_CALLS, TimeGrid.TIME_UNIFORM);
    }

    /**
     * @param schedule schedule of the model
     * @param bounds action bounds to clip to, or {@code null} for none
     * @param modelCalls number of model calls, at least 1
     * @param grid time grid
     */
    public DpmSolver3(NoiseSchedule schedule, ActionBounds bounds, int modelCalls, TimeGrid grid) {
        super(validated(builder(schedule).order(3).modelCalls(modelCalls).grid(grid).clipTo(bounds)));
    }

    private static Builder validated(Builder b) {
        b.validate();
        return b;
    }
}
