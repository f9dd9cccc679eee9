package io.github.edp4j.sweep;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.examples.training.RunLabel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a sweep trains: every combination of datasets x algorithms x policy classes x the grid's trainer settings x
 * seeds, each one {@link SweepRun}, with one evaluation protocol (the EDP paper's: RAT, the mean of the last 10
 * evaluations, and OMS, the best, arXiv 2305.20081 Sec. 5). Written as a small YAML or JSON file
 * ({@link #read(Path)}) or with the {@link Builder}; both are validated completely before anything runs, and a bad
 * value fails naming its key, the value and what is allowed. Immutable.
 *
 * <pre>{@code
 * name: fork-and-bandit
 * datasets:                                             # built-in names, or dataset files (D4RL, Minari, ...)
 *   - bandit-mixed
 *   - name: pointmaze-fork-multimodal                   # a dataset with settings of its own (one value each)
 *     grid: {schedule: vp}
 *     evaluation: {episodes: 20}
 * algorithms: [iql]                                     # td3, crr, iql, dql, dtql
 * policies: [diffusion, gaussian]                       # default [diffusion]
 * seeds: [1, 2, 3, 4, 5]
 * grid:                                                 # any EdpTrainer.Builder setting by name; a list = alternatives
 *   steps: 100
 *   hidden: [[64, 64, 64]]
 *   iterations: 8000
 *   actorLearningRate: [0.001, 0.0003]
 * evaluation: {episodes: 100, every: 400}
 * threadsPerRun: 1
 * }</pre>
 *
 * <p>In the grid a scalar is one value and a list holds the alternatives; a setting that takes a list ({@code hidden})
 * or several values ({@code td3: [alpha, eta]}) takes a list of such lists, or one such list as its only value.
 */
public final class SweepSpec {

    /** The keys of a spec file, in the order they are documented. */
    public static final List<String> KEYS = List.of("name", "datasets", "algorithms", "policies", "seeds", "grid",
            "evaluation", "threadsPerRun");

    private static final List<String> EVALUATION_KEYS = List.of("episodes", "every");
    private static final int MAX_ID = 120;

    private final String name;
    private final List<String> datasets;
    private final List<Algorithm> algorithms;
    private final List<PolicyClass> policies;
    private final List<Long> seeds;
    private final Map<String, List<Object>> grid;
    private final int evalEpisodes;
    private final int evalEvery;
    private final int threadsPerRun;
    private final Map<String, List<SweepRun.Setting>> datasetSettings;
    private final Map<String, int[]> datasetEvaluation;

    private SweepSpec(Builder b, Map<String, List<Object>> grid, Map<String, List<SweepRun.Setting>> datasetSettings) {
        this.name = b.name;
        this.datasets = List.copyOf(b.datasets);
        this.algorithms = List.copyOf(b.algorithms);
        this.policies = List.copyOf(b.policies);
        this.seeds = List.copyOf(b.seeds);
        this.grid = grid;
        this.evalEpisodes = b.evalEpisodes;
        this.evalEvery = b.evalEvery;
        this.threadsPerRun = b.threadsPerRun;
        this.datasetSettings = datasetSettings;
        this.datasetEvaluation = Map.copyOf(b.datasetEvaluation);
    }

    /** @return a builder with the defaults: name {@code sweep}, policies [diffusion], 10 episodes every 5000, 1 thread */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a spec file: YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}, read as the YAML it also is).
     *
     * @param file the file
     * @return the validated spec
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and the key of the first invalid value
     */
    public static SweepSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sweep spec " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param text a spec in YAML or JSON
     * @return the validated spec
     * @throws IllegalArgumentException naming the key of the first invalid value, or where the text is not YAML
     */
    public static SweepSpec parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not a valid YAML or JSON sweep spec: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a sweep spec is a mapping with the keys " + KEYS + ", got "
                    + show(root));
        }
        return fromMap(map);
    }

    private static SweepSpec fromMap(Map<?, ?> map) {
        Builder b = builder();
        // the sweep's evaluation first: a dataset's own evaluation starts from it
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Comparator.comparing(e -> !"evaluation".equals(String.valueOf(e.getKey()))));
        for (Map.Entry<?, ?> e : entries) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (key) {
                case "name" -> b.name(string("name", v));
                case "datasets" -> datasets(b, v);
                case "algorithms" -> {
                    List<String> names = strings("algorithms", v);
                    List<Algorithm> list = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        list.add(constant("algorithms[" + i + "]", names.get(i), Algorithm.class));
                    }
                    b.algorithms(list.toArray(Algorithm[]::new));
                }
                case "policies" -> {
                    List<String> names = strings("policies", v);
                    List<PolicyClass> list = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        list.add(constant("policies[" + i + "]", names.get(i), PolicyClass.class));
                    }
                    b.policies(list.toArray(PolicyClass[]::new));
                }
                case "seeds" -> {
                    List<?> list = v instanceof List<?> l ? l : List.of(v == null ? "null" : v);
                    long[] seeds = new long[list.size()];
                    for (int i = 0; i < seeds.length; i++) {
                        seeds[i] = integer("seeds[" + i + "]", list.get(i));
                    }
                    b.seeds(seeds);
                }
                case "grid" -> {
                    if (!(v instanceof Map<?, ?> g)) {
                        throw new IllegalArgumentException("grid = " + show(v) + " is invalid: allowed a mapping of"
                                + " trainer settings to values or lists of alternatives");
                    }
                    for (Map.Entry<?, ?> s : g.entrySet()) {
                        String setting = String.valueOf(s.getKey());
                        b.grid(setting, alternatives(setting, s.getValue()).toArray());
                    }
                }
                case "evaluation" -> {
                    int[] ev = evaluation("evaluation", v, b.evalEpisodes, b.evalEvery);
                    b.evaluation(ev[0], ev[1]);
                }
                case "threadsPerRun" -> b.threadsPerRun((int) integer("threadsPerRun", v));
                default -> throw new IllegalArgumentException("'" + key + "' is not a key of a sweep spec; allowed: "
                        + KEYS);
            }
        }
        return b.build();
    }

    /** Datasets: names, or mappings {@code {name: NAME, grid: {setting: value}, evaluation: {...}}}. */
    private static void datasets(Builder b, Object v) {
        List<?> list = v instanceof List<?> l ? l : Collections.singletonList(v);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String key = "datasets[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                names.add(string(key, list.get(i)));
                continue;
            }
            Object name = m.get("name");
            String n = string(key + ".name", name);
            names.add(n);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                switch (k) {
                    case "name" -> {
                    }
                    case "grid" -> {
                        if (!(e.getValue() instanceof Map<?, ?> g)) {
                            throw new IllegalArgumentException(key + ".grid = " + show(e.getValue()) + " is invalid:"
                                    + " allowed a mapping of trainer settings to one value each");
                        }
                        for (Map.Entry<?, ?> s : g.entrySet()) {
                            String setting = String.valueOf(s.getKey());
                            List<Object> alts = alternatives(setting, s.getValue());
                            if (alts.size() != 1) {
                                throw new IllegalArgumentException(key + ".grid." + setting + " = "
                                        + show(s.getValue()) + " is invalid: a dataset's settings take one value each"
                                        + " (alternatives belong in the sweep's grid)");
                            }
                            b.datasetSetting(n, setting, alts.get(0));
                        }
                    }
                    case "evaluation" -> {
                        int[] ev = evaluation(key + ".evaluation", e.getValue(), b.evalEpisodes, b.evalEvery);
                        b.datasetEvaluation(n, ev[0], ev[1]);
                    }
                    default -> throw new IllegalArgumentException(key + "." + k + " is not a key of a dataset;"
                            + " allowed: name, grid, evaluation");
                }
            }
        }
        b.datasets(names.toArray(String[]::new));
    }

    private static int[] evaluation(String key, Object v, int episodes, int every) {
        if (!(v instanceof Map<?, ?> ev)) {
            throw new IllegalArgumentException(key + " = " + show(v) + " is invalid: allowed a mapping with the keys "
                    + EVALUATION_KEYS);
        }
        int[] out = {episodes, every};
        for (Map.Entry<?, ?> x : ev.entrySet()) {
            String k = String.valueOf(x.getKey());
            switch (k) {
                case "episodes" -> out[0] = (int) integer(key + ".episodes", x.getValue());
                case "every" -> out[1] = (int) integer(key + ".every", x.getValue());
                default -> throw new IllegalArgumentException(key + "." + k + " is not a key of a sweep spec; allowed: "
                        + EVALUATION_KEYS);
            }
        }
        return out;
    }

    /** A scalar is one alternative; a list of scalars is one value for a list-taking setting, else alternatives. */
    private static List<Object> alternatives(String setting, Object v) {
        if (!(v instanceof List<?> list)) {
            return Collections.singletonList(v);
        }
        boolean allScalars = list.stream().noneMatch(x -> x instanceof List<?>);
        TrainerSetting s = TrainerSetting.named("grid", setting);
        boolean takesList = s.signature().contains(",") || s.signature().contains("int list");
        if (allScalars && takesList) {
            return Collections.singletonList(list);
        }
        return new ArrayList<>(list);
    }

    private static String string(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(key + " = " + show(v) + " is invalid: allowed a string");
    }

    private static List<String> strings(String key, Object v) {
        List<?> list = v instanceof List<?> l ? l : Collections.singletonList(v);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(string(key + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    private static long integer(String key, Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.0e15) {
            return (long) n.doubleValue();
        }
        throw new IllegalArgumentException(key + " = " + show(v) + " is invalid: allowed an integer");
    }

    private static <E extends Enum<E>> E constant(String key, String value, Class<E> type) {
        for (E c : type.getEnumConstants()) {
            if (c.name().equalsIgnoreCase(value.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException(key + " = " + show(value) + " is invalid: allowed "
                + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }

    /**
     * @param v a parsed value
     * @return it for a message: strings quoted, {@code null} as such
     */
    static String show(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    /** @return the sweep's name */
    public String name() {
        return name;
    }

    /** @return the datasets, as given */
    public List<String> datasets() {
        return datasets;
    }

    /** @return the algorithms */
    public List<Algorithm> algorithms() {
        return algorithms;
    }

    /** @return the policy classes */
    public List<PolicyClass> policies() {
        return policies;
    }

    /** @return the seeds */
    public List<Long> seeds() {
        return seeds;
    }

    /** @return each grid setting's alternatives (canonical values), in the spec's order */
    public Map<String, List<Object>> grid() {
        return grid;
    }

    /** @return episodes per evaluation */
    public int evalEpisodes() {
        return evalEpisodes;
    }

    /** @return iterations between evaluations */
    public int evalEvery() {
        return evalEvery;
    }

    /** @return libtorch threads of each run */
    public int threadsPerRun() {
        return threadsPerRun;
    }

    /**
     * Every run of the sweep, seed by seed (so that a sweep stopped early has every dataset and method for its first
     * seeds), then dataset, algorithm, policy class and grid combination.
     *
     * @return the runs, with distinct ids
     */
    public List<SweepRun> runs() {
        List<List<SweepRun.Setting>> combos = combinations();
        List<SweepRun> out = new ArrayList<>();
        for (long seed : seeds) {
            for (String dataset : datasets) {
                for (Algorithm a : algorithms) {
                    for (PolicyClass p : policies) {
                        for (List<SweepRun.Setting> combo : combos) {
                            String varied = varied(combo);
                            String label = datasetLabel(dataset);
                            String id = id(label + "__" + RunLabel.slug(a, p)
                                    + (varied.isEmpty() ? "" : "__" + varied) + "__seed" + seed);
                            List<SweepRun.Setting> settings = new ArrayList<>(combo);
                            settings.addAll(datasetSettings.getOrDefault(dataset, List.of()));
                            int[] ev = datasetEvaluation.getOrDefault(dataset, new int[] {evalEpisodes, evalEvery});
                            out.add(new SweepRun(id, dataset, label, a, p, seed, settings, varied, ev[0], ev[1],
                                    threadsPerRun));
                        }
                    }
                }
            }
        }
        return out;
    }

    private List<List<SweepRun.Setting>> combinations() {
        List<List<SweepRun.Setting>> out = new ArrayList<>();
        out.add(List.of());
        for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
            List<List<SweepRun.Setting>> next = new ArrayList<>();
            for (List<SweepRun.Setting> prefix : out) {
                for (Object v : e.getValue()) {
                    List<SweepRun.Setting> c = new ArrayList<>(prefix);
                    c.add(new SweepRun.Setting(e.getKey(), v));
                    next.add(List.copyOf(c));
                }
            }
            out = next;
        }
        return out;
    }

    private String varied(List<SweepRun.Setting> combo) {
        return combo.stream().filter(s -> grid.get(s.name()).size() > 1)
                .map(s -> s.name() + "=" + TrainerSetting.label(s.value())).collect(Collectors.joining(" "));
    }

    /**
     * @param dataset a dataset of the spec
     * @return the built-in name, or the file's name
     */
    static String datasetLabel(String dataset) {
        if (BuiltinTasks.datasetNames().contains(dataset)) {
            return dataset;
        }
        Path p = Path.of(dataset).getFileName();
        return p == null ? dataset : p.toString();
    }

    /** A file-name-safe run id; a long one is cut and made unique with a hash of the whole. */
    private static String id(String raw) {
        String safe = raw.replaceAll("[^A-Za-z0-9._=-]+", "-");
        if (safe.length() <= MAX_ID) {
            return safe;
        }
        return safe.substring(0, MAX_ID - 9) + "-" + String.format(Locale.ROOT, "%08x", raw.hashCode());
    }

    /**
     * Builder of a {@link SweepSpec}: the same keys as the file. Not thread-safe.
     */
    public static final class Builder {
        private String name = "sweep";
        private List<String> datasets = List.of();
        private List<Algorithm> algorithms = List.of();
        private List<PolicyClass> policies = List.of(PolicyClass.DIFFUSION);
        private List<Long> seeds = List.of();
        private final Map<String, List<Object>> grid = new LinkedHashMap<>();
        private int evalEpisodes = 10;
        private int evalEvery = 5000;
        private int threadsPerRun = 1;
        private final Map<String, Map<String, Object>> datasetSettings = new LinkedHashMap<>();
        private final Map<String, int[]> datasetEvaluation = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets a trainer setting for one dataset's runs only (after the sweep's grid, which must not vary it), such
         * as the noise schedule one task needs.
         *
         * @param dataset a dataset of {@link #datasets}
         * @param setting an {@link EdpTrainer.Builder} method
         * @param value its value
         * @return this
         */
        public Builder datasetSetting(String dataset, String setting, Object value) {
            datasetSettings.computeIfAbsent(Objects.requireNonNull(dataset, "dataset"), k -> new LinkedHashMap<>())
                    .put(Objects.requireNonNull(setting, "setting"), value);
            return this;
        }

        /**
         * Sets one dataset's evaluation protocol instead of the sweep's.
         *
         * @param dataset a dataset of {@link #datasets}
         * @param episodes episodes per evaluation
         * @param every iterations between evaluations
         * @return this
         */
        public Builder datasetEvaluation(String dataset, int episodes, int every) {
            datasetEvaluation.put(Objects.requireNonNull(dataset, "dataset"), new int[] {episodes, every});
            return this;
        }

        /** @param v the sweep's name, letters, digits, {@code .}, {@code _} and {@code -} @return this */
        public Builder name(String v) {
            this.name = Objects.requireNonNull(v, "name");
            return this;
        }

        /** @param v built-in dataset names or dataset files/directories (D4RL, Minari, OGBench, .npz, CSV) @return this */
        public Builder datasets(String... v) {
            this.datasets = List.of(v);
            return this;
        }

        /** @param v the algorithms @return this */
        public Builder algorithms(Algorithm... v) {
            this.algorithms = List.of(v);
            return this;
        }

        /** @param v the policy classes (default diffusion only) @return this */
        public Builder policies(PolicyClass... v) {
            this.policies = List.of(v);
            return this;
        }

        /** @param v the seeds @return this */
        public Builder seeds(long... v) {
            this.seeds = Arrays.stream(v).boxed().toList();
            return this;
        }

        /**
         * Sets a trainer setting's alternatives (replacing any given before).
         *
         * @param setting an {@link EdpTrainer.Builder} method, such as {@code iterations} or {@code iql}
         * @param alternatives its values: numbers, booleans, enum names, and lists for list or multi-value settings
         * @return this
         */
        public Builder grid(String setting, Object... alternatives) {
            Objects.requireNonNull(setting, "setting");
            grid.put(setting, Arrays.asList(alternatives.clone()));
            return this;
        }

        /**
         * @param episodes episodes per evaluation (default 10)
         * @param every iterations between evaluations (default 5000)
         * @return this
         */
        public Builder evaluation(int episodes, int every) {
            this.evalEpisodes = episodes;
            this.evalEvery = every;
            return this;
        }

        /** @param v libtorch threads of each run (default 1: runs share the cores) @return this */
        public Builder threadsPerRun(int v) {
            this.threadsPerRun = v;
            return this;
        }

        /**
         * Validates everything, including each combination of algorithm, policy class and grid values with the
         * trainer's own {@code build()}, before any run starts.
         *
         * @return the spec
         * @throws IllegalArgumentException naming the key, the value and what is allowed
         */
        public SweepSpec build() {
            if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("name = " + show(name) + " is invalid: allowed letters, digits,"
                        + " '.', '_' and '-'");
            }
            requireNonEmpty("datasets", datasets, "built-in datasets " + BuiltinTasks.datasetNames()
                    + " or dataset files");
            requireNonEmpty("algorithms", algorithms, lower(Algorithm.values()));
            requireNonEmpty("policies", policies, lower(PolicyClass.values()));
            requireNonEmpty("seeds", seeds, "integers");
            Set<String> labels = new HashSet<>();
            for (int i = 0; i < datasets.size(); i++) {
                String d = datasets.get(i);
                String key = "datasets[" + i + "]";
                if (d == null || d.isBlank()) {
                    throw new IllegalArgumentException(key + " is blank; allowed: built-in datasets "
                            + BuiltinTasks.datasetNames() + " or a dataset file");
                }
                if (!BuiltinTasks.datasetNames().contains(d) && !Files.exists(Path.of(d))) {
                    throw new IllegalArgumentException(key + " = " + show(d) + " is invalid: neither a built-in"
                            + " dataset " + BuiltinTasks.datasetNames() + " nor an existing file or directory");
                }
                if (!labels.add(datasetLabel(d))) {
                    throw new IllegalArgumentException(key + " = " + show(d) + " is invalid: a dataset named "
                            + datasetLabel(d) + " is already in the sweep");
                }
            }
            unique("algorithms", algorithms);
            unique("policies", policies);
            unique("seeds", seeds);
            Map<String, List<Object>> canonical = new LinkedHashMap<>();
            for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
                TrainerSetting s = TrainerSetting.named("grid", e.getKey());
                String key = "grid." + e.getKey();
                if (e.getValue().isEmpty()) {
                    throw new IllegalArgumentException(key + " has no values; allowed one value or a list of"
                            + " alternatives " + s.signature());
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    Object v = s.canonical(e.getValue().size() == 1 ? key : key + "[" + i + "]", e.getValue().get(i));
                    if (values.contains(v)) {
                        throw new IllegalArgumentException(key + "[" + i + "] = " + TrainerSetting.label(v)
                                + " is invalid: the value is already among the alternatives");
                    }
                    values.add(v);
                }
                canonical.put(e.getKey(), Collections.unmodifiableList(values));
            }
            Map<String, List<SweepRun.Setting>> perDataset = new LinkedHashMap<>();
            for (String d : concat(datasetSettings.keySet(), datasetEvaluation.keySet())) {
                if (!datasets.contains(d)) {
                    throw new IllegalArgumentException("datasets: settings are given for '" + d + "', which is not"
                            + " among the datasets " + datasets);
                }
            }
            for (Map.Entry<String, Map<String, Object>> e : datasetSettings.entrySet()) {
                List<SweepRun.Setting> settings = new ArrayList<>();
                for (Map.Entry<String, Object> s : e.getValue().entrySet()) {
                    String key = "datasets[" + datasets.indexOf(e.getKey()) + "].grid." + s.getKey();
                    TrainerSetting t = TrainerSetting.named(key, s.getKey());
                    if (canonical.containsKey(s.getKey()) && canonical.get(s.getKey()).size() > 1) {
                        throw new IllegalArgumentException(key + " is invalid: the sweep's grid varies "
                                + s.getKey() + " already");
                    }
                    settings.add(new SweepRun.Setting(s.getKey(), t.canonical(key, s.getValue())));
                }
                perDataset.put(e.getKey(), List.copyOf(settings));
            }
            SweepSpec spec = new SweepSpec(this, Collections.unmodifiableMap(canonical),
                    Collections.unmodifiableMap(perDataset));
            spec.checkWithTrainer();
            return spec;
        }

        private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
            List<String> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }

        private static void requireNonEmpty(String key, List<?> list, String allowed) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException(key + " is empty; allowed a non-empty list of " + allowed);
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new IllegalArgumentException(key + "[" + i + "] is null; allowed " + allowed);
                }
            }
        }

        private static void unique(String key, List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.indexOf(list.get(i)) != i) {
                    throw new IllegalArgumentException(key + "[" + i + "] = " + list.get(i) + " is invalid: it is"
                            + " already in " + key);
                }
            }
        }

        private static String lower(Enum<?>[] values) {
            return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
    }

    /** Builds each distinct trainer once (the first seed and dataset), so its own range checks apply now. */
    private void checkWithTrainer() {
        Set<String> checked = new HashSet<>();
        for (SweepRun r : runs()) {
            String what = r.algorithm() + "/" + r.policyClass() + "/" + r.settings() + "/" + r.evalEpisodes() + "/"
                    + r.evalEvery();
            if (!checked.add(what)) {
                continue;
            }
            try {
                r.trainer().evaluation(() -> {
                    throw new IllegalStateException("validation only");
                }, r.evalEpisodes(), r.evalEvery(), x -> x).build();
            } catch (IllegalArgumentException e) {
                String settings = r.settings().stream().map(s -> s.name() + "=" + TrainerSetting.label(s.value()))
                        .collect(Collectors.joining(", "));
                throw new IllegalArgumentException("the run " + r.method() + " (algorithm "
                        + r.algorithm().name().toLowerCase(Locale.ROOT) + ", policy "
                        + r.policyClass().name().toLowerCase(Locale.ROOT)
                        + (settings.isEmpty() ? "" : ", grid " + settings) + ") is invalid: " + keyOf(e.getMessage()),
                        e);
            }
        }
    }

    /** The trainer names evaluation and thread fields after itself; the spec's keys are said instead. */
    private static String keyOf(String message) {
        if (message == null) {
            return "invalid trainer settings";
        }
        return message.replaceFirst("^evalEpisodes = ", "evaluation.episodes = ")
                .replaceFirst("^evalEvery = ", "evaluation.every = ")
                .replaceFirst("^threads = ", "threadsPerRun = ");
    }
}
