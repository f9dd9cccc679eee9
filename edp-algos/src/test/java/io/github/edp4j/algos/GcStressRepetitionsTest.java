package io.github.edp4j.algos;

import io.github.edp4j.core.testing.GcStressRepetitions;

/** edp-algos's gradient, determinism and resume tests, repeated under GC stress (surefire execution {@code gc-stress}). */
class GcStressRepetitionsTest extends GcStressRepetitions {
}
