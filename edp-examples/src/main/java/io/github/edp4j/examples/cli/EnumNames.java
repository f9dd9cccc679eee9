package io.github.edp4j.examples.cli;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.DomainPreset;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.core.schedule.ScheduleKind;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The values of an enum option in lower case, the way {@code --help} lists them ({@code ${COMPLETION-CANDIDATES}});
 * picocli accepts them in any case. One nested class per option, as picocli instantiates them by class.
 */
final class EnumNames {

    private EnumNames() {}

    private static Iterator<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(TrainerDefaults::lower).iterator();
    }

    /** {@code td3, crr, iql, ...}: every {@link Algorithm}. */
    static final class Algorithms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(Algorithm.values());
        }
    }

    /** {@code diffusion, gaussian}. */
    static final class PolicyClasses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(PolicyClass.values());
        }
    }

    /** {@code time_uniform, logsnr, time_quadratic}. */
    static final class Grids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(TimeGrid.values());
        }
    }

    /** {@code linear, cosine, vp}. */
    static final class Schedules implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(ScheduleKind.values());
        }
    }

    /** {@code locomotion, antmaze, adroit, kitchen}. */
    static final class Presets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(DomainPreset.values());
        }
    }
}
