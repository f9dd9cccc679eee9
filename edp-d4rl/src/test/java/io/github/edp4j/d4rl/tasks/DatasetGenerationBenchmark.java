package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import java.util.Locale;

/**
 * Benchmark main (not a test): generates every built-in dataset twice (a cold and a warm run), and prints one JSON
 * object per dataset with its size, both generation times in seconds and the normalized score of its mean episode
 * return. Run with the test class path:
 * {@code java -cp <test classpath> io.github.edp4j.d4rl.tasks.DatasetGenerationBenchmark}.
 */
public final class DatasetGenerationBenchmark {

    private DatasetGenerationBenchmark() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        for (String name : BuiltinTasks.datasetNames()) {
            long t0 = System.nanoTime();
            OfflineDataset ds = BuiltinTasks.generate(name);
            long t1 = System.nanoTime();
            BuiltinTasks.generate(name);
            long t2 = System.nanoTime();
            double meanReturn = meanEpisodeReturn(ds);
            System.out.printf(Locale.ROOT,
                    "{\"dataset\": \"%s\", \"transitions\": %d, \"cold_s\": %.3f, \"warm_s\": %.3f,"
                            + " \"mean_return\": %.3f, \"normalized\": %.1f}%n",
                    name, ds.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, meanReturn,
                    BuiltinTasks.normalizedScore(name, meanReturn));
        }
    }

    static double meanEpisodeReturn(OfflineDataset ds) {
        double total = 0;
        int episodes = 0;
        for (int i = 0; i < ds.size(); i++) {
            total += ds.reward(i);
            if (ds.episodeEnd(i)) {
                episodes++;
            }
        }
        return total / episodes;
    }
}
