package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rlWriter;
import io.github.edp4j.d4rl.EpisodeStatistics;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.examples.DatasetsDirectory;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

    private static final Pattern STATS = Pattern.compile("mean (\\S+)  min (\\S+)  max (\\S+)");

    @TempDir
    static Path cache;

    @RegisterExtension
    static final DatasetsDirectory DATASETS = new DatasetsDirectory();

    @TempDir
    Path dir;

    @BeforeAll
    static void useTemporaryCache() {
        DATASETS.use(cache);
    }


    @Test
    void builtinDatasetSummaryMatchesTheDataset() {
        CliRun run = CliRun.of("info", "--task", "pendulum-medium");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        OfflineDataset ds = BuiltinTasks.dataset("pendulum-medium");
        EpisodeStatistics ep = EpisodeStatistics.of(ds);
        Map<String, String> f = run.fields();

        assertEquals("pendulum-medium", f.get("dataset"));
        assertTrue(f.get("origin").contains("task pendulum") && f.get("origin").contains(cache.toString()),
                f.get("origin"));
        assertEquals(Integer.toString(ds.size()), f.get("transitions"));
        assertEquals(100_000, ds.size());
        assertFalse(f.containsKey("file rows"), "a built-in dataset has no file rows");
        assertEquals(Integer.toString(ep.episodes()), f.get("episodes"));
        assertEquals("500", f.get("episodes"));
        assertEquals(Integer.toString(ds.observationDim()), f.get("observation dim"));
        assertEquals(Integer.toString(ds.actionDim()), f.get("action dim"));
        assertEquals(Integer.toString(count(ds.terminals())), f.get("terminals"));
        assertEquals(Integer.toString(count(ds.timeouts())), f.get("timeouts"));
        assertStats(f.get("episode return"), ep.meanReturn(), ep.minReturn(), ep.maxReturn());
        float[] r = ds.rewards();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : r) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertStats(f.get("reward"), sum / r.length, min, max);
        assertTrue(f.get("domain").startsWith("UNKNOWN"), f.get("domain"));
        assertTrue(f.get("preprocessing (IQL)").startsWith("NONE"), f.get("preprocessing (IQL)"));
        assertTrue(f.get("preprocessing (TD3, CRR)").startsWith("NONE"), f.get("preprocessing (TD3, CRR)"));
        double score = BuiltinTasks.normalizedScore("pendulum-medium", ep.meanReturn());
        assertEquals(score, Double.parseDouble(f.get("normalized score").split(" ")[0]), 5e-4);
        assertTrue(score > 0 && score < 100, "pendulum-medium lies between random and expert: " + score);
        assertEquals(ds.contentHash(), f.get("content hash"));
    }

    @Test
    void d4rlFileSummaryUsesTheFileNameAndItsRawEpisodes() {
        Path file = dir.resolve("hopper-medium-v2.hdf5");
        OfflineDataset ds = TestDatasets.threeEpisodes("something-else");
        D4rlWriter.write(ds, file);

        CliRun run = CliRun.of("info", "--dataset", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        Map<String, String> f = run.fields();
        assertEquals("hopper-medium-v2", f.get("dataset"));
        assertEquals("LOCOMOTION", f.get("domain"));
        assertTrue(f.get("origin").contains(file.toString()), f.get("origin"));
        assertEquals("6", f.get("transitions"));
        assertTrue(f.get("file rows").startsWith("6 (next_observations stored)"), f.get("file rows"));
        assertEquals("3", f.get("episodes"));
        assertEquals("2", f.get("observation dim"));
        assertEquals("1", f.get("action dim"));
        assertEquals("1", f.get("terminals"));
        assertEquals("1", f.get("timeouts"));
        assertStats(f.get("episode return"), 30, 10, 60);
        assertStats(f.get("reward"), 15, 4, 60);
        assertEquals("NONE (rewards unchanged)", f.get("preprocessing (IQL)"));
        assertEquals("NONE (rewards unchanged)", f.get("preprocessing (TD3, CRR)"));
        // returns range 60 - 10 = 50, so RETURN_SCALE would multiply rewards by 1000 / 50 = 20
        assertTrue(f.get("optional RETURN_SCALE").endsWith("= r * 20.000"), f.get("optional RETURN_SCALE"));
        // D4RL's hopper references (random -20.272305, expert 3234.3): 100 (30 + 20.272305) / 3254.572305
        assertTrue(f.get("normalized score").startsWith("1.545 "), f.get("normalized score"));
        assertTrue(f.get("normalized score").contains("D4RL hopper"), f.get("normalized score"));
        assertEquals(ds.contentHash(), f.get("content hash"), "the file holds the same transitions");
    }

    @Test
    void explicitNameSelectsDomainPreprocessingAndReference() {
        Path file = dir.resolve("my-antmaze.hdf5");
        D4rlWriter.write(TestDatasets.threeEpisodes("my-antmaze", 29, 8), file); // antmaze's dimensions

        CliRun run = CliRun.of("info", "--dataset", file.toString(), "--name", "antmaze-umaze-v2");
        assertEquals(0, run.exitCode(), run::toString);
        Map<String, String> f = run.fields();
        assertEquals("antmaze-umaze-v2", f.get("dataset"));
        assertEquals("ANTMAZE", f.get("domain"));
        assertEquals("ANTMAZE_IQL (r - 1)", f.get("preprocessing (IQL)"));
        assertEquals("ANTMAZE ((r - 0.5) * 4)", f.get("preprocessing (TD3, CRR)"));
        assertFalse(f.containsKey("optional RETURN_SCALE"), "return scaling is a locomotion option");
        // antmaze references are 0 and 1: a mean return of 30 scores 3000
        assertTrue(f.get("normalized score").startsWith("3000.000 "), f.get("normalized score"));

        Path kitchen = dir.resolve("my-kitchen.hdf5");
        D4rlWriter.write(TestDatasets.threeEpisodes("my-kitchen", 60, 9), kitchen);
        run = CliRun.of("info", "--dataset", kitchen.toString(), "--name", "kitchen-partial-v0");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("KITCHEN", run.fields().get("domain"));
        assertTrue(run.fields().get("preprocessing (IQL)").startsWith("MIN_MAX"), run.out());
        assertTrue(run.fields().get("preprocessing (TD3, CRR)").startsWith("MIN_MAX"), run.out());
    }

    @Test
    void unknownNameHasNoDomainAndNoScore() {
        Path file = dir.resolve("my-data.hdf5");
        D4rlWriter.write(TestDatasets.threeEpisodes("my-data"), file);

        CliRun run = CliRun.of("info", "--dataset", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Map<String, String> f = run.fields();
        assertEquals("my-data", f.get("dataset"));
        assertTrue(f.get("domain").startsWith("UNKNOWN"), f.get("domain"));
        assertTrue(f.get("normalized score").startsWith("n/a"), f.get("normalized score"));
        assertStats(f.get("episode return"), 30, 10, 60);
    }

    @Test
    void exportedBuiltinFileIsScoredAgainstItsTask() {
        Path file = dir.resolve("exported.hdf5");
        OfflineDataset ds = BuiltinTasks.dataset("pendulum-medium");
        D4rlWriter.write(ds, file);

        CliRun fromFile = CliRun.of("info", "--dataset", file.toString());
        CliRun builtin = CliRun.of("info", "--task", "pendulum-medium");
        assertEquals(0, fromFile.exitCode(), fromFile::toString);
        assertEquals("pendulum-medium", fromFile.fields().get("dataset"), "the name stored in the file");
        for (String key : new String[] {"transitions", "episodes", "episode return", "reward", "normalized score",
            "content hash"}) {
            assertEquals(builtin.fields().get(key), fromFile.fields().get(key), key);
        }
    }

    @Test
    void numbersHaveThreeDecimalsOrThreeSignificantDigitsInScientificForm() {
        assertEquals("1234.568", InfoCommand.number(1234.5678));
        assertEquals("0.000", InfoCommand.number(0));
        assertEquals("-0.500", InfoCommand.number(-0.5));
        assertEquals("0.001", InfoCommand.number(1e-3));
        assertEquals("-1.234e-04", InfoCommand.number(-1.234e-4));
    }

    private static void assertStats(String line, double mean, double min, double max) {
        Matcher m = STATS.matcher(line == null ? "" : line);
        assertTrue(m.matches(), "not 'mean X  min Y  max Z': " + line);
        assertEquals(mean, Double.parseDouble(m.group(1)), Math.max(5e-4, Math.abs(mean) * 1e-3), line);
        assertEquals(min, Double.parseDouble(m.group(2)), Math.max(5e-4, Math.abs(min) * 1e-3), line);
        assertEquals(max, Double.parseDouble(m.group(3)), Math.max(5e-4, Math.abs(max) * 1e-3), line);
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean b : flags) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
