package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.onnx.OnnxPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check with Python (the second parity check): the committed script {@code edp4j_policy.py} rebuilds
 * each policy class from its safetensors export in plain PyTorch and reproduces the library's reference actions
 * ({@code verify}), and Python's onnxruntime runs the ONNX export to the same actions ({@code check}). Needs a Python
 * with torch, numpy, safetensors and onnxruntime, found as {@code $EDP4J_PYTHON} (default {@code python3}); without
 * one the test is skipped, saying so, so that the default suite needs no Python.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PythonTwinCrossCheckTest {

    private static String python;
    private static boolean available;

    @BeforeAll
    static void findPython() throws Exception {
        String p = System.getenv("EDP4J_PYTHON");
        python = p == null || p.isBlank() ? "python3" : p;
        int code;
        try {
            Process proc = new ProcessBuilder(python, "-c", "import torch, numpy, safetensors, onnxruntime")
                    .redirectErrorStream(true).start();
            proc.getInputStream().readAllBytes();
            code = proc.waitFor(120, TimeUnit.SECONDS) ? proc.exitValue() : -1;
        } catch (IOException e) {
            code = -1;
        }
        available = code == 0;
    }

    private static void requirePython() {
        assumeTrue(available, "skipped: " + python + " with torch, numpy, safetensors and onnxruntime is not available"
                + " (set EDP4J_PYTHON to such a Python to run this cross-check)");
    }

    private static String run(Path dir, String... args) throws Exception {
        Path script = dir.resolve("edp4j_policy.py");
        if (!Files.exists(script)) {
            try (InputStream in = OnnxPolicy.class.getResourceAsStream("edp4j_policy.py")) {
                Files.copy(in, script);
            }
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(List.of(args));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, proc.waitFor(240, TimeUnit.SECONDS), "the script finished");
        assertEquals(0, proc.exitValue(), String.join(" ", args) + ": " + out);
        return out;
    }

    @Test
    void pythonReproducesEveryPolicyClass(@TempDir Path dir) throws Exception {
        requirePython();
        ActionBounds bounds = new ActionBounds(new float[] {-1f, -2f, 0f}, new float[] {1f, 0.5f, 3f});
        ObservationNormalizer norm = new ObservationNormalizer(new float[] {0.5f, -1f, 2f, 0f},
                new float[] {2f, 0.5f, 1f, 3f}, 1e-3);
        List<EdpTrainer.Builder> configs = List.of(
                EdpTrainer.builder().algo(Algorithm.IQL).policy(PolicyClass.DIFFUSION).steps(100).eas(5, 1.0),
                EdpTrainer.builder().algo(Algorithm.TD3).policy(PolicyClass.DIFFUSION).steps(100).eas(4, 1.0)
                        .easArgmax(true),
                EdpTrainer.builder().algo(Algorithm.DQL).policy(PolicyClass.DIFFUSION).steps(10).eas(3, 1.0),
                EdpTrainer.builder().algo(Algorithm.IQL).policy(PolicyClass.GAUSSIAN),
                EdpTrainer.builder().algo(Algorithm.TD3).policy(PolicyClass.GAUSSIAN),
                EdpTrainer.builder().algo(Algorithm.DTQL).policy(PolicyClass.DIFFUSION).eas(4, 1.0));
        int i = 0;
        for (EdpTrainer.Builder b : configs) {
            try (Policy p = TestPolicies.untrained(b.hidden(32, 32).seed(21 + i), 4, bounds, norm)) {
                Path weights = dir.resolve("p" + i + ".safetensors");
                Path model = dir.resolve("p" + i + ".onnx");
                PolicyExport.safetensors(p, weights);
                PolicyExport.onnx(p, model);
                run(dir, "verify", weights.toString());
                run(dir, "check", weights.toString(), model.toString(), "--batch", "8");
            }
            i++;
        }
    }
}
