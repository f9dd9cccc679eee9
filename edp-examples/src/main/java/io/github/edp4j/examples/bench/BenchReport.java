package io.github.edp4j.examples.bench;

import io.github.edp4j.core.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one run of the {@link BenchmarkSuite}: machine and runtime facts, the settings, every {@link Figure}
 * and the quantities derived from them (speed ratios, matmul roofline, memory growth), and the figures that could
 * not be measured on this machine with the reason (the MuJoCo figures without libmujoco). Written as JSON by {@link
 * #writeJson(Path)} and as a table by {@link #table()}.
 */
public final class BenchReport {

    private final BenchSettings settings;
    private final String created;
    private final Map<String, Object> machine;
    private final Map<String, Object> runtime;
    private final Map<String, Figure> figures;
    private final Map<String, String> unavailable;
    private final Map<String, Object> derived;
    private final List<Map<String, Object>> memorySeries;
    private final double elapsedSeconds;

    BenchReport(BenchSettings settings, String created, Map<String, Object> machine, Map<String, Object> runtime,
            Map<String, Figure> figures, Map<String, String> unavailable, Map<String, Object> derived,
            List<Map<String, Object>> memorySeries, double elapsedSeconds) {
        this.settings = settings;
        this.created = created;
        this.machine = Collections.unmodifiableMap(new LinkedHashMap<>(machine));
        this.runtime = Collections.unmodifiableMap(new LinkedHashMap<>(runtime));
        this.figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        this.unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
        this.derived = Collections.unmodifiableMap(new LinkedHashMap<>(derived));
        this.memorySeries = List.copyOf(memorySeries);
        this.elapsedSeconds = elapsedSeconds;
    }

    /** @return the settings the suite ran with */
    public BenchSettings settings() {
        return settings;
    }

    /** @return every figure by key, in the order measured */
    public Map<String, Figure> figures() {
        return figures;
    }

    /**
     * @param key a figure key, one of {@link BenchmarkSuite#FIGURES}
     * @return the figure
     * @throws IllegalArgumentException if the report has no such figure (naming the reason if it was unavailable)
     */
    public Figure figure(String key) {
        Figure f = figures.get(key);
        if (f == null) {
            String reason = unavailable.get(key);
            throw new IllegalArgumentException(reason != null
                    ? "benchmark figure '" + key + "' was not measured: " + reason
                    : "no benchmark figure '" + key + "'; figures: " + figures.keySet());
        }
        return f;
    }

    /**
     * @return the figures and derived quantities that could not be measured on this machine, by key, each with the
     *     reason (for the MuJoCo figures: {@link io.github.edp4j.d4rl.mujoco.MuJoCo#unavailableReason()}); empty
     *     when everything was measured
     */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    /** @return derived quantities by key: ratios, roofline, memory growth, load at the end */
    public Map<String, Object> derived() {
        return derived;
    }

    /** @return machine facts (CPU, cores, memory, OS, load) */
    public Map<String, Object> machine() {
        return machine;
    }

    /** @return runtime facts (JVM, DJL, libtorch, threads) */
    public Map<String, Object> runtime() {
        return runtime;
    }

    /**
     * @return the readings of the memory run, in order: iteration, resident size ({@code rssMB}), the JVM's
     *     committed heap ({@code jvmHeapCommittedMB}) and the window's iterations per second
     */
    public List<Map<String, Object>> memorySeries() {
        return memorySeries;
    }

    /** @return wall-clock seconds of the whole run */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    /** @return the JSON document */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "edp4j");
        root.put("configuration", settings.name());
        root.put("created", created);
        root.put("elapsedSeconds", elapsedSeconds);
        root.put("machine", machine);
        root.put("runtime", runtime);
        root.put("settings", settings.toMap());
        Map<String, Object> figs = new LinkedHashMap<>();
        figures.forEach((k, f) -> figs.put(k, f.toJson()));
        root.put("figures", figs);
        root.put("unavailable", unavailable);
        root.put("derived", derived);
        root.put("memorySeries", memorySeries);
        return Json.write(root);
    }

    /**
     * Writes the JSON document atomically with {@link AtomicFile}.
     *
     * @param file destination; missing directories are created
     * @throws IOException if it cannot be written
     */
    public void writeJson(Path file) throws IOException {
        AtomicFile.writeString(file, toJson());
    }

    /** @return a readable table of every figure and the derived ratios */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "EDP4J benchmark (%s) on %s, %s core(s), %s libtorch thread(s), %.0f s%n",
                settings.name(), machine.get("cpuModel"), machine.get("availableProcessors"),
                runtime.get("intraOpThreads"), elapsedSeconds));
        String row = "%-50s %-9s %12s %12s %12s %4s%n";
        sb.append(String.format(Locale.ROOT, row, "figure", "unit", "median", "min", "max", "n"));
        sb.append("-".repeat(104)).append('\n');
        for (Figure f : figures.values()) {
            sb.append(String.format(Locale.ROOT, row, f.label(), f.unit(), num(f.median()), num(f.min()), num(f.max()),
                    f.values().length));
        }
        for (String key : unavailable.keySet()) {
            if (BenchmarkSuite.FIGURES.contains(key)) {
                sb.append(String.format(Locale.ROOT, row, key, "", "n/a", "", "", ""));
            }
        }
        for (String reason : new LinkedHashSet<>(unavailable.values())) {
            sb.append("not measured (n/a): ").append(reason).append('\n');
        }
        sb.append('\n');
        for (Map.Entry<String, Object> e : derived.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Double d ? num(d) : String.valueOf(v);
            sb.append(String.format(Locale.ROOT, "%-50s %s%n", e.getKey(), text));
        }
        for (String key : unavailable.keySet()) {
            if (!BenchmarkSuite.FIGURES.contains(key)) {
                sb.append(String.format(Locale.ROOT, "%-50s %s%n", key, "n/a"));
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return a >= 1000 ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 100 ? String.format(Locale.ROOT, "%.1f", v)
                : a >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
