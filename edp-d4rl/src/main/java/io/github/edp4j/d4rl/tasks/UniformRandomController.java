package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.ActionBounds;
import java.util.SplittableRandom;

/** The uniform random policy over an action box: the policy whose mean return defines {@code ref_min}. */
final class UniformRandomController implements Controller {

    private final ActionBounds bounds;

    UniformRandomController(ActionBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public float[] act(float[] observation, SplittableRandom rng) {
        float[] a = new float[bounds.dim()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble(bounds.low(i), bounds.high(i));
        }
        return a;
    }
}
