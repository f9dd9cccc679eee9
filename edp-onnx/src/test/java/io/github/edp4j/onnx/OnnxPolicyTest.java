package io.github.edp4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.algos.PolicyExport;
import io.github.edp4j.algos.TestPolicies;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.testing.ClosingRace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX Runtime backend keeps {@link Policy}'s contract: bad observations and randomness are refused naming what
 * is wrong, a closed policy refuses to act, closing races acting safely, and files that cannot be used (missing,
 * corrupt, not an EDP4J graph, not writable) fail with one message naming the file, leaving nothing half-written.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OnnxPolicyTest {

    private static Policy policy;

    @BeforeAll
    static void makePolicy() {
        policy = TestPolicies.untrained(EdpTrainer.builder().algo(Algorithm.IQL).policy(PolicyClass.DIFFUSION)
                .steps(50).hidden(16, 16).eas(3, 1.0).seed(5), 3, ActionBounds.symmetric(2, 1f),
                ObservationNormalizer.identity(3));
    }

    @AfterAll
    static void closePolicy() {
        policy.close();
    }

    @Test
    void badObservationsAndRandomnessAreRefusedNamingWhatIsWrong() {
        try (OnnxPolicy p = OnnxPolicy.of(policy)) {
            assertEquals(3, p.observationDim());
            assertEquals(policy.actionBounds(), p.actionBounds());
            assertEquals(3, p.candidates());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.act(new float[][] {{0, 0, 0}, {1, 2}}));
            assertEquals("act: observation 1 has dimension 2 but the policy expects 3", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> p.act(new float[] {0, Float.NaN, 0}));
            assertEquals("act: observation 0 has non-finite value NaN at index 1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> p.act(new float[0][]));
            assertEquals("act: at least one observation is required", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> p.act(new float[][] {{0, 0, 0}}, new float[5], new float[3]));
            assertEquals("act: noise has 5 values but 6 are needed", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> p.act(new float[][] {{0, 0, 0}}, new float[6], new float[] {0.5f, 0f, 1f}));
            assertEquals("act: uniform value 0.0 at index 1 is not in (0, 1]", e.getMessage());
            // the libtorch policy says the same
            e = assertThrows(IllegalArgumentException.class, () -> policy.act(new float[] {0, Float.NaN, 0}));
            assertEquals("act: observation 0 has non-finite value NaN at index 1", e.getMessage());
        }
    }

    @Test
    void closedPolicyRefusesToActAndClosingTwiceDoesNothing() {
        OnnxPolicy p = OnnxPolicy.of(policy);
        assertEquals(2, p.act(new float[] {0, 0, 0}).length);
        p.close();
        assertTrue(p.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.act(new float[] {0, 0, 0}));
        assertTrue(e.getMessage().startsWith("policy is closed"), e.getMessage());
        p.close();
    }

    @Test
    void closingRacesActingSafely() throws Exception {
        ClosingRace.Outcome total = new ClosingRace.Outcome(0, 0);
        for (int round = 0; round < 5; round++) {
            OnnxPolicy p = OnnxPolicy.of(policy);
            total = total.plus(ClosingRace.run(4, 20, (thread, i) -> {
                if (thread == 3 && i == 5) {
                    p.close();
                } else {
                    assertEquals(2, p.act(new float[][] {{i, 0, 1}, {0, i, 1}})[1].length);
                }
            }));
            assertTrue(p.isClosed());
        }
        assertEquals(5 * 4 * 20, total.completed() + total.refused());
        assertTrue(total.refused() > 0, "some calls came after close");
    }

    @Test
    void exportedFileActsLikeTheInMemoryGraph(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/policy.onnx");
        PolicyExport.onnx(policy, file);
        float[][] obs = {{0.1f, -0.3f, 2f}, {1f, 1f, -1f}};
        float[] noise = new float[policy.noiseSize(2)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (i % 5 - 2) * 0.4f;
        }
        float[] u = {0.1f, 0.5f, 0.9f, 0.3f, 0.7f, 1f};
        try (OnnxPolicy loaded = OnnxPolicy.load(file); OnnxPolicy inMemory = OnnxPolicy.of(policy)) {
            assertEquals("test-data", loaded.datasetName());
            float[][] a = loaded.act(obs, noise, u);
            assertArrayEquals(inMemory.act(obs, noise, u)[1], a[1]);
            float[][] torch = policy.act(obs, noise, u);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(torch[i][j], a[i][j], 1e-4);
                }
            }
        }
    }

    @Test
    void unusableFilesFailNamingTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.onnx");
        IOException e = assertThrows(IOException.class, () -> OnnxPolicy.load(missing));
        assertEquals(missing + ": no such ONNX model file", e.getMessage());
        Path corrupt = dir.resolve("corrupt.onnx");
        byte[] bytes = PolicyExport.onnx(policy);
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        e = assertThrows(IOException.class, () -> OnnxPolicy.load(corrupt));
        assertTrue(e.getMessage().startsWith(corrupt + ": ONNX Runtime cannot load this model"), e.getMessage());
        Path garbage = dir.resolve("garbage.onnx");
        Files.writeString(garbage, "not a model");
        e = assertThrows(IOException.class, () -> OnnxPolicy.load(garbage));
        assertTrue(e.getMessage().startsWith(garbage + ": "), e.getMessage());
        // a directory where the file should go: nothing is written, the message names the file
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("policy.onnx"));
        e = assertThrows(IOException.class, () -> PolicyExport.onnx(policy, blocked.resolve("policy.onnx")));
        assertTrue(e.getMessage().startsWith(blocked.resolve("policy.onnx") + ": cannot write"), e.getMessage());
        try (var left = Files.list(blocked)) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
        assertFalse(Files.isRegularFile(blocked.resolve("policy.onnx")));
    }
}
