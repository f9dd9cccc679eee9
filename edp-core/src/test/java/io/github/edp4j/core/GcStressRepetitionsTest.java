package io.github.edp4j.core;

import io.github.edp4j.core.testing.GcStressRepetitions;

/** edp-core's gradient tests, repeated under GC stress (surefire execution {@code gc-stress}). */
class GcStressRepetitionsTest extends GcStressRepetitions {
}
