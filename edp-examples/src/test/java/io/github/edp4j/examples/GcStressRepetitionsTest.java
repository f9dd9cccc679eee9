package io.github.edp4j.examples;

import io.github.edp4j.core.testing.GcStressRepetitions;

/** edp-examples's gradient, determinism and resume tests, repeated under GC stress (surefire execution {@code gc-stress}). */
class GcStressRepetitionsTest extends GcStressRepetitions {
}
