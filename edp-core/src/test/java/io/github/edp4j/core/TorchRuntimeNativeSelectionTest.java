package io.github.edp4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native libtorch is the application's choice: the library leaves DJL's offline mode alone, and without a native
 * library it names the artifact to add for the platform it runs on.
 */
class TorchRuntimeNativeSelectionTest {

    private static final String OFFLINE = "ai.djl.offline";

    @Test
    void engineDoesNotSetDjlOfflineMode() {
        // with DJL_OFFLINE set the old behaviour would not have set the property either, so nothing would be shown
        assumeTrue(System.getenv("DJL_OFFLINE") == null, "DJL_OFFLINE is set in the environment");
        String before = System.getProperty(OFFLINE);
        System.clearProperty(OFFLINE);
        try {
            // the native library is on the test class path, so the engine loads without any download
            assertEquals("PyTorch", TorchRuntime.engine().getEngineName());
            TorchRuntime.newManager().close();
            assertNull(System.getProperty(OFFLINE), "the library set " + OFFLINE);
        } finally {
            if (before != null) {
                System.setProperty(OFFLINE, before);
            }
        }
    }

    @Test
    void nativeArtifactMatchesThisPlatform() {
        String classifier = NativeLibtorch.classifier(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertTrue(TorchRuntime.nativeArtifact(false).orElseThrow().endsWith(":" + classifier),
                TorchRuntime.nativeArtifact(false)::toString);
    }

    @Test
    @Timeout(120)
    void withoutANativeLibraryTheErrorNamesTheArtifactForThisPlatform(@TempDir Path cache) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("pytorch-native-"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // an empty DJL cache, so that a libtorch extracted there by earlier runs is not found either
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-D" + OFFLINE + "=true", "-DDJL_CACHE_DIR=" + cache,
                "-DENGINE_CACHE_DIR=" + cache, "-cp", classPath, MissingNativeProbe.class.getName()))
                .redirectErrorStream(true);
        pb.environment().remove("PYTORCH_LIBRARY_PATH");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(100, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), out);
        String expected = TorchRuntime.nativeArtifact(false).orElseThrow();
        assertTrue(out.contains("Add the native library to the application's runtime dependencies: " + expected
                + " (CPU)"), out);
        assertTrue(out.contains("offline mode is on"), out);
        assertTrue(out.contains("ai.djl.offline=true"), out);
    }
}
