package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.examples.DatasetsDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

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
    void exportedFileLoadsBackBitForBit() {
        Path out = dir.resolve("nested/dirs/pendulum-medium.hdf5");
        CliRun run = CliRun.of("export", "--task", "pendulum-medium", "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertTrue(Files.isRegularFile(out), "missing directories are created");

        OfflineDataset expected = BuiltinTasks.dataset("pendulum-medium");
        D4rlDataset loaded = D4rl.load(out);
        OfflineDataset actual = loaded.dataset();
        assertEquals("pendulum-medium", actual.name());
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.size(), loaded.rawRows());
        assertEquals(expected.observationDim(), actual.observationDim());
        assertEquals(expected.actionDim(), actual.actionDim());
        assertArrayEquals(bits(expected.observations()), bits(actual.observations()), "observations");
        assertArrayEquals(bits(expected.actions()), bits(actual.actions()), "actions");
        assertArrayEquals(bits(expected.rewards()), bits(actual.rewards()), "rewards");
        assertArrayEquals(bits(expected.nextObservations()), bits(actual.nextObservations()), "next observations");
        assertArrayEquals(expected.terminals(), actual.terminals(), "terminals");
        assertArrayEquals(expected.timeouts(), actual.timeouts(), "timeouts");
        assertEquals(expected.contentHash(), actual.contentHash());

        assertTrue(run.out().contains("wrote pendulum-medium: " + expected.size() + " transitions, 500 episodes"),
                run.out());
        assertTrue(run.out().contains("content hash " + expected.contentHash()), run.out());
        assertTrue(run.out().contains(out.toAbsolutePath().normalize().toString()), run.out());
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path out = dir.resolve("existing.hdf5");
        Files.writeString(out, "keep me", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("export", "--task", "bandit-mixed", "--out", out.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().startsWith("edp4j export: " + out.toAbsolutePath().normalize() + ": already exists;"),
                run.err());
        assertTrue(run.err().contains("--force"), run.err());
        assertEquals("", run.out());
        assertEquals("keep me", Files.readString(out, StandardCharsets.UTF_8), "the existing file is untouched");

        CliRun forced = CliRun.of("export", "--task", "bandit-mixed", "--out", out.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
        OfflineDataset loaded = D4rl.load(out).dataset();
        assertEquals("bandit-mixed", loaded.name());
        assertEquals(BuiltinTasks.dataset("bandit-mixed").contentHash(), loaded.contentHash());
    }

    @Test
    void refusesADirectoryAsOutput() throws IOException {
        Path out = Files.createDirectory(dir.resolve("a-directory.hdf5"));
        CliRun run = CliRun.of("export", "--task", "bandit-mixed", "--out", out.toString(), "--force");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("is a directory"), run.err());
        assertTrue(Files.isDirectory(out));
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
