package io.github.edp4j.sweep;

import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.examples.cli.Edp4jCli;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a {@link SweepSpec} on Apache Spark: one Spark task per run ({@link RunExecutor}), each writing its own run
 * directory under the output, then the report ({@link SweepReport}). Runs whose directory holds a completion
 * marker are skipped, the others (never started, interrupted or failed) start again; a failing run is recorded and
 * the others go on. The driver prints a progress line (done / running / failed / waiting and an ETA) every
 * {@code progressSeconds} while something changes, and at least once a minute.
 *
 * <p>In {@code local[N]} the tasks are threads of this JVM: libtorch's random generator is shared by them, which
 * the trainer's seeded scopes make harmless (each run gives what it gives alone), and the job runs inside
 * {@link TorchRuntime#withThreads} with the per-run thread count, so that no run changes another's. On a cluster the
 * output must be a file system every executor and the driver share (NFS and the like), with Spark's speculative
 * execution off (its default), since two attempts of one run would share a directory.
 */
public final class SparkSweep {

    private final SparkSession spark;
    private final PrintStream log;
    private final double progressSeconds;

    /**
     * @param spark the session (local or a cluster's)
     * @param log where progress and the summary go
     * @param progressSeconds seconds between progress lines, more than 0
     */
    public SparkSweep(SparkSession spark, PrintStream log, double progressSeconds) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.log = Objects.requireNonNull(log, "log");
        if (!(progressSeconds > 0)) {
            throw new IllegalArgumentException("progressSeconds = " + progressSeconds + " is invalid: allowed > 0");
        }
        this.progressSeconds = progressSeconds;
    }

    /**
     * What a sweep invocation did.
     *
     * @param total runs in the sweep
     * @param skipped runs complete before this invocation
     * @param completed runs completed in this invocation
     * @param failures the runs that failed, by id, with their errors
     * @param report the report's directory
     */
    public record Result(int total, int skipped, int completed, Map<String, String> failures, Path report) {
        /** Copies the failures. */
        public Result {
            failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        }
    }

    /**
     * Runs every run of the spec not complete in {@code out}, then writes the report.
     *
     * @param spec the sweep
     * @param out the output directory (created if missing); runs go to {@code out/runs/<id>/}, the report to
     *     {@code out/report/}
     * @return what happened
     * @throws UncheckedIOException if the output cannot be written
     * @throws RuntimeException Spark's, if it aborts the job (a run's {@link Error} after Spark's task retries);
     *     the runs that completed keep their markers
     */
    public Result run(SweepSpec spec, Path out) {
        Path root = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root.resolve(RunDirectory.RUNS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sweep output " + root + ": " + e.getMessage(), e);
        }
        List<SweepRun> runs = spec.runs();
        List<SweepRun> pending = new ArrayList<>();
        for (SweepRun r : runs) {
            if (RunDirectory.state(RunDirectory.of(root, r.id())) != RunDirectory.State.COMPLETED) {
                pending.add(r);
            }
        }
        int skipped = runs.size() - pending.size();
        // a failed or interrupted run starts again from an empty directory (its task empties it too)
        pending.forEach(r -> RunDirectory.reset(RunDirectory.of(root, r.id())));
        log.printf("sweep %s: %d runs (%d datasets x %d algorithms x %d policy classes x %d grid combinations x %d"
                + " seeds), %d complete already, %d to run on %s%n", spec.name(), runs.size(), spec.datasets().size(),
                spec.algorithms().size(), spec.policies().size(), runs.size() / Math.max(1, spec.datasets().size()
                        * spec.algorithms().size() * spec.policies().size() * spec.seeds().size()),
                spec.seeds().size(), skipped, pending.size(), spark.sparkContext().master());
        log.printf("output: %s%n", root);
        Map<String, String> failures = new LinkedHashMap<>();
        int completed = 0;
        if (!pending.isEmpty()) {
            if (spark.sparkContext().isLocal()) {
                // generated once here rather than by concurrent tasks
                spec.datasets().stream().filter(BuiltinTasks.datasetNames()::contains).forEach(BuiltinTasks::dataset);
            }
            List<RunExecutor.Outcome> outcomes = execute(spec, pending, root, skipped, runs.size());
            for (RunExecutor.Outcome o : outcomes) {
                if (o.state() == RunDirectory.State.FAILED) {
                    failures.put(o.runId(), o.error());
                } else {
                    completed++;
                }
            }
        }
        for (Map.Entry<String, String> f : failures.entrySet()) {
            log.printf("failed: %s: %s (see %s)%n", f.getKey(), f.getValue(),
                    RunDirectory.of(root, f.getKey()).resolve(RunDirectory.FAILED));
        }
        Path report = new SweepReport(spark).write(root, log);
        return new Result(runs.size(), skipped, completed, failures, report);
    }

    private List<RunExecutor.Outcome> execute(SweepSpec spec, List<SweepRun> pending, Path root, int skipped,
            int total) {
        AtomicInteger running = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart taskStart) {
                running.incrementAndGet();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                running.decrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(listener);
        long t0 = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edp4j-sweep-progress");
            t.setDaemon(true);
            return t;
        });
        String[] last = {""};
        long[] lastPrinted = {t0};
        Runnable print = () -> {
            SweepProgress p = progress(pending, root, skipped, total, Math.max(0, running.get()), t0);
            String state = p.done() + "/" + p.failed() + "/" + p.running();
            long now = System.nanoTime();
            if (!state.equals(last[0]) || now - lastPrinted[0] >= 60_000_000_000L) {
                last[0] = state;
                lastPrinted[0] = now;
                log.println(p.line());
            }
        };
        long period = Math.max(1, Math.round(progressSeconds * 1000));
        ticker.scheduleAtFixedRate(print, period, period, TimeUnit.MILLISECONDS);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Function<SweepRun, RunExecutor.Outcome> task = new ExecuteRun(root.toString());
            // local: the whole job at the runs' thread count, so that no run's setting outlives it in another
            return TorchRuntime.withThreads(spark.sparkContext().isLocal() ? spec.threadsPerRun() : 0,
                    () -> jsc.parallelize(pending, pending.size()).map(task).collect());
        } finally {
            ticker.shutdownNow();
            spark.sparkContext().removeSparkListener(listener);
            log.println(progress(pending, root, skipped, total, 0, t0).line());
        }
    }

    private static SweepProgress progress(List<SweepRun> pending, Path root, int skipped, int total, int running,
            long t0) {
        int done = 0;
        int failed = 0;
        for (SweepRun r : pending) {
            switch (RunDirectory.state(RunDirectory.of(root, r.id()))) {
                case COMPLETED -> done++;
                case FAILED -> failed++;
                case PENDING -> {
                }
            }
        }
        return new SweepProgress(total, skipped, done, failed, running, (System.nanoTime() - t0) / 1e9);
    }

    /** The Spark task: trains one run on an executor (or a thread of the local driver). */
    private static final class ExecuteRun implements Function<SweepRun, RunExecutor.Outcome> {
        private static final long serialVersionUID = 1L;
        private final String out;

        ExecuteRun(String out) {
            this.out = out;
        }

        @Override
        public RunExecutor.Outcome call(SweepRun run) {
            Edp4jCli.preferOfflineDjl();
            return RunExecutor.execute(run, Path.of(out));
        }
    }
}
