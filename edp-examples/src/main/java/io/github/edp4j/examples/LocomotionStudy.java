package io.github.edp4j.examples;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.io.Csv;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * EDP against its feed-forward baselines and plain behaviour cloning on the built-in MuJoCo locomotion datasets
 * (issue "Real physics"): the paper's comparison (arXiv 2305.20081, Table 2, locomotion rows) on data made here.
 *
 * <p>Methods: {@code edp-td3} (diffusion policy, TD3+BC improvement), {@code td3bc} (deterministic TD3+BC),
 * {@code edp-iql} (diffusion policy, IQL), {@code gaussian-iql}, and {@code bc} (the deterministic actor with the
 * Q term switched off, {@code td3(alpha, 0)}: mean-squared behaviour cloning). Each run is evaluated on its MuJoCo
 * environment with D4RL's normalized score; RAT (mean of the last 10 evaluations) and OMS (best) are written with
 * iterations and wall time to {@code results.csv} after every run (a re-run skips the rows already there) and to
 * {@code results.md} with the per-method averages.
 *
 * <p>Usage: {@code java -cp edp4j-cli.jar io.github.edp4j.examples.LocomotionStudy --out DIR [--datasets
 * hopper-medium,...] [--methods edp-td3,...] [--seeds 1,2,3] [--iterations N] [--eval-every N] [--episodes N]
 * [--hidden 256,256,256] [--threads N]}.
 */
public final class LocomotionStudy {

    private static final List<String> COLUMNS = List.of("dataset", "method", "seed", "rat", "oms", "iterations",
            "wall_seconds");

    /** The methods of the study, each a change of the trainer's builder. */
    static final Map<String, UnaryOperator<EdpTrainer.Builder>> METHODS = methods();

    private static Map<String, UnaryOperator<EdpTrainer.Builder>> methods() {
        Map<String, UnaryOperator<EdpTrainer.Builder>> m = new LinkedHashMap<>();
        m.put("edp-td3", b -> b.algo(Algorithm.TD3).policy(PolicyClass.DIFFUSION));
        m.put("td3bc", b -> b.algo(Algorithm.TD3).policy(PolicyClass.GAUSSIAN));
        m.put("edp-iql", b -> b.algo(Algorithm.IQL).policy(PolicyClass.DIFFUSION));
        m.put("gaussian-iql", b -> b.algo(Algorithm.IQL).policy(PolicyClass.GAUSSIAN));
        m.put("bc", b -> b.algo(Algorithm.TD3).policy(PolicyClass.GAUSSIAN).td3(2.0, 0.0));
        return Collections.unmodifiableMap(m);
    }

    private LocomotionStudy() {
    }

    /**
     * Runs the study.
     *
     * @param args the options above
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> o = options(args);
        Path out = Path.of(require(o, "out"));
        List<String> datasets = list(o.getOrDefault("datasets",
                "hopper-medium,hopper-medium-expert,halfcheetah-medium,halfcheetah-medium-expert"));
        List<String> methods = list(o.getOrDefault("methods", String.join(",", METHODS.keySet())));
        for (String m : methods) {
            if (!METHODS.containsKey(m)) {
                throw new IllegalArgumentException("--methods: unknown method '" + m + "', known: " + METHODS.keySet());
            }
        }
        List<Long> seeds = list(o.getOrDefault("seeds", "1,2,3")).stream().map(Long::parseLong).toList();
        int iterations = Integer.parseInt(o.getOrDefault("iterations", "20000"));
        int evalEvery = Integer.parseInt(o.getOrDefault("eval-every", "2000"));
        int episodes = Integer.parseInt(o.getOrDefault("episodes", "5"));
        int[] hidden = list(o.getOrDefault("hidden", "256,256,256")).stream().mapToInt(Integer::parseInt).toArray();
        int threads = Integer.parseInt(o.getOrDefault("threads", "1"));
        run(out, datasets, methods, seeds, iterations, evalEvery, episodes, hidden, threads, System.out);
    }

    /**
     * Runs every dataset x method x seed not yet in {@code out/results.csv}.
     *
     * @param out the output directory
     * @param datasets built-in locomotion dataset names
     * @param methods keys of {@link #METHODS}
     * @param seeds the seeds
     * @param iterations iterations per run
     * @param evalEvery iterations between evaluations
     * @param episodes episodes per evaluation
     * @param hidden hidden widths of every network
     * @param threads libtorch threads
     * @param log where progress goes
     * @return the rows of {@code results.csv}
     * @throws IOException if the results cannot be written
     */
    static List<List<String>> run(Path out, List<String> datasets, List<String> methods, List<Long> seeds,
            int iterations, int evalEvery, int episodes, int[] hidden, int threads, PrintStream log)
            throws IOException {
        Path csv = out.resolve("results.csv");
        List<List<String>> rows = new ArrayList<>();
        if (Files.exists(csv)) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                rows.add(Csv.parseRow(line));
            }
        }
        Set<String> done = new TreeSet<>();
        for (List<String> r : rows) {
            done.add(r.get(0) + "/" + r.get(1) + "/" + r.get(2));
        }
        // seed by seed, so that a study stopped early has every dataset and method for its first seeds
        for (long seed : seeds) {
            for (String dataset : datasets) {
                EvaluationTarget target = EvaluationTarget.of(dataset);
                OfflineDataset data = BuiltinTasks.dataset(dataset);
                for (String method : methods) {
                    if (done.contains(dataset + "/" + method + "/" + seed)) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    EdpTrainer.Builder b = EdpTrainer.builder().hidden(hidden).iterations(iterations).seed(seed)
                            .threads(threads).progress(false)
                            .evaluation(target.environments(), episodes, evalEvery, target.normalizer());
                    FitResult r = METHODS.get(method).apply(b).build().fit(data);
                    r.policy().close();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    rows.add(List.of(dataset, method, Long.toString(seed), fmt(r.rat()), fmt(r.oms()),
                            Integer.toString(iterations), String.format(Locale.ROOT, "%.0f", seconds)));
                    log.printf(Locale.ROOT, "%s %s seed %d: RAT %.1f, OMS %.1f, %d iterations, %.0f s%n", dataset,
                            method, seed, r.rat(), r.oms(), iterations, seconds);
                    write(out, rows);
                }
            }
        }
        write(out, rows);
        return rows;
    }

    private static void write(Path out, List<List<String>> rows) throws IOException {
        StringBuilder csv = new StringBuilder(Csv.formatRow(COLUMNS)).append('\n');
        for (List<String> r : rows) {
            csv.append(Csv.formatRow(r)).append('\n');
        }
        AtomicFile.writeString(out.resolve("results.csv"), csv.toString());
        AtomicFile.writeString(out.resolve("results.md"), markdown(rows));
    }

    /** @return a table of mean RAT and OMS (with the seeds' values) per dataset and method, and per-method averages */
    static String markdown(List<List<String>> rows) {
        Map<String, Map<String, List<double[]>>> byDataset = new LinkedHashMap<>();
        for (List<String> r : rows) {
            byDataset.computeIfAbsent(r.get(0), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.get(1), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(r.get(3)), Double.parseDouble(r.get(4)),
                        Double.parseDouble(r.get(6))});
        }
        StringBuilder md = new StringBuilder("| dataset | method | seeds | RAT (mean; per seed) | OMS (mean; per seed) "
                + "| wall time per run |\n|---|---|---|---|---|---|\n");
        Map<String, List<Double>> ratsByMethod = new LinkedHashMap<>();
        Map<String, List<Double>> omsByMethod = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, List<double[]>>> d : byDataset.entrySet()) {
            for (Map.Entry<String, List<double[]>> m : d.getValue().entrySet()) {
                double[] rat = m.getValue().stream().mapToDouble(v -> v[0]).toArray();
                double[] oms = m.getValue().stream().mapToDouble(v -> v[1]).toArray();
                double wall = m.getValue().stream().mapToDouble(v -> v[2]).average().orElse(0);
                ratsByMethod.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(mean(rat));
                omsByMethod.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(mean(oms));
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f; %s | %.1f; %s | %.0f s |%n", d.getKey(),
                        m.getKey(), rat.length, mean(rat), each(rat), mean(oms), each(oms), wall));
            }
        }
        md.append("\n| method | datasets | mean RAT | mean OMS |\n|---|---|---|---|\n");
        for (String method : ratsByMethod.keySet()) {
            List<Double> r = ratsByMethod.get(method);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", method, r.size(),
                    r.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                    omsByMethod.get(method).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        }
        return md.toString();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static String each(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", x));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    static String require(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }
}
