package io.github.edp4j.sweep;

import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.io.Csv;
import io.github.edp4j.examples.plot.SweepPlots;
import io.github.edp4j.examples.training.ProgressPrinter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A sweep's report, computed with Spark SQL over the completion markers of its run directories, so that it can be
 * rebuilt at any time from what is on disk ({@code edp4j sweep --report DIR}). Written to {@code OUT/report/}:
 *
 * <ul>
 *   <li>{@value #TABLE_MD}: the paper-style table (EDP, arXiv 2305.20081, Table 2), one row per dataset and one
 *       column group per method: RAT and OMS as mean +- standard deviation over seeds, the number of seeds and the
 *       mean wall time of a run;</li>
 *   <li>{@value #TABLE_CSV} and {@value #TABLE_PARQUET}: the same table, one row per dataset and method;</li>
 *   <li>{@value #RUNS_CSV}: every completed run's RAT, OMS, iterations and wall time;</li>
 *   <li>{@code curves-<dataset>.png}: each method's learning curve averaged over seeds, with a +- std band;</li>
 *   <li>{@value #BARS_PNG}: a bar chart of the table's RAT.</li>
 * </ul>
 *
 * <p>The standard deviation is the population one over seeds ({@code stddev_pop}, numpy's default {@code np.std}),
 * 0 for a single seed. A run trained without evaluation (a dataset file with no environment here) counts in the
 * seeds and the wall time but has no RAT or OMS.
 */
public final class SweepReport {

    /** The report's directory under a sweep's output. */
    public static final String DIR = "report";
    /** The Markdown table's file name. */
    public static final String TABLE_MD = "table.md";
    /** The CSV table's file name. */
    public static final String TABLE_CSV = "table.csv";
    /** The Parquet table's directory name. */
    public static final String TABLE_PARQUET = "table.parquet";
    /** The per-run CSV's file name. */
    public static final String RUNS_CSV = "runs.csv";
    /** The bar chart's file name. */
    public static final String BARS_PNG = "table.png";

    /** The columns of {@value #TABLE_CSV}. */
    static final List<String> TABLE_COLUMNS = List.of("dataset", "method", "seeds", "rat_mean", "rat_std",
            "oms_mean", "oms_std", "wall_seconds_mean", "wall_seconds_total");

    /** The completion marker's fields the report reads. */
    static final StructType RUN_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("run", DataTypes.StringType, false),
        DataTypes.createStructField("dataset", DataTypes.StringType, false),
        DataTypes.createStructField("method", DataTypes.StringType, false),
        DataTypes.createStructField("seed", DataTypes.LongType, false),
        DataTypes.createStructField("rat", DataTypes.DoubleType, true),
        DataTypes.createStructField("oms", DataTypes.DoubleType, true),
        DataTypes.createStructField("iterations", DataTypes.LongType, true),
        DataTypes.createStructField("wall_seconds", DataTypes.DoubleType, true),
        DataTypes.createStructField("curve", DataTypes.createArrayType(new StructType(new StructField[] {
            DataTypes.createStructField("iteration", DataTypes.LongType, false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false)})), true),
    });

    private final SparkSession spark;

    /** @param spark the session the aggregation runs in */
    public SweepReport(SparkSession spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    /**
     * One row of the table.
     *
     * @param dataset the dataset
     * @param method the method
     * @param seeds runs completed (seeds)
     * @param ratMean mean RAT over seeds, NaN without evaluations
     * @param ratStd standard deviation of RAT over seeds
     * @param omsMean mean OMS over seeds
     * @param omsStd standard deviation of OMS over seeds
     * @param wallSecondsMean mean wall time of a run
     * @param wallSecondsTotal wall time of all the seeds' runs added up
     */
    public record TableRow(String dataset, String method, long seeds, double ratMean, double ratStd, double omsMean,
            double omsStd, double wallSecondsMean, double wallSecondsTotal) {}

    /**
     * Builds the report from the run directories under {@code out/runs}.
     *
     * @param out the sweep's output directory
     * @param log where the table and the files' names are printed
     * @return the report's directory
     * @throws UncheckedIOException if the report cannot be written
     */
    public Path write(Path out, PrintStream log) {
        Path root = out.toAbsolutePath().normalize();
        Path dir = root.resolve(DIR);
        List<String> markers = markers(root);
        try {
            Files.createDirectories(dir);
            if (markers.isEmpty()) {
                AtomicFile.writeString(dir.resolve(TABLE_MD), "No completed runs in " + root.resolve(RunDirectory.RUNS)
                        + ".\n");
                log.println("report: no completed runs yet in " + root.resolve(RunDirectory.RUNS));
                return dir;
            }
            Dataset<Row> runs = spark.read().schema(RUN_SCHEMA).json(markers.toArray(String[]::new));
            runs.createOrReplaceTempView("edp4j_runs");
            Dataset<Row> table = spark.sql("SELECT dataset, method, COUNT(*) AS seeds,"
                    + " AVG(rat) AS rat_mean, STDDEV_POP(rat) AS rat_std, AVG(oms) AS oms_mean,"
                    + " STDDEV_POP(oms) AS oms_std, AVG(wall_seconds) AS wall_seconds_mean,"
                    + " SUM(wall_seconds) AS wall_seconds_total"
                    + " FROM edp4j_runs GROUP BY dataset, method ORDER BY dataset, method");
            List<TableRow> rows = table.collectAsList().stream().map(SweepReport::row).toList();
            writeParquet(table, dir.resolve(TABLE_PARQUET));
            AtomicFile.writeString(dir.resolve(TABLE_CSV), tableCsv(rows));
            AtomicFile.writeString(dir.resolve(TABLE_MD), markdown(rows));
            AtomicFile.writeString(dir.resolve(RUNS_CSV), runsCsv(spark.sql("SELECT run, dataset, method, seed, rat,"
                    + " oms, iterations, wall_seconds FROM edp4j_runs ORDER BY dataset, method, seed")
                    .collectAsList()));
            Dataset<Row> curves = spark.sql("SELECT dataset, method, p.iteration AS iteration, AVG(p.score) AS mean,"
                    + " STDDEV_POP(p.score) AS std, COUNT(*) AS n FROM edp4j_runs LATERAL VIEW explode(curve) c AS p"
                    + " GROUP BY dataset, method, p.iteration ORDER BY dataset, method, iteration");
            List<Path> pngs = plots(rows, curves.collectAsList(), dir);
            log.println();
            log.print(markdown(rows));
            log.println();
            log.printf("report: %s (%s, %s, %s, %s and %d PNG files)%n", dir, TABLE_MD, TABLE_CSV, TABLE_PARQUET,
                    RUNS_CSV, pngs.size());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep report in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the completion markers under {@code root/runs}, as paths Spark reads */
    private static List<String> markers(Path root) {
        Path runs = root.resolve(RunDirectory.RUNS);
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.map(d -> d.resolve(RunDirectory.COMPLETED)).filter(Files::isRegularFile).sorted()
                    .map(p -> p.toUri().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
        }
    }

    private static TableRow row(Row r) {
        return new TableRow(r.getString(0), r.getString(1), r.getLong(2), num(r, 3), num(r, 4), num(r, 5), num(r, 6),
                num(r, 7), num(r, 8));
    }

    private static double num(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    /** Writes the table with Spark into a temporary directory, then moves it over the old one. */
    private static void writeParquet(Dataset<Row> table, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        deleteTree(tmp);
        table.coalesce(1).write().mode(SaveMode.Overwrite).parquet(tmp.toUri().toString());
        Path old = target.resolveSibling(target.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * @param rows the table
     * @return it as Markdown: one row per dataset, per method a group of RAT, OMS, seeds and wall time
     */
    static String markdown(List<TableRow> rows) {
        List<String> methods = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(TableRow::method).sorted().toList()));
        Map<String, Map<String, TableRow>> byDataset = new LinkedHashMap<>();
        for (TableRow r : rows) {
            byDataset.computeIfAbsent(r.dataset(), k -> new LinkedHashMap<>()).put(r.method(), r);
        }
        StringBuilder md = new StringBuilder("| dataset |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String m : methods) {
            md.append(' ').append(m).append(" RAT | ").append(m).append(" OMS | seeds | wall time |");
            rule.append("---:|---:|---:|---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (Map.Entry<String, Map<String, TableRow>> d : byDataset.entrySet()) {
            md.append("| ").append(d.getKey()).append(" |");
            for (String m : methods) {
                TableRow r = d.getValue().get(m);
                if (r == null) {
                    md.append(" - | - | 0 | - |");
                } else {
                    md.append(' ').append(pm(r.ratMean(), r.ratStd())).append(" | ").append(pm(r.omsMean(), r.omsStd()))
                            .append(" | ").append(r.seeds()).append(" | ")
                            .append(ProgressPrinter.duration(r.wallSecondsMean())).append(" |");
                }
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String pm(double mean, double std) {
        if (Double.isNaN(mean)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f ± %.1f", mean, Double.isNaN(std) ? 0.0 : std);
    }

    private static String tableCsv(List<TableRow> rows) {
        StringBuilder csv = new StringBuilder(Csv.formatRow(TABLE_COLUMNS)).append('\n');
        for (TableRow r : rows) {
            csv.append(Csv.formatRow(List.of(r.dataset(), r.method(), Long.toString(r.seeds()), fmt(r.ratMean()),
                    fmt(r.ratStd()), fmt(r.omsMean()), fmt(r.omsStd()), fmt(r.wallSecondsMean()),
                    fmt(r.wallSecondsTotal())))).append('\n');
        }
        return csv.toString();
    }

    private static String runsCsv(List<Row> runs) {
        StringBuilder csv = new StringBuilder(Csv.formatRow(List.of("run", "dataset", "method", "seed", "rat", "oms",
                "iterations", "wall_seconds"))).append('\n');
        for (Row r : runs) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                Object v = r.get(i);
                cells.add(v == null ? "" : v instanceof Double d ? fmt(d) : v.toString());
            }
            csv.append(Csv.formatRow(cells)).append('\n');
        }
        return csv.toString();
    }

    /** Full precision, so that the CSV gives back the values Spark computed. */
    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static List<Path> plots(List<TableRow> rows, List<Row> curvePoints, Path dir) {
        List<Path> out = new ArrayList<>();
        Map<String, Map<String, List<Row>>> byDataset = new LinkedHashMap<>();
        for (Row p : curvePoints) {
            byDataset.computeIfAbsent(p.getString(0), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.getString(1), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, Map<String, List<Row>>> d : byDataset.entrySet()) {
            List<SweepPlots.MeanCurve> curves = new ArrayList<>();
            long maxSeeds = 0;
            for (Map.Entry<String, List<Row>> m : d.getValue().entrySet()) {
                List<Row> pts = m.getValue();
                long[] it = new long[pts.size()];
                double[] mean = new double[pts.size()];
                double[] std = new double[pts.size()];
                for (int i = 0; i < it.length; i++) {
                    it[i] = pts.get(i).getLong(2);
                    mean[i] = pts.get(i).getDouble(3);
                    std[i] = num(pts.get(i), 4);
                    maxSeeds = Math.max(maxSeeds, pts.get(i).getLong(5));
                }
                curves.add(new SweepPlots.MeanCurve(m.getKey(), it, mean, std));
            }
            String safe = d.getKey().replaceAll("[^A-Za-z0-9._-]+", "-");
            out.add(SweepPlots.writeCurves(d.getKey(), "normalized score", curves, "mean +- std over up to "
                    + maxSeeds + " seeds", dir.resolve("curves-" + safe + ".png")));
        }
        List<String> datasets = rows.stream().map(TableRow::dataset).distinct().toList();
        List<String> methods = rows.stream().map(TableRow::method).distinct().sorted().toList();
        double[][] mean = new double[methods.size()][datasets.size()];
        double[][] std = new double[methods.size()][datasets.size()];
        boolean any = false;
        for (double[] m : mean) {
            java.util.Arrays.fill(m, Double.NaN);
        }
        for (TableRow r : rows) {
            int m = methods.indexOf(r.method());
            int d = datasets.indexOf(r.dataset());
            mean[m][d] = r.ratMean();
            std[m][d] = r.ratStd();
            any |= Double.isFinite(r.ratMean());
        }
        if (any) {
            out.add(SweepPlots.writeBars("RAT per dataset and method", "RAT (mean +- std over seeds)", datasets,
                    methods, mean, std, dir.resolve(BARS_PNG)));
        }
        return out;
    }
}
