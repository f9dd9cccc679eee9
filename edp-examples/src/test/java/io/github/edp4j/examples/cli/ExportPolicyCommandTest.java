package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.examples.DatasetsDirectory;
import io.github.edp4j.onnx.OnnxPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edp4j export-policy} writes an ONNX model that ONNX Runtime loads and a safetensors file with the documented
 * header; its errors are one line naming the file; {@code evaluate --backend onnx} acts through ONNX Runtime.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExportPolicyCommandTest {

    @TempDir
    static Path cache;

    @TempDir
    static Path shared;

    @RegisterExtension
    static final DatasetsDirectory DATASETS = new DatasetsDirectory();

    @TempDir
    Path dir;

    private static Path policyFile;

    @BeforeAll
    static void trainTinyPolicy() throws IOException {
        DATASETS.use(cache);
        policyFile = shared.resolve("policy.edp4j");
        try (Policy p = EdpTrainer.builder().algo(Algorithm.IQL).policy(PolicyClass.DIFFUSION).steps(20)
                .hidden(16, 16).batchSize(32).iterations(20).eas(4, 1.0).seed(3).progress(false).build()
                .fit(BuiltinTasks.dataset("bandit-mixed")).policy()) {
            p.save(policyFile);
        }
    }

    @Test
    void writesAnOnnxModelThatOnnxRuntimeRuns() throws IOException {
        Path out = dir.resolve("nested/policy.onnx");
        CliRun run = CliRun.of("export-policy", "--policy", policyFile.toString(), "--format", "onnx", "--out",
                out.toString(), "--eas-candidates", "6", "--eas-argmax");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertTrue(run.out().startsWith("wrote onnx of " + policyFile), run.out());
        assertTrue(run.out().contains("EAS N=6 argmax"), run.out());
        try (OnnxPolicy p = OnnxPolicy.load(out)) {
            assertEquals(6, p.candidates());
            assertEquals(2, p.act(new float[p.observationDim()]).length);
        }
    }

    @Test
    void writesTheDdpmChainWithItsStepNoiseInput() throws IOException {
        Path out = dir.resolve("ddpm.onnx");
        CliRun run = CliRun.of("export-policy", "--policy", policyFile.toString(), "--format", "onnx", "--out",
                out.toString(), "--sampler", "ddpm", "--eas-candidates", "2");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("DDPM chain"), run.out());
        try (OnnxPolicy p = OnnxPolicy.load(out)) {
            assertEquals(20 * 2 * 2, p.noiseSize(1), "K = 20 noise arrays of N x actDim");
            assertEquals(2, p.act(new float[p.observationDim()]).length);
        }
    }

    @Test
    void writesSafetensorsWithTheDocumentedHeader() throws IOException {
        Path out = dir.resolve("policy.safetensors");
        CliRun run = CliRun.of("export-policy", "--policy", policyFile.toString(), "--format", "safetensors",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        byte[] bytes = Files.readAllBytes(out);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"actor.eps.0.weight\":{\"dtype\":\"F32\",\"shape\":[16,"), header);
        assertTrue(header.contains("\"critic.q2.2.bias\""), header);
        assertTrue(header.contains("\"edp4j.solver_plan\""), header);
    }

    @Test
    void errorsAreOneLineNamingTheFile() throws IOException {
        Path out = dir.resolve("existing.onnx");
        Files.writeString(out, "keep me");
        CliRun run = CliRun.of("export-policy", "--policy", policyFile.toString(), "--format", "onnx", "--out",
                out.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().startsWith("edp4j export-policy: " + out + ": already exists;"), run.err());
        assertEquals("keep me", Files.readString(out));

        Path corrupt = dir.resolve("corrupt.edp4j");
        byte[] good = Files.readAllBytes(policyFile);
        good[good.length / 2] ^= 0x55;
        Files.write(corrupt, good);
        Path target = dir.resolve("c.onnx");
        run = CliRun.of("export-policy", "--policy", corrupt.toString(), "--format", "onnx", "--out",
                target.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().startsWith("edp4j export-policy: " + corrupt + ": "), run.err());
        assertFalse(Files.exists(target), "nothing written");

        run = CliRun.of("export-policy", "--policy", policyFile.toString(), "--format", "torchscript", "--out",
                target.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--format must be onnx or safetensors, got 'torchscript'"), run.err());

        Path missingPolicy = dir.resolve("missing.edp4j");
        run = CliRun.of("export-policy", "--policy", missingPolicy.toString(), "--format", "onnx", "--out",
                target.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().startsWith("edp4j export-policy: " + missingPolicy), run.err());
        assertFalse(Files.exists(target), "nothing written");
    }

    @Test
    void evaluateActsThroughOnnxRuntime() {
        CliRun run = CliRun.of("evaluate", "--policy", policyFile.toString(), "--task", "bandit", "--episodes", "4",
                "--backend", "onnx");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("ONNX Runtime (1 intra-op thread)"), run.out());
        assertTrue(run.out().contains("normalized score"), run.out());
        run = CliRun.of("evaluate", "--policy", policyFile.toString(), "--task", "bandit", "--backend", "tvm");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--backend must be torch or onnx, got 'tvm'"), run.err());
    }
}
