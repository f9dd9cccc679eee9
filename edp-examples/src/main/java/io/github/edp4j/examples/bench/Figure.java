package io.github.edp4j.examples.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured quantity of the benchmark: every round's value, summarised by median, minimum and maximum.
 *
 * @param key stable identifier used in the JSON file, such as {@code train.edp_td3}
 * @param label readable name for the table
 * @param unit unit of the values, such as {@code it/s} or {@code ms}
 * @param values one value per measured round (warm-up excluded), at least one
 */
public record Figure(String key, String label, String unit, double[] values) {

    /** Validates and copies. */
    public Figure {
        if (key == null || label == null || unit == null || values == null || values.length == 0) {
            throw new IllegalArgumentException("figure " + key + ": key, label, unit and at least one value needed");
        }
        values = values.clone();
    }

    /**
     * A figure measured once.
     *
     * @param key identifier
     * @param label readable name
     * @param unit unit
     * @param value the value
     * @return the figure
     */
    public static Figure single(String key, String label, String unit, double value) {
        return new Figure(key, label, unit, new double[] {value});
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return the median of the values (mean of the two middle ones for an even count) */
    public double median() {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** @return the smallest value */
    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    /** @return the largest value */
    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** @return the JSON form: label, unit, median, min, max, n and the values */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("unit", unit);
        m.put("median", median());
        m.put("min", min());
        m.put("max", max());
        m.put("n", values.length);
        m.put("values", values.clone());
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Figure f && key.equals(f.key) && label.equals(f.label) && unit.equals(f.unit)
                && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return key + " median " + median() + " " + unit + " (min " + min() + ", max " + max() + ", n " + values.length
                + ")";
    }
}
