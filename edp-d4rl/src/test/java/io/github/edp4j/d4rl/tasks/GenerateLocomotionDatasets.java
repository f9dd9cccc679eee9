package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.EpisodeStatistics;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Generates the built-in locomotion datasets into a directory and prints, for each, its episodes and the D4RL
 * normalized score of their mean return (the README's dataset table); the cache logs each generation's time. Run with
 * the test class path: {@code java -cp <test classpath> io.github.edp4j.d4rl.tasks.GenerateLocomotionDatasets DIR}.
 */
public final class GenerateLocomotionDatasets {

    private GenerateLocomotionDatasets() {
    }

    /** @param args the cache directory, then optionally dataset names (default: all locomotion datasets) */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        java.util.List<String> names = args.length > 1 ? java.util.List.of(args).subList(1, args.length)
                : BuiltinTasks.datasetNames().stream().filter(n -> TaskCatalog.task(TaskCatalog.dataset(n).task())
                        .mujoco()).toList();
        for (String name : names) {
            OfflineDataset ds = BuiltinTasks.dataset(name, dir);
            EpisodeStatistics ep = EpisodeStatistics.of(ds);
            System.out.printf(Locale.ROOT, "%-26s %7d rows %5d episodes  mean return %8.1f  normalized %6.1f%n", name,
                    ds.size(), ep.episodes(), ep.meanReturn(), BuiltinTasks.normalizedScore(name, ep.meanReturn()));
        }
    }
}
