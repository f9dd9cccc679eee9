package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input of the reader fails with a message that names the file and what is wrong. */
class D4rlErrorsTest {

    @TempDir
    Path tmp;

    private static D4rlFormatException broken(String name) {
        Path file = Fixtures.file("broken/" + name + ".hdf5");
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e;
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "message should contain '" + p + "': " + message);
        }
    }

    @Test
    void notHdf5() throws IOException {
        long size = Files.size(Fixtures.file("broken/not-hdf5.hdf5"));
        assertContains(broken("not-hdf5").getMessage(), "not an HDF5 file", "no HDF5 signature",
                "has " + size + " bytes");
    }

    @Test
    void truncated() {
        String original = Fixtures.expected().getProperty("broken.truncated.originalSize");
        assertContains(broken("truncated").getMessage(), "truncated HDF5 file", "records " + original + " bytes",
                "has only 12154");
    }

    @Test
    void missingKeyListsTheKeysPresent() {
        assertContains(broken("missing-actions").getMessage(), "missing required key actions",
                "(keys present: observations, rewards, terminals, timeouts)");
    }

    @Test
    void mismatchedLengthsNameEveryArrayAndLength() {
        assertContains(broken("mismatched-lengths").getMessage(), "different lengths", "observations=40",
                "actions=37", "rewards=40", "terminals=40", "timeouts=40");
    }

    @Test
    void nanNamesKeyRowAndColumn() {
        assertContains(broken("nan-observations").getMessage(), "'observations'", "non-finite value (NaN)",
                "row 17, column 2");
    }

    @Test
    void infNamesKeyAndRow() {
        assertContains(broken("inf-rewards").getMessage(), "'rewards'", "non-finite value (Infinity)", "row 5");
    }

    @Test
    void zeroRows() {
        assertContains(broken("zero-rows").getMessage(), "zero rows");
    }

    @Test
    void badRewardShape() {
        assertContains(broken("bad-rewards-shape").getMessage(), "'rewards' has shape [40, 2]", "expected (N,)");
    }

    @Test
    void brokenFilesAreAlsoIllegalArguments() {
        Path file = Fixtures.file("broken/nan-observations.hdf5");
        assertThrows(IllegalArgumentException.class, () -> D4rl.load(file));
    }

    @Test
    void emptyFileIsNotHdf5() throws IOException {
        Path file = Files.createFile(tmp.resolve("empty.hdf5"));
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), file.toString(), "not an HDF5 file", "0 bytes");
    }

    @Test
    void signatureWithoutSuperblockIsCorrupt() throws IOException {
        Path file = tmp.resolve("header-only.hdf5");
        Files.write(file, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0});
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), file.toString(), "corrupt");
    }

    @Test
    void missingFile() {
        Path file = tmp.resolve("nope-v2.hdf5");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> D4rl.load(file));
        assertTrue(e.getCause() instanceof NoSuchFileException);
        assertContains(e.getMessage(), file.toString(), "no such file");
    }

    @Test
    void directoryIsNotAFile() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> D4rl.load(tmp));
        assertContains(e.getMessage(), tmp.toString(), "is a directory");
    }

    @Test
    void blankExplicitName() {
        Path file = Fixtures.file("maze2d-umaze-v1.hdf5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> D4rl.load(file, " "));
        assertContains(e.getMessage(), "dataset name must not be blank");
    }

    @Test
    void singleRowWithoutNextObservationsHasNoTransitions() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("observations", Fixtures.matrix(1, 3, 0));
        a.put("actions", Fixtures.matrix(1, 2, 0));
        a.put("rewards", new float[] {1});
        a.put("terminals", new byte[] {0});
        a.put("timeouts", new byte[] {0});
        Path file = Fixtures.writeRaw(tmp.resolve("one-row.hdf5"), a, true);
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), file.toString(), "no q-learning transitions", "1 row");
    }

    @Test
    void nextObservationsOfAnotherWidth() {
        Map<String, Object> a = rawFile(5);
        a.put("next_observations", Fixtures.matrix(5, 4, 0));
        Path file = Fixtures.writeRaw(tmp.resolve("wide-next.hdf5"), a, true);
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), "next_observations has 4 columns but observations has 3");
    }

    @Test
    void nonFiniteNextObservationIsReportedByFileRow() {
        Map<String, Object> a = rawFile(5);
        float[][] next = Fixtures.matrix(5, 3, 0);
        next[3][1] = Float.NEGATIVE_INFINITY;
        a.put("next_observations", next);
        Path file = Fixtures.writeRaw(tmp.resolve("inf-next.hdf5"), a, false);
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), "'next_observations'", "-Infinity", "row 3, column 1");
    }

    @Test
    void float64TooLargeForFloat32() {
        Map<String, Object> a = rawFile(5);
        a.put("rewards", new double[] {0, 0, 1e300, 0, 0});
        Path file = Fixtures.writeRaw(tmp.resolve("huge.hdf5"), a, false);
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), "'rewards'", "1.0E300", "row 2", "too large for float32");
    }

    @Test
    void textInsteadOfFlags() {
        Map<String, Object> a = rawFile(3);
        a.put("terminals", new String[] {"no", "no", "yes"});
        Path file = Fixtures.writeRaw(tmp.resolve("text-flags.hdf5"), a, false);
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), "'terminals'", "'no'", "row 0");
    }

    @Test
    void textInsteadOfNumbers() {
        Map<String, Object> a = rawFile(3);
        a.put("rewards", new String[] {"a", "b", "c"});
        Path file = Fixtures.writeRaw(tmp.resolve("text-rewards.hdf5"), a, false);
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), "'rewards'", "expected numbers");
    }

    @Test
    void observationsOfRankThree() {
        Map<String, Object> a = rawFile(2);
        a.put("observations", new float[][][] {{{1, 2}}, {{3, 4}}});
        Path file = Fixtures.writeRaw(tmp.resolve("rank3.hdf5"), a, false);
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), "'observations' has shape [2, 1, 2]", "expected (N, dim)");
    }

    @Test
    void everyMissingKeyIsNamed() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("rewards", new float[] {1, 2});
        Path file = Fixtures.writeRaw(tmp.resolve("only-rewards.hdf5"), a, false);
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(file));
        assertContains(e.getMessage(), "missing required keys observations, actions, terminals",
                "(keys present: rewards)");
    }

    @Test
    void loadingNeverWritesToTheFile() throws IOException {
        Path copy = tmp.resolve("hopper-medium-v2.hdf5");
        Files.copy(Fixtures.file("hopper-medium-v2.hdf5"), copy);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(copy, old);
        byte[] before = sha256(copy);
        D4rlDataset d = D4rl.load(copy);
        d.extras().get("infos/qpos").read();
        assertArrayEquals(before, sha256(copy));
        assertEquals(old, Files.getLastModifiedTime(copy));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no side files");
        }
    }

    private static Map<String, Object> rawFile(int rows) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("observations", Fixtures.matrix(rows, 3, 0));
        a.put("actions", Fixtures.matrix(rows, 2, 0));
        a.put("rewards", Fixtures.rowRewards(rows));
        a.put("terminals", new byte[rows]);
        a.put("timeouts", new byte[rows]);
        return a;
    }

    private static byte[] sha256(Path p) throws IOException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
