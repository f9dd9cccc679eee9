package io.github.edp4j.examples.plot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The learning curve of one training run: a run name and any number of named series (such as
 * {@code "normalized score"}, {@code "policy loss"}, {@code "critic loss"}), each a list of
 * {@code (iteration, value)} points sorted by iteration. Series need not share iterations: evaluations are
 * usually sparser than losses. Immutable; built with {@link #builder(String)}.
 *
 * <pre>{@code
 * LearningCurve run = LearningCurve.builder("EDP-IQL")
 *         .add("policy loss", 1000, 0.82)
 *         .add("normalized score", 1000, 41.5)
 *         .build();
 * }</pre>
 */
public final class LearningCurve {

    private final String name;
    private final Map<String, Points> series;

    /** One series' points, sorted by iteration. */
    private record Points(long[] iterations, double[] values) {}

    private LearningCurve(String name, Map<String, Points> series) {
        this.name = name;
        this.series = Collections.unmodifiableMap(series);
    }

    /**
     * @param name the run's name, shown in plot legends, such as {@code "EDP-IQL"}
     * @return a builder of an empty curve
     * @throws IllegalArgumentException if the name is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the run's name */
    public String name() {
        return name;
    }

    /** @return the series names, in the order they were first added */
    public List<String> seriesNames() {
        return List.copyOf(series.keySet());
    }

    /**
     * @param seriesName a series name
     * @return whether this curve has a series of that name
     */
    public boolean hasSeries(String seriesName) {
        return series.containsKey(seriesName);
    }

    /**
     * @param seriesName a series name of {@link #seriesNames()}
     * @return a copy of the series' iterations, increasing
     * @throws IllegalArgumentException naming the series and those present if there is none of that name
     */
    public long[] iterations(String seriesName) {
        return points(seriesName).iterations().clone();
    }

    /**
     * @param seriesName a series name of {@link #seriesNames()}
     * @return a copy of the series' values, in the order of {@link #iterations(String)}
     * @throws IllegalArgumentException naming the series and those present if there is none of that name
     */
    public double[] values(String seriesName) {
        return points(seriesName).values().clone();
    }

    /**
     * @param seriesName a series name of {@link #seriesNames()}
     * @return the number of points of the series
     * @throws IllegalArgumentException naming the series and those present if there is none of that name
     */
    public int size(String seriesName) {
        return points(seriesName).values().length;
    }

    private Points points(String seriesName) {
        Points p = series.get(seriesName);
        if (p == null) {
            throw new IllegalArgumentException("learning curve '" + name + "' has no series '" + seriesName
                    + "'; series present: " + series.keySet());
        }
        return p;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LearningCurve{name=").append(name);
        series.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v.values().length).append(" points"));
        return sb.append('}').toString();
    }

    /**
     * Builder of a {@link LearningCurve}. Points may be added in any order; each series keeps them sorted by
     * iteration. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private final Map<String, TreeMap<Long, Double>> series = new LinkedHashMap<>();

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("learning curve name must not be blank");
            }
            this.name = name;
        }

        /**
         * Adds one point.
         *
         * @param seriesName the series, such as {@code "critic loss"}; not blank
         * @param iteration the training iteration, {@code >= 0}
         * @param value the value at that iteration, finite
         * @return this builder
         * @throws IllegalArgumentException naming the run, series, iteration and value if the series name is blank,
         *     the iteration negative, the value not finite, or the series already has a point at that iteration
         */
        public Builder add(String seriesName, long iteration, double value) {
            Objects.requireNonNull(seriesName, "seriesName");
            if (seriesName.isBlank()) {
                throw new IllegalArgumentException("learning curve '" + name + "': series name must not be blank");
            }
            if (iteration < 0) {
                throw new IllegalArgumentException("learning curve '" + name + "', series '" + seriesName
                        + "': iteration must be >= 0, got " + iteration);
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("learning curve '" + name + "', series '" + seriesName
                        + "': value at iteration " + iteration + " must be finite, got " + value);
            }
            Double previous = series.computeIfAbsent(seriesName, k -> new TreeMap<>()).putIfAbsent(iteration, value);
            if (previous != null) {
                throw new IllegalArgumentException("learning curve '" + name + "', series '" + seriesName
                        + "': two values at iteration " + iteration + " (" + previous + " and " + value + ")");
            }
            return this;
        }

        /**
         * Declares a series without points yet, so that it keeps its place in {@link LearningCurve#seriesNames()}.
         *
         * @param seriesName the series name; not blank
         * @return this builder
         * @throws IllegalArgumentException if the name is blank
         */
        public Builder series(String seriesName) {
            Objects.requireNonNull(seriesName, "seriesName");
            if (seriesName.isBlank()) {
                throw new IllegalArgumentException("learning curve '" + name + "': series name must not be blank");
            }
            series.computeIfAbsent(seriesName, k -> new TreeMap<>());
            return this;
        }

        /** @return the curve; the builder can go on adding for another curve */
        public LearningCurve build() {
            Map<String, Points> out = new LinkedHashMap<>();
            series.forEach((k, points) -> {
                List<Map.Entry<Long, Double>> entries = new ArrayList<>(points.entrySet());
                long[] it = new long[entries.size()];
                double[] v = new double[entries.size()];
                for (int i = 0; i < it.length; i++) {
                    it[i] = entries.get(i).getKey();
                    v[i] = entries.get(i).getValue();
                }
                out.put(k, new Points(it, v));
            });
            return new LearningCurve(name, out);
        }
    }
}
