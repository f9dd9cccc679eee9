package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Saving, loading and acting: identical actions after a round trip, precise errors for bad files and inputs. */
@Tag("gc-stress-sampled")
class PolicyFileTest {

    private static final OfflineDataset TOY = FourModeToy.dataset(1000, 4);

    @ParameterizedTest
    @EnumSource(PolicyClass.class)
    void savedPolicyActsIdenticallyAfterLoadingAndKeepsProvenance(PolicyClass pc, @TempDir Path dir) throws IOException {
        FitResult r = EdpTrainerTest.tiny(Algorithm.IQL, pc, 3).build().fit(TOY);
        Path file = dir.resolve("p.edp4j");
        float[][] states = {{0.1f}, {-0.7f}, {0.9f}};
        float[][] before;
        try (Policy p = r.policy()) {
            p.save(file);
            before = p.act(states);
        }
        try (Policy q = Policy.load(file)) {
            float[][] after = q.act(states);
            for (int i = 0; i < states.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "state " + i);
            }
            assertEquals("four-mode-toy", q.provenance().datasetName());
            assertEquals(TOY.contentHash(), q.provenance().datasetHash());
            assertEquals(r.provenance().config(), q.config());
            assertEquals(40, q.provenance().iterationsCompleted());
            assertTrue(q.provenance().djlVersion().startsWith("0.32"), q.provenance().djlVersion());
        }
    }

    @Test
    void actingIsDeterministicForTheSameSeedAndCallsAndChecksItsInput() {
        FitResult r = EdpTrainerTest.tiny(Algorithm.TD3, PolicyClass.DIFFUSION, 3).build().fit(TOY);
        FitResult again = EdpTrainerTest.tiny(Algorithm.TD3, PolicyClass.DIFFUSION, 3).build().fit(TOY);
        try (Policy p = r.policy(); Policy twin = again.policy()) {
            float[][] states = {{0.2f}, {-0.6f}, {0.2f}};
            for (int call = 0; call < states.length; call++) {
                float[] a = p.act(states[call]);
                assertEquals(2, a.length);
                for (float v : a) {
                    assertTrue(v >= -1 && v <= 1, Arrays.toString(a));
                }
                // the same seed and the same sequence of calls give the same actions (EAS samples, so this is not
                // a property of a deterministic network alone)
                assertArrayEquals(a, twin.act(states[call]), 0f, "call " + call);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.act(new float[] {1f, 2f}));
            assertEquals("act: observation 0 has dimension 2 but the policy expects 1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> p.act(new float[] {Float.NaN}));
            assertEquals("act: observation 0 has non-finite value NaN at index 0", e.getMessage());
        }
    }

    @Test
    void badFilesAreRejectedWithTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.edp4j");
        try (Policy p = EdpTrainerTest.tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 3).build().fit(TOY).policy()) {
            p.save(file);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThrows(NoSuchFileException.class, () -> Policy.load(dir.resolve("missing.edp4j")));

        Path truncated = dir.resolve("truncated.edp4j");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> Policy.load(truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path corrupt = dir.resolve("corrupt.edp4j");
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 200] ^= 0x5a;
        Files.write(corrupt, flipped);
        e = assertThrows(IOException.class, () -> Policy.load(corrupt));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());

        Path other = dir.resolve("other.edp4j");
        Files.writeString(other, "this is not a policy");
        e = assertThrows(IOException.class, () -> Policy.load(other));
        assertTrue(e.getMessage().contains("not an EDP4J policy file"), e.getMessage());
        assertTrue(Files.list(dir).noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file left behind");
    }
}
