package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy and checkpoint files in the checksummed container: every byte is covered (before the container, a changed
 * action bound, normaliser value or provenance entry loaded silently), files of the earlier format still load, and
 * a damaged checkpoint is refused before anything of it is applied.
 */
class ContainerFileTest {

    private static final OfflineDataset TOY = FourModeToy.dataset(500, 4);
    /** Header bytes before the body: magic, container version, kind "policy" as modified UTF-8, version, length. */
    private static final int POLICY_BODY_START = 8 + 4 + 2 + "policy".length() + 4 + 8;

    @TempDir
    static Path shared;
    private static Path policyFile;

    @BeforeAll
    static void savePolicy() throws IOException {
        policyFile = shared.resolve("p.edp4j");
        try (Policy p = EdpTrainerTest.tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 3).iterations(10).build().fit(TOY)
                .policy()) {
            p.save(policyFile);
        }
    }

    @Test
    void everyByteOfTheHeaderBoundsNormaliserAndProvenanceIsChecked(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(policyFile);
        assertTrue(ContainerFile.isContainer(bytes));
        // the body starts with the observation dimension, bounds, normaliser and provenance; the weights follow
        int end = Math.min(bytes.length, POLICY_BODY_START + 600);
        Path f = dir.resolve("flipped.edp4j");
        for (int i = 0; i < end; i++) {
            byte[] b = bytes.clone();
            b[i] ^= 0x01;
            Files.write(f, b);
            IOException e = assertThrows(IOException.class, () -> Policy.load(f), "byte " + i);
            assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        }
    }

    @Test
    void damageIsNamedInPlainWords(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(policyFile);
        Path f = dir.resolve("damaged.edp4j");
        byte[] b = bytes.clone();
        b[POLICY_BODY_START + 12] ^= 0x40; // inside the action bounds
        Files.write(f, b);
        assertMessage(f, "damaged policy file (checksum mismatch");

        Files.write(f, Arrays.copyOf(bytes, bytes.length - 1));
        assertMessage(f, "truncated policy file");

        Files.write(f, Arrays.copyOf(bytes, bytes.length + 7));
        assertMessage(f, "damaged policy file (its length field says");

        Files.write(f, Arrays.copyOf(bytes, 20));
        assertMessage(f, "truncated policy file");
    }

    @Test
    void aCheckpointIsNotAPolicy(@TempDir Path dir) throws IOException {
        fit(dir, 20, false);
        IOException e = assertThrows(IOException.class, () -> Policy.load(Checkpoint.file(dir)));
        assertEquals(Checkpoint.file(dir) + ": this is an EDP4J checkpoint file, not a policy file", e.getMessage());
    }

    @Test
    void notARegularFileIsNamedAsSuch(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> Policy.load(dir));
        assertEquals(dir + ": is a directory, not a policy file", e.getMessage());
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            e = assertThrows(IOException.class, () -> Policy.load(devNull));
            assertEquals("/dev/null: is not a regular file, so it cannot be a policy file", e.getMessage());
        }
    }

    @Test
    void policyFileOfTheEarlierFormatStillLoadsAndActsTheSame(@TempDir Path dir) throws IOException {
        Path legacy = dir.resolve("legacy.edp4j");
        Files.write(legacy, legacy(Files.readAllBytes(policyFile), POLICY_BODY_START, "EDP4J-POLICY"));
        float[][] states = {{0.1f}, {-0.7f}, {0.9f}};
        try (Policy now = Policy.load(policyFile); Policy old = Policy.load(legacy)) {
            assertEquals(now.config(), old.config());
            assertEquals(now.provenance(), old.provenance());
            float[][] a = now.act(states);
            float[][] b = old.act(states);
            for (int i = 0; i < states.length; i++) {
                assertArrayEquals(a[i], b[i], 0f, "state " + i);
            }
        }
    }

    @Test
    void checkpointOfTheEarlierFormatStillResumesIdentically(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        fit(a, 20, false);
        fit(b, 20, false);
        byte[] bytes = Files.readAllBytes(Checkpoint.file(b));
        assertTrue(ContainerFile.isContainer(bytes));
        int bodyStart = 8 + 4 + 2 + "checkpoint".length() + 4 + 8;
        Files.write(Checkpoint.file(b), legacy(bytes, bodyStart, "EDP4J-CHECKPOINT"));
        List<TrainingRecord> fromNew = fit(a, 40, true);
        List<TrainingRecord> fromOld = fit(b, 40, true);
        assertEquals(fromNew, fromOld);
        assertTrue(ContainerFile.isContainer(Files.readAllBytes(Checkpoint.file(b))), "rewritten in the new format");
    }

    @Test
    void damagedCheckpointIsRefusedWithTheFileNamed(@TempDir Path dir) throws IOException {
        fit(dir, 20, false);
        Path f = Checkpoint.file(dir);
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(f, bytes);
        RuntimeException e = assertThrows(RuntimeException.class, () -> fit(dir, 40, true));
        assertEquals(f + ": damaged checkpoint (checksum mismatch: its SHA-256 does not match its content)",
                e.getMessage());
    }

    @Test
    void fitRemovesTemporaryFilesOfAKilledWriterAndKeepsTheRest(@TempDir Path dir) throws IOException {
        fit(dir, 20, false);
        Path dead = dir.resolve(".checkpoint.edp4j.00000000-" + Long.MAX_VALUE + "-1-0123456789abcdef.tmp");
        Path oldStyle = dir.resolve("checkpoint.edp4j4242424242.tmp");
        Path user = dir.resolve("notes.tmp");
        for (Path p : List.of(dead, oldStyle, user)) {
            Files.writeString(p, "left over");
        }
        fit(dir, 40, true);
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(oldStyle));
        assertTrue(Files.exists(user), "a file that is not ours stays");
        assertTrue(Files.exists(Checkpoint.file(dir)));
    }

    private static List<TrainingRecord> fit(Path dir, int iterations, boolean resume) {
        FitResult r = EdpTrainerTest.tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 8).iterations(iterations)
                .checkpoints(dir, 20).resume(resume).build().fit(TOY);
        r.policy().close();
        return r.curve().stream().map(t -> new TrainingRecord(t.iteration(), t.metrics(), 0)).toList();
    }

    /** The format before the container: modified-UTF-8 magic, version 1, the same body, the magic again. */
    private static byte[] legacy(byte[] container, int bodyStart, String magic) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(magic);
        out.writeInt(1);
        out.write(container, bodyStart, container.length - 32 - bodyStart);
        out.writeUTF(magic);
        out.flush();
        return bytes.toByteArray();
    }

    private static void assertMessage(Path f, String expected) {
        IOException e = assertThrows(IOException.class, () -> Policy.load(f));
        assertTrue(e.getMessage().startsWith(f + ": " + expected), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
}
