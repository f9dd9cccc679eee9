package io.github.edp4j.examples.bench;

import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import io.github.edp4j.d4rl.D4rlWriter;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Load-speed benchmark of {@link D4rl#load(Path)} on a hopper-sized D4RL file (observations 11, actions 3),
 * 1,000,000 rows by default, gzip-chunked, without {@code next_observations} (the reader must build them).
 * Not a unit test (surefire does not run it).
 *
 * <p>The file is written by h5py ({@code /usr/bin/python3}, exactly D4RL's layout: enum booleans, h5py's
 * chunking) when available, otherwise (or with {@code -Dbench.writer=jhdf}) with jhdf (gzip chunks, int8
 * flags). Each round's load time is printed,
 * then the heap: the sum of the heap pools' peak usage during a load (an upper bound that counts garbage not
 * yet collected), and the outcome of loading the file in child JVMs whose {@code -Xmx} is a multiple of the
 * raw array bytes (the live-heap check: it passes only if the peak of live data fits). A JSON summary is the
 * last line of the output.
 *
 * <pre>
 * ./edp4j --version    # builds edp-examples/target/edp4j-cli.jar if needed
 * java -cp edp-examples/target/edp4j-cli.jar io.github.edp4j.examples.bench.D4rlLoadBenchmark [rows] [rounds]
 * </pre>
 */
public final class D4rlLoadBenchmark {

    private static final int OBS = 11;
    private static final int ACT = 3;

    private D4rlLoadBenchmark() {}

    /**
     * @param args {@code [rows [rounds]]}, or {@code --load-only FILE} (used for the child-JVM heap check)
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--load-only")) {
            D4rlDataset d = D4rl.load(Path.of(args[1]));
            System.out.println("loaded " + d.transitions());
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long rawBytes = (long) rows * (OBS + ACT + 1) * Float.BYTES + 2L * rows;
        Path dir = Files.createTempDirectory("d4rl-bench");
        Path file = dir.resolve("hopper-medium-v2.hdf5");
        try {
            long t0 = System.nanoTime();
            boolean forceJhdf = "jhdf".equals(System.getProperty("bench.writer"));
            String writer = !forceJhdf && writeWithH5py(file, rows) ? "h5py" : writeWithJhdf(file, rows);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "file: %s, %d rows, %.1f MB on disk, written by %s in %.1f s%n", file, rows,
                    Files.size(file) / 1e6, writer, writeSeconds);
            System.out.printf(Locale.ROOT, "raw arrays (obs + actions + rewards + flags): %.1f MB%n", rawBytes / 1e6);

            List<Double> seconds = new ArrayList<>();
            long peakPools = 0;
            int transitions = 0;
            for (int r = 0; r < rounds; r++) {
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                D4rlDataset d = D4rl.load(file);
                double s = (System.nanoTime() - start) / 1e9;
                long peak = heapPoolPeaks();
                transitions = d.transitions();
                seconds.add(s);
                peakPools = Math.max(peakPools, peak);
                System.out.printf(Locale.ROOT, "round %d: %.3f s, %d transitions, heap pool peaks %.1f MB (%.2fx raw)%n",
                        r + 1, s, transitions, peak / 1e6, (double) peak / rawBytes);
                d = null;
            }
            double best = seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double mean = seconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();

            Map<String, Object> xmx = new LinkedHashMap<>();
            double smallestPassing = Double.NaN;
            for (double factor : new double[] {3.0, 2.75, 2.5, 2.25, 2.0}) {
                long mb = (long) Math.floor(rawBytes * factor / (1 << 20));
                boolean ok = loadsWithin(file, mb);
                System.out.printf(Locale.ROOT, "child JVM -Xmx%dm (%.2fx raw): %s%n", mb, factor, ok ? "loads" : "fails");
                xmx.put(String.format(Locale.ROOT, "%.2f", factor), ok);
                if (ok) {
                    smallestPassing = factor;
                } else {
                    break;
                }
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", "d4rl-load");
            report.put("rows", rows);
            report.put("transitions", transitions);
            report.put("writer", writer);
            report.put("fileMB", round(Files.size(file) / 1e6, 1));
            report.put("rawMB", round(rawBytes / 1e6, 1));
            report.put("roundsSeconds", seconds);
            report.put("bestSeconds", round(best, 3));
            report.put("meanSeconds", round(mean, 3));
            report.put("heapPoolPeaksMB", round(peakPools / 1e6, 1));
            report.put("heapPoolPeaksOverRaw", round((double) peakPools / rawBytes, 2));
            report.put("loadsWithXmxOverRaw", xmx);
            report.put("smallestPassingXmxOverRaw", smallestPassing);
            report.put("cpus", Runtime.getRuntime().availableProcessors());
            report.put("java", System.getProperty("java.version"));
            System.out.print(Json.write(report));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long heapPoolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static boolean loadsWithin(Path file, long xmxMb) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + xmxMb + "m", "-cp", System.getProperty("java.class.path"),
                D4rlLoadBenchmark.class.getName(), "--load-only", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0 && out.contains("loaded ");
    }

    /** h5py's D4RL layout: gzip with h5py's default chunks, numpy booleans as HDF5 enums. */
    private static boolean writeWithH5py(Path file, int rows) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            return false;
        }
        String script = String.join("\n",
                "import sys, h5py, numpy as np",
                "n = int(sys.argv[2]); rng = np.random.default_rng(0)",
                "t = np.zeros(n, bool); t[rng.choice(n, n // 3000, replace=False)] = True",
                "o = np.zeros(n, bool); o[999::1000] = True",
                "with h5py.File(sys.argv[1], 'w') as f:",
                "    gz = dict(compression='gzip')",
                "    f.create_dataset('observations', data=rng.standard_normal((n, 11), dtype=np.float32), **gz)",
                "    f.create_dataset('actions', data=np.tanh(rng.standard_normal((n, 3), dtype=np.float32)), **gz)",
                "    f.create_dataset('rewards', data=rng.uniform(0, 4, n).astype(np.float32), compression='gzip')",
                "    f.create_dataset('terminals', data=t, compression='gzip')",
                "    f.create_dataset('timeouts', data=o, compression='gzip')",
                "");
        Process p = new ProcessBuilder(python.toString(), "-c", script, file.toString(), Integer.toString(rows))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(file);
        if (!ok) {
            System.out.println("h5py not usable, writing with jhdf instead: " + out.trim());
        }
        return ok;
    }

    /** jhdf fallback: same layout with gzip chunks, flags as int8. */
    private static String writeWithJhdf(Path file, int rows) {
        SplittableRandom rnd = new SplittableRandom(0);
        float[][] obs = new float[rows][OBS];
        float[][] act = new float[rows][ACT];
        float[] rew = new float[rows];
        byte[] term = new byte[rows];
        byte[] tout = new byte[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < OBS; j++) {
                obs[i][j] = (float) rnd.nextGaussian();
            }
            for (int j = 0; j < ACT; j++) {
                act[i][j] = (float) Math.tanh(rnd.nextGaussian());
            }
            rew[i] = (float) rnd.nextDouble(0, 4);
            term[i] = (byte) (rnd.nextInt(3000) == 0 ? 1 : 0);
            tout[i] = (byte) (i % 1000 == 999 ? 1 : 0);
        }
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("observations", obs, gzip(rows, OBS));
            out.putDataset("actions", act, gzip(rows, ACT));
            out.putDataset("rewards", rew, gzip(rows, 0));
            out.putDataset("terminals", term, gzip(rows, 0));
            out.putDataset("timeouts", tout, gzip(rows, 0));
        }
        return "jhdf";
    }

    private static DatasetCreationOptions gzip(int rows, int cols) {
        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().deflate(4);
        int chunk = Math.min(rows, 16384);
        return (cols == 0 ? b.chunkDimensions(chunk) : b.chunkDimensions(chunk, cols)).build();
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
