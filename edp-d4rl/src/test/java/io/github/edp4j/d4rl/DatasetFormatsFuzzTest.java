package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.testing.FileMutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of the readers behind {@link Datasets}: fixtures of make_dataset_fixtures.py mutated by byte flips,
 * truncation and extension ({@link FileMutations}). Every load either succeeds or fails with a
 * {@link D4rlFormatException} (or {@link UncheckedIOException}) whose one-line message names the file and holds no
 * Java class name; nothing else escapes, nothing hangs. A stored (uncompressed) entry has a CRC-32 and an HDF5 file
 * has checksums only in places, so some flips load silently: they are counted and printed.
 */
class DatasetFormatsFuzzTest {

    private static final int MUTANTS = 150;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ogbench/pointmass-singletask-v0.npz", "npz/mixed-stored.npz",
        "minari/legacy-dict-v0/data/main_data.hdf5", "csv/log.csv"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedFixturesLoadOrFailWithAPlainMessage(String fixture) throws IOException {
        Path source = DatasetFormatsTest.resource(fixture);
        byte[] original = Files.readAllBytes(source);
        String fileName = source.getFileName().toString();
        Datasets.load(source); // the unmutated file is fine
        Random rnd = new Random(FileMutations.SEED + fixture.hashCode());
        int[] silent = new int[FileMutations.KINDS];
        int refused = 0;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            int kind = i % FileMutations.KINDS;
            Path sub = Files.createDirectories(dir.resolve("m" + i));
            Path f = sub.resolve(fileName);
            Files.write(f, FileMutations.mutate(original, rnd, kind));
            try {
                Datasets.load(f);
                silent[kind]++;
            } catch (D4rlFormatException | UncheckedIOException e) {
                refused++;
                bad.addAll(FileMutations.messageProblems(f, e.getMessage(), true));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                bad.add(i + ": " + e);
            }
            Files.delete(f);
            Files.delete(sub);
        }
        System.out.printf("dataset fuzz of %s: %d mutants, %d refused with a plain message, loaded silently: %d"
                + " byte flips, %d truncations, %d extensions%n", fixture, MUTANTS, refused, silent[0], silent[1],
                silent[2]);
        assertTrue(bad.isEmpty(), bad.size() + " bad outcomes, first ones:\n" + String.join("\n",
                bad.subList(0, Math.min(bad.size(), 10))));
        assertTrue(refused > MUTANTS / 3, "only " + refused + " of " + MUTANTS + " mutants were refused");
    }
}
