package io.github.edp4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The native libtorch named for each platform, and the message of a failed engine load. */
class NativeLibtorchTest {

    private final NativeLibtorch versions = new NativeLibtorch("0.32.0", "2.5.1");

    @ParameterizedTest
    @CsvSource({
        "Linux, amd64, linux-x86_64",
        "Linux, x86_64, linux-x86_64",
        "Linux, aarch64, linux-aarch64",
        "Mac OS X, aarch64, osx-aarch64",
        "Mac OS X, x86_64, osx-x86_64",
        "Windows 11, amd64, win-x86_64",
        "Windows Server 2022, amd64, win-x86_64",
        "FreeBSD, amd64, freebsd-x86_64",
    })
    void classifierFollowsDjlNaming(String osName, String osArch, String expected) {
        assertEquals(expected, NativeLibtorch.classifier(osName, osArch));
    }

    @ParameterizedTest
    @CsvSource({
        "linux-x86_64, ai.djl.pytorch:pytorch-native-cpu:2.5.1:linux-x86_64, "
                + "ai.djl.pytorch:pytorch-native-cu124:2.5.1:linux-x86_64",
        "win-x86_64, ai.djl.pytorch:pytorch-native-cpu:2.5.1:win-x86_64, "
                + "ai.djl.pytorch:pytorch-native-cu124:2.5.1:win-x86_64",
        "osx-aarch64, ai.djl.pytorch:pytorch-native-cpu:2.5.1:osx-aarch64, ",
        "linux-aarch64, ai.djl.pytorch:pytorch-native-cpu-precxx11:2.5.1:linux-aarch64, ",
        "osx-x86_64, , ",
        "freebsd-x86_64, , ",
    })
    void artifactPerPlatform(String classifier, String cpu, String cuda) {
        assertEquals(Optional.ofNullable(cpu), versions.artifact(classifier, false));
        assertEquals(Optional.ofNullable(cuda), versions.artifact(classifier, true));
    }

    @Test
    void messageNamesTheArtifactsOfTheDetectedPlatform() {
        String m = versions.missingMessage("Windows 11", "amd64", true, new RuntimeException("no native"));
        assertTrue(m.contains("win-x86_64 (os.name=Windows 11, os.arch=amd64)"), m);
        assertTrue(m.contains("ai.djl.pytorch:pytorch-native-cpu:2.5.1:win-x86_64 (CPU), or "
                + "ai.djl.pytorch:pytorch-native-cu124:2.5.1:win-x86_64 (CUDA 12.4)"), m);
        assertTrue(m.contains("edp4j-bom"), m);
        assertTrue(m.contains("offline mode is on"), m);
        assertTrue(m.endsWith("Cause: no native"), m);
        assertFalse(m.contains("linux"), m);
    }

    @Test
    void messageOnMacArmNamesTheCpuArtifactOnly() {
        String m = versions.missingMessage("Mac OS X", "aarch64", false, new RuntimeException("download failed"));
        assertTrue(m.contains("ai.djl.pytorch:pytorch-native-cpu:2.5.1:osx-aarch64 (CPU);"), m);
        assertFalse(m.contains("CUDA"), m);
        assertTrue(m.contains("automatic download"), m);
    }

    @Test
    void messageOnAPlatformWithoutLibtorchSaysSo() {
        String m = versions.missingMessage("Mac OS X", "x86_64", true, new RuntimeException("x"));
        assertTrue(m.contains("DJL 0.32.0 publishes no libtorch 2.5.1 for osx-x86_64"), m);
        assertFalse(m.contains("ai.djl.pytorch:"), m);
    }

    @Test
    void versionsOfThisBuildComeFromThePom() {
        String m = NativeLibtorch.ofThisBuild().missingMessage("Linux", "amd64", true, new RuntimeException("x"));
        assertTrue(m.matches(".*ai\\.djl\\.pytorch:pytorch-native-cpu:\\d+\\.\\d+\\.\\d+:linux-x86_64 \\(CPU\\).*"), m);
        assertTrue(m.matches(".*\\(DJL \\d+\\.\\d+\\.\\d+, libtorch \\d+\\.\\d+\\.\\d+\\).*"), m);
    }
}
