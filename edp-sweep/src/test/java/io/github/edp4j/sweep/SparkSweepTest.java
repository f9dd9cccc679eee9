package io.github.edp4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.core.io.Csv;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of sweeps on Spark (issue 15): 2 built-in datasets x 2 methods x 2 seeds with tiny networks
 * on {@code local[2]}, plus a dataset file that cannot be read, whose runs fail while the others complete. Every run's
 * RAT equals the same run trained alone with {@link EdpTrainer}, the table's means and standard deviations equal
 * those computed here from those lone runs, and a second invocation trains nothing that completed.
 */
class SparkSweepTest {

    private static final List<String> DATASETS = List.of("bandit-mixed", "pendulum-medium");
    private static final int ITERATIONS = 60;
    private static final int EVAL_EVERY = 20;
    private static final int EPISODES = 2;

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.local(2, 1);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static SweepSpec spec(Path broken) {
        return SweepSpec.builder().name("acceptance")
                .datasets(DATASETS.get(0), DATASETS.get(1), broken.toString())
                .algorithms(Algorithm.IQL).policies(PolicyClass.DIFFUSION, PolicyClass.GAUSSIAN).seeds(1, 2)
                .grid("hidden", List.of(16, 16)).grid("steps", 10).grid("batchSize", 32)
                .grid("iterations", ITERATIONS).grid("logEvery", 20)
                .evaluation(EPISODES, EVAL_EVERY).build();
    }

    /** The same run, trained alone here with the trainer's builder and nothing of the sweep. */
    private static double aloneRat(String dataset, PolicyClass policy, long seed) {
        EvaluationTarget t = EvaluationTarget.of(dataset);
        FitResult r = EdpTrainer.builder().algo(Algorithm.IQL).policy(policy).hidden(16, 16).steps(10).batchSize(32)
                .iterations(ITERATIONS).logEvery(20).seed(seed).threads(1).progress(false)
                .evaluation(t.environments(), EPISODES, EVAL_EVERY, t.normalizer())
                .build().fit(BuiltinTasks.dataset(dataset));
        r.policy().close();
        return r.rat();
    }

    @Test
    @Timeout(600)
    void sweepOnLocalSparkMatchesLoneRunsAndResumes(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken-data.hdf5");
        Files.writeString(broken, "this is not an HDF5 file");
        Path out = dir.resolve("sweep");
        SweepSpec spec = spec(broken);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SparkSweep sweep = new SparkSweep(spark, new PrintStream(log, true, StandardCharsets.UTF_8), 0.5);

        SparkSweep.Result first = assertTimeout(Duration.ofMinutes(2), () -> sweep.run(spec, out));
        String printed = log.toString(StandardCharsets.UTF_8);

        // 12 runs: the 8 on built-in data complete, the 4 on the broken file fail with their error recorded
        assertEquals(12, first.total());
        assertEquals(0, first.skipped());
        assertEquals(8, first.completed());
        assertEquals(4, first.failures().size(), first.failures().toString());
        for (SweepRun r : spec.runs()) {
            Path runDir = RunDirectory.of(out, r.id());
            boolean bad = r.dataset().equals(broken.toString());
            assertEquals(bad ? RunDirectory.State.FAILED : RunDirectory.State.COMPLETED, RunDirectory.state(runDir),
                    r.id());
            if (bad) {
                JsonObject failure = RunDirectory.readJson(runDir.resolve(RunDirectory.FAILED)).orElseThrow();
                assertTrue(failure.get("error").getAsString().contains("broken-data.hdf5"), failure.toString());
                assertTrue(first.failures().get(r.id()).contains("broken-data.hdf5"), first.failures().toString());
                assertTrue(printed.contains("failed: " + r.id()), printed);
            } else {
                for (String f : List.of(RunExecutor.POLICY_FILE, RunExecutor.PLOT_FILE, "training.csv",
                        "evaluations.csv", RunDirectory.RUN)) {
                    assertTrue(Files.isRegularFile(runDir.resolve(f)), runDir.resolve(f) + " is missing");
                }
            }
        }
        assertTrue(printed.contains("sweep: 8/12 done, 0 running, 4 failed, 0 waiting"), printed);

        // determinism: each run's RAT is what the same run gives alone, and the table is computed from those
        Map<String, List<Double>> ratsByCell = new LinkedHashMap<>();
        for (SweepRun r : spec.runs()) {
            if (r.dataset().equals(broken.toString())) {
                continue;
            }
            JsonObject done = RunDirectory.readJson(RunDirectory.of(out, r.id()).resolve(RunDirectory.COMPLETED))
                    .orElseThrow();
            double alone = aloneRat(r.dataset(), r.policyClass(), r.seed());
            assertEquals(alone, done.get("rat").getAsDouble(), 0.0, r.id() + ": RAT in the sweep vs alone");
            ratsByCell.computeIfAbsent(r.datasetLabel() + "|" + r.method(), k -> new ArrayList<>()).add(alone);
        }
        List<List<String>> table = csv(first.report().resolve(SweepReport.TABLE_CSV));
        assertEquals(SweepReport.TABLE_COLUMNS, table.get(0));
        assertEquals(ratsByCell.size(), table.size() - 1, "one row per dataset and method");
        for (List<String> row : table.subList(1, table.size())) {
            List<Double> rats = ratsByCell.get(row.get(0) + "|" + row.get(1));
            assertEquals(rats.size(), Integer.parseInt(row.get(2)), row.toString());
            double mean = rats.stream().mapToDouble(Double::doubleValue).sum() / rats.size();
            double var = rats.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / rats.size();
            assertEquals(mean, Double.parseDouble(row.get(3)), 1e-9, "RAT mean of " + row);
            assertEquals(Math.sqrt(var), Double.parseDouble(row.get(4)), 1e-9, "RAT std of " + row);
        }
        // the Parquet table holds the same rows
        List<Row> parquet = spark.read().parquet(first.report().resolve(SweepReport.TABLE_PARQUET).toString())
                .orderBy("dataset", "method").collectAsList();
        assertEquals(table.size() - 1, parquet.size());
        for (int i = 0; i < parquet.size(); i++) {
            assertEquals(Double.parseDouble(table.get(i + 1).get(3)), parquet.get(i).getDouble(3), 1e-12);
        }
        String md = Files.readString(first.report().resolve(SweepReport.TABLE_MD));
        assertTrue(md.startsWith("| dataset | EDP-IQL RAT | EDP-IQL OMS | seeds | wall time | Gaussian IQL RAT |"), md);
        for (String d : DATASETS) {
            assertTrue(Files.size(first.report().resolve("curves-" + d + ".png")) > 0, d);
        }
        assertTrue(Files.size(first.report().resolve(SweepReport.BARS_PNG)) > 0);

        // a second invocation skips every completed run (its marker is untouched) and retries the failed ones
        Map<String, String> markers = new LinkedHashMap<>();
        for (SweepRun r : spec.runs()) {
            Path m = RunDirectory.of(out, r.id()).resolve(RunDirectory.COMPLETED);
            if (Files.exists(m)) {
                markers.put(r.id(), Files.readString(m));
            }
        }
        SparkSweep.Result second = sweep.run(spec, out);
        assertEquals(8, second.skipped());
        assertEquals(0, second.completed());
        assertEquals(first.failures().keySet(), second.failures().keySet());
        for (Map.Entry<String, String> m : markers.entrySet()) {
            assertEquals(m.getValue(), Files.readString(RunDirectory.of(out, m.getKey()).resolve(
                    RunDirectory.COMPLETED)), m.getKey() + " was trained again");
        }

        // --report DIR rebuilds the same table from the run directories
        String tableBefore = Files.readString(first.report().resolve(SweepReport.TABLE_CSV));
        Files.delete(first.report().resolve(SweepReport.TABLE_CSV));
        StringWriter cliOut = new StringWriter();
        StringWriter cliErr = new StringWriter();
        int code = SweepCli.run(new PrintWriter(cliOut), new PrintWriter(cliErr), "sweep", "--report", out.toString());
        assertEquals(0, code, cliErr.toString());
        assertEquals(tableBefore, Files.readString(first.report().resolve(SweepReport.TABLE_CSV)));
        assertTrue(cliOut.toString().contains("| bandit-mixed |"), cliOut.toString());
    }

    private static List<List<String>> csv(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            rows.add(Csv.parseRow(line));
        }
        return rows;
    }
}
