package io.github.edp4j.examples.bench;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlWriter;
import io.github.edp4j.d4rl.Datasets;
import io.github.edp4j.d4rl.LoadedDataset;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Load speed of {@link Datasets#load(java.nio.file.Path)} on a hopper-sized (observation 11, action 3) dataset of
 * 1,000,000 transitions by default, in three formats, against {@link D4rl#load} of the same transitions: a Minari
 * {@code main_data.hdf5} (episodes of 1,000 steps, written with jhdf), an OGBench-layout {@code .npz} (deflated
 * like {@code np.savez_compressed}; one extra final-state row per 1,000-step trajectory) and a D4RL file written by
 * {@link D4rlWriter}. Not a unit test. {@link #measure} returns the figures for the benchmark suite.
 *
 * <pre>
 * java -cp edp-examples/target/edp4j-cli.jar io.github.edp4j.examples.bench.DatasetFormatsLoadBenchmark [rows] [rounds]
 * </pre>
 */
public final class DatasetFormatsLoadBenchmark {

    private static final int OBS = 11;
    private static final int ACT = 3;
    private static final int EPISODE = 1000;

    private DatasetFormatsLoadBenchmark() {}

    /**
     * @param args {@code [rows [rounds]]}
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (Figure f : measure(rows, rounds, 7)) {
            System.out.printf(Locale.ROOT, "%-56s median %.3f s (min %.3f, max %.3f) = %.3f us/row%n", f.label(),
                    f.median(), f.min(), f.max(), f.median() / rows * 1e6);
        }
    }

    /**
     * Writes the three files to a temporary directory, loads each {@code rounds} times after one warm-up load, and
     * deletes them.
     *
     * @param rows transitions, at least 2: episodes of 1,000 steps when 1,000 divides it, else one episode
     * @param rounds timed loads per format
     * @param seed seed of the synthetic values
     * @return figures {@code formats.load.d4rl}, {@code formats.load.minari}, {@code formats.load.ogbench} (seconds)
     */
    public static List<Figure> measure(int rows, int rounds, long seed) {
        if (rows < 2) {
            throw new IllegalArgumentException("rows must be >= 2, got " + rows);
        }
        int episode = rows % EPISODE == 0 ? EPISODE : rows;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("edp4j-bench-formats");
            OfflineDataset ds = SyntheticData.dataset("hopper-medium-v2", rows, OBS, ACT, seed);
            Path d4rl = dir.resolve("hopper-medium-v2.hdf5");
            D4rlWriter.write(ds, d4rl);
            Path minari = dir.resolve("minari").resolve("data").resolve("main_data.hdf5");
            Files.createDirectories(minari.getParent());
            writeMinari(ds, minari, episode);
            Path npz = dir.resolve("hopper-navigate-v0.npz");
            writeOgBench(ds, npz, episode);
            ds = null;
            String n = String.format(Locale.ROOT, "%,d", rows);
            List<Figure> out = new ArrayList<>();
            out.add(new Figure("formats.load.d4rl", "D4RL HDF5 load, " + n + " transitions", "s",
                    time(d4rl, rounds, rows)));
            out.add(new Figure("formats.load.minari", "Minari load, " + n + " transitions", "s",
                    time(minari, rounds, rows)));
            out.add(new Figure("formats.load.ogbench", "OGBench .npz load, " + n + " transitions", "s",
                    time(npz, rounds, rows)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("dataset formats benchmark: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    System.err.println("could not delete " + dir + ": " + e.getMessage());
                }
            }
        }
    }

    private static double[] time(Path file, int rounds, int rows) {
        double[] seconds = new double[rounds];
        for (int r = -1; r < rounds; r++) { // round -1 is the warm-up
            System.gc();
            long t = System.nanoTime();
            LoadedDataset d = Datasets.load(file);
            double sec = (System.nanoTime() - t) / 1e9;
            if (d.dataset().size() != rows) {
                throw new IllegalStateException(file + " loaded " + d.dataset().size() + " transitions, expected "
                        + rows);
            }
            if (r >= 0) {
                seconds[r] = sec;
            }
        }
        return seconds;
    }

    /** Minari's layout: episode groups of 1,000 steps, observations with the final one, flags as int8. */
    private static void writeMinari(OfflineDataset ds, Path file, int episodeSteps) {
        float[] o = ds.observations();
        float[] nx = ds.nextObservations();
        float[] a = ds.actions();
        float[] r = ds.rewards();
        int episodes = ds.size() / episodeSteps;
        try (WritableHdfFile out = HdfFile.write(file)) {
            for (int e = 0; e < episodes; e++) {
                WritableGroup g = out.putGroup("episode_" + e);
                float[][] obs = new float[episodeSteps + 1][OBS];
                float[][] act = new float[episodeSteps][ACT];
                float[] rew = new float[episodeSteps];
                byte[] term = new byte[episodeSteps];
                byte[] trunc = new byte[episodeSteps];
                for (int t = 0; t < episodeSteps; t++) {
                    int row = e * episodeSteps + t;
                    System.arraycopy(o, row * OBS, obs[t], 0, OBS);
                    System.arraycopy(a, row * ACT, act[t], 0, ACT);
                    rew[t] = r[row];
                }
                System.arraycopy(nx, ((e + 1) * episodeSteps - 1) * OBS, obs[episodeSteps], 0, OBS);
                trunc[episodeSteps - 1] = 1;
                g.putDataset("observations", obs);
                g.putDataset("actions", act);
                g.putDataset("rewards", rew);
                g.putDataset("terminations", term);
                g.putDataset("truncations", trunc);
            }
        }
    }

    /** OGBench's layout, deflated: each 1,000-step trajectory followed by its final state (terminals 1). */
    private static void writeOgBench(OfflineDataset ds, Path file, int episodeSteps) throws IOException {
        int episodes = ds.size() / episodeSteps;
        int n = ds.size() + episodes;
        float[] o = ds.observations();
        float[] nx = ds.nextObservations();
        float[] a = ds.actions();
        float[] r = ds.rewards();
        float[] obs = new float[n * OBS];
        float[] act = new float[n * ACT];
        float[] rew = new float[n];
        float[] masks = new float[n];
        float[] term = new float[n];
        int row = 0;
        for (int e = 0; e < episodes; e++) {
            int from = e * episodeSteps;
            System.arraycopy(o, from * OBS, obs, row * OBS, episodeSteps * OBS);
            System.arraycopy(a, from * ACT, act, row * ACT, episodeSteps * ACT);
            System.arraycopy(r, from, rew, row, episodeSteps);
            java.util.Arrays.fill(masks, row, row + episodeSteps, 1f);
            row += episodeSteps;
            System.arraycopy(nx, (from + episodeSteps - 1) * OBS, obs, row * OBS, OBS);
            term[row] = 1;
            row++;
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            z.setLevel(Deflater.DEFAULT_COMPRESSION);
            npy(z, "observations", obs, n, OBS);
            npy(z, "actions", act, n, ACT);
            npy(z, "terminals", term, n, 0);
            npy(z, "rewards", rew, n, 0);
            npy(z, "masks", masks, n, 0);
        }
    }

    private static void npy(ZipOutputStream z, String name, float[] values, int rows, int cols) throws IOException {
        z.putNextEntry(new ZipEntry(name + ".npy"));
        String shape = cols == 0 ? "(" + rows + ",)" : "(" + rows + ", " + cols + ")";
        StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        OutputStream out = z;
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (h.length() & 0xff),
            (byte) (h.length() >> 8)});
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        out.write(b.array());
        z.closeEntry();
    }
}
