package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.Datasets;
import io.github.edp4j.d4rl.LoadedDataset;
import io.github.edp4j.examples.DatasetsDirectory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dataset} with the formats beyond D4RL (fixtures copied from edp-d4rl's make_dataset_fixtures.py):
 * {@code info} says what it read and how, {@code convert} writes D4RL-layout HDF5 that reads back to the same
 * transitions, and {@code train} runs on a Minari and an OGBench file.
 */
class DatasetFormatsCliTest {

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

    static Path resource(String name) {
        try {
            return Path.of(DatasetFormatsCliTest.class.getResource("/datasets/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void infoOnAMinariDirectoryShowsFormatInterpretationAndMinariScores() {
        Path minari = resource("minari/test/pointmass/simple-v0");
        CliRun run = CliRun.of("info", "--dataset", minari.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Map<String, String> f = run.fields();
        assertEquals("test/pointmass/simple-v0", f.get("dataset"));
        assertEquals("Minari", f.get("format"));
        assertEquals("18", f.get("transitions"));
        assertEquals("4", f.get("episodes"));
        assertTrue(run.out().contains("Minari 0.5+ layout: metadata from data/metadata.json"), run::toString);
        assertTrue(f.get("metadata").startsWith("dataset_id=test/pointmass/simple-v0; total_episodes=4;"
                + " total_steps=18; data_format=hdf5;"), f.get("metadata"));
        assertTrue(f.get("metadata").contains("(also observation_space, action_space, env_spec)"), f.get("metadata"));
        assertTrue(f.get("normalized score").contains("Minari ref_min_score/ref_max_score: -12.500 scores 0,"
                + " 40.250 scores 100"), f.get("normalized score"));
    }

    @Test
    void infoOnCsvWithColumnsAndGivenReferences() {
        Path csv = resource("csv/log.csv");
        CliRun run = CliRun.of("info", "--dataset", csv.toString(), "--columns", "obs=obs_x,obs_y;act=act_u",
                "--ref-min", "-2", "--ref-max", "2", "--name", "my-log");
        assertEquals(0, run.exitCode(), run::toString);
        Map<String, String> f = run.fields();
        assertEquals("my-log", f.get("dataset"));
        assertEquals("CSV", f.get("format"));
        assertEquals("8", f.get("transitions"));
        assertTrue(f.get("normalized score").contains("given: -2.000 scores 0, 2.000 scores 100"),
                f.get("normalized score"));
        CliRun half = CliRun.of("info", "--dataset", csv.toString(), "--ref-min", "-2");
        assertEquals(2, half.exitCode(), half::toString);
        assertTrue(half.err().contains("give --ref-min and --ref-max together"), half::toString);
        CliRun badColumns = CliRun.of("info", "--dataset", csv.toString(), "--columns", "obs=nope");
        assertEquals(1, badColumns.exitCode(), badColumns::toString);
        assertTrue(badColumns.err().contains("no column 'nope' (for obs; columns present: episode, obs_x"),
                badColumns::toString);
    }

    @Test
    void convertWritesD4rlLayoutThatReadsBackToTheSameTransitions() throws Exception {
        Path npz = resource("ogbench/pointmass-singletask-v0.npz");
        Path out = dir.resolve("converted.hdf5");
        CliRun run = CliRun.of("convert", "--dataset", npz.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("as OGBench .npz: 14 transitions"), run::toString);
        LoadedDataset original = Datasets.load(npz);
        assertEquals(original.dataset().contentHash(), D4rl.load(out).dataset().contentHash());
        CliRun again = CliRun.of("convert", "--dataset", npz.toString(), "--out", out.toString());
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("already exists; pass --force"), again::toString);
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void trainRunsOnMinariAndOgbenchFiles() {
        for (String input : new String[] {"minari/test/pointmass/simple-v0", "ogbench/pointmass-singletask-v0.npz"}) {
            Path out = dir.resolve(input.replace('/', '_'));
            CliRun r = CliRun.of("train", "--dataset", resource(input).toString(), "--algo", "td3", "--iterations",
                    "6", "--hidden", "8", "--batch-size", "8", "--out", out.toString());
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(Files.isRegularFile(out.resolve(TrainCommand.POLICY_FILE)), r::toString);
        }
    }
}
