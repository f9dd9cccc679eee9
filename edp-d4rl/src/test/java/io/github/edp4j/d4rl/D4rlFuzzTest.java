package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.testing.FileMutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of the reader: a small valid file written by {@link D4rlWriter}, mutated by byte flips, truncation
 * and extension. Every load either succeeds or throws {@link D4rlFormatException} (or {@link UncheckedIOException})
 * whose message names the file and says what is wrong in plain words, without a Java class name, and keeps the
 * original failure as its cause. HDF5 has no checksum over the data, so a flip inside a value can load silently:
 * those are counted and printed, not failed.
 */
class D4rlFuzzTest {

    private static final int MUTANTS = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedFilesOfTheWriterLoadOrFailWithAPlainMessage() throws IOException {
        Path valid = dir.resolve("valid.hdf5");
        D4rlWriter.write(smallDataset(), valid);
        int[] silent = fuzz(valid, FileMutations.SEED);
        // the writer's files carry jhdf's checksums and gzip's: only bytes appended after the end pass unnoticed
        assertEquals(0, silent[0], "flipped bytes that loaded silently");
        assertEquals(0, silent[1], "truncations that loaded silently");
    }

    @ParameterizedTest
    @ValueSource(strings = {"maze2d-umaze-v1.hdf5", "hopper-medium-v2.hdf5"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedFilesOfH5pyLoadOrFailWithAPlainMessage(String fixture) throws IOException {
        Path valid = dir.resolve(fixture);
        Files.copy(Fixtures.file(fixture), valid);
        int[] silent = fuzz(valid, FileMutations.SEED + fixture.hashCode());
        assertEquals(0, silent[1], "truncations that loaded silently");
    }

    /**
     * Loads {@value #MUTANTS} mutants of a valid file, fails on any outcome but a load or a plain-worded error.
     *
     * @return the mutants that loaded silently, by kind of mutation (flip, truncation, extension)
     */
    private int[] fuzz(Path valid, long seed) throws IOException {
        byte[] original = Files.readAllBytes(valid);
        D4rl.load(valid); // the unmutated file is fine
        Random rnd = new Random(seed);
        int[] silent = new int[3];
        int refused = 0;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            int kind = i % 3;
            byte[] m = FileMutations.mutate(original, rnd, kind);
            Path f = dir.resolve("mutant-" + i + ".hdf5");
            Files.write(f, m);
            try {
                D4rl.load(f);
                silent[kind]++;
            } catch (D4rlFormatException e) {
                refused++;
                bad.addAll(FileMutations.messageProblems(f, e.getMessage(), false));
                assertEquals(f, e.file());
            } catch (UncheckedIOException e) {
                refused++;
                bad.addAll(FileMutations.messageProblems(f, e.getMessage(), false));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                bad.add(i + ": " + e);
            }
            Files.delete(f);
        }
        System.out.printf("D4RL fuzz of %s: %d mutants, %d refused with a plain message, loaded silently: %d of %d"
                + " byte flips, %d of %d truncations, %d of %d extensions%n", valid.getFileName(), MUTANTS, refused,
                silent[0], MUTANTS / 3, silent[1], MUTANTS / 3, silent[2], MUTANTS / 3);
        assertTrue(bad.isEmpty(), bad.size() + " bad outcomes, first ones:\n" + String.join("\n",
                bad.subList(0, Math.min(bad.size(), 10))));
        return silent;
    }

    static OfflineDataset smallDataset() {
        int n = 40;
        Random r = new Random(7);
        float[] obs = new float[n * 3];
        float[] next = new float[n * 3];
        float[] act = new float[n * 2];
        float[] rew = new float[n];
        boolean[] term = new boolean[n];
        boolean[] tout = new boolean[n];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) r.nextGaussian();
            next[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < act.length; i++) {
            act[i] = r.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < n; i++) {
            rew[i] = r.nextFloat();
            term[i] = i == 19;
            tout[i] = i == n - 1;
        }
        OfflineDataset ds = OfflineDataset.builder().name("hopper-medium-v2").observations(obs, 3).actions(act, 2)
                .rewards(rew).nextObservations(next, 3).terminals(term).timeouts(tout).build();
        assertNotNull(ds);
        assertFalse(ds.size() == 0);
        return ds;
    }

    @Test
    void permissionDeniedAndNotARegularFileAreSaidInPlainWords() throws IOException {
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class,
                    () -> D4rl.load(devNull));
            assertEquals("/dev/null: is not a regular file, so it cannot be a D4RL HDF5 file", e.getMessage());
        }
        Path locked = dir.resolve("locked.hdf5");
        D4rlWriter.write(smallDataset(), locked);
        if (!locked.toFile().setReadable(false, false) || Files.isReadable(locked)) {
            return; // root, or a file system without permissions, reads the file anyway
        }
        try {
            UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class,
                    () -> D4rl.load(locked));
            assertEquals(locked + ": permission denied: cannot read this file", e.getMessage());
        } finally {
            if (!locked.toFile().setReadable(true, false)) {
                fail("cannot make " + locked + " readable again");
            }
        }
    }
}
