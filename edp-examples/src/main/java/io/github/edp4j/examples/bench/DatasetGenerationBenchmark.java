package io.github.edp4j.examples.bench;

import io.github.edp4j.d4rl.tasks.BuiltinTasks;

import io.github.edp4j.core.data.OfflineDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark main (not a test): for every built-in dataset prints one JSON object with its size, the time to
 * generate it in a cold and in a warm JVM state, the time of a first {@link BuiltinTasks#dataset(String, Path)}
 * (generate and write the D4RL-layout cache file) and of a second one (read the cache file), the cache file's size
 * and the normalized score of the dataset's mean episode return. Run with the test class path:
 * {@code java -cp edp-examples/target/edp4j-cli.jar io.github.edp4j.examples.bench.DatasetGenerationBenchmark}.
 */
public final class DatasetGenerationBenchmark {

    private DatasetGenerationBenchmark() {
    }

    /**
     * @param args unused
     * @throws IOException if the temporary cache directory cannot be made or removed
     */
    public static void main(String[] args) throws IOException {
        Path cache = Files.createTempDirectory("edp4j-bench-cache");
        try {
            for (String name : BuiltinTasks.datasetNames()) {
                long t0 = System.nanoTime();
                OfflineDataset ds = BuiltinTasks.generate(name);
                long t1 = System.nanoTime();
                BuiltinTasks.generate(name);
                long t2 = System.nanoTime();
                BuiltinTasks.dataset(name, cache);
                long t3 = System.nanoTime();
                BuiltinTasks.dataset(name, cache);
                long t4 = System.nanoTime();
                long bytes = cachedBytes(cache, name);
                double meanReturn = ds.meanEpisodeReturn();
                System.out.printf(Locale.ROOT,
                        "{\"dataset\": \"%s\", \"transitions\": %d, \"generate_cold_s\": %.3f, \"generate_warm_s\": %.3f,"
                                + " \"cache_write_s\": %.3f, \"cache_read_s\": %.3f, \"file_mb\": %.2f,"
                                + " \"mean_return\": %.3f, \"normalized\": %.1f}%n",
                        name, ds.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                        bytes / 1e6, meanReturn, BuiltinTasks.normalizedScore(name, meanReturn));
            }
        } finally {
            try (Stream<Path> s = Files.walk(cache)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * @param ds a dataset
     * @return its total reward divided by its number of episodes
     */
    /** Size of the dataset's cache file(s), found by name in the cache directory. */
    private static long cachedBytes(Path cache, String name) throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(cache)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith(name + "-") && n.endsWith(".hdf5")) {
                    total += Files.size(f);
                }
            }
        }
        return total;
    }
}
