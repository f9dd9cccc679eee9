package io.github.edp4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The native libtorch artifacts that DJL publishes on Maven Central for the DJL and PyTorch versions of this build,
 * per platform, and the message naming the one to add when DJL's PyTorch engine cannot be loaded.
 *
 * <p>The library modules depend only on DJL's API, its PyTorch engine and the JNI jar; the application chooses the
 * native library (README, "Use it from Maven"). What exists is what DJL's own BOM ({@code ai.djl:bom}, version
 * {@code djl}) manages and what {@code pytorch-jni} carries JNI code for: for PyTorch 2.5.1 and DJL 0.32.0,
 * {@code pytorch-native-cpu} for linux-x86_64, osx-aarch64 and win-x86_64, {@code pytorch-native-cpu-precxx11} for
 * linux-aarch64 (and linux-x86_64 with an old glibc), {@code pytorch-native-cu124} for linux-x86_64 and win-x86_64.
 * DJL dropped macOS on x86-64 in 0.30.0.
 */
final class NativeLibtorch {

    private static final String RESOURCE = "native-libtorch.properties";
    private static final String GROUP = "ai.djl.pytorch";

    private final String djlVersion;
    private final String pytorchVersion;

    NativeLibtorch(String djlVersion, String pytorchVersion) {
        this.djlVersion = djlVersion;
        this.pytorchVersion = pytorchVersion;
    }

    /** @return the versions this build was made with (from a resource filled in by Maven) */
    static NativeLibtorch ofThisBuild() {
        Properties p = new Properties();
        try (InputStream in = NativeLibtorch.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the edp-core jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE + " of the edp-core jar", e);
        }
        return new NativeLibtorch(p.getProperty("djl"), p.getProperty("pytorch"));
    }

    /**
     * DJL's platform classifier for a JVM's {@code os.name} and {@code os.arch}.
     *
     * @param osName the value of {@code os.name}, such as {@code Linux}, {@code Mac OS X}, {@code Windows 11}
     * @param osArch the value of {@code os.arch}, such as {@code amd64}, {@code x86_64}, {@code aarch64}
     * @return such as {@code linux-x86_64}, {@code osx-aarch64}, {@code win-x86_64}; unknown systems keep their
     *     lower-cased names
     */
    static String classifier(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux"
                : name.startsWith("mac") || name.startsWith("darwin") ? "osx"
                : name.startsWith("windows") ? "win"
                : name.replaceAll("[^a-z0-9]", "");
        String a = osArch.toLowerCase(Locale.ROOT);
        String arch = a.equals("amd64") || a.equals("x86_64") || a.equals("x64") ? "x86_64"
                : a.equals("aarch64") || a.equals("arm64") ? "aarch64"
                : a.replaceAll("[^a-z0-9_]", "");
        return os + "-" + arch;
    }

    /**
     * @param classifier a DJL platform classifier ({@link #classifier})
     * @param cuda the CUDA 12.4 build rather than the CPU one
     * @return the coordinates {@code group:artifact:version:classifier} of the native libtorch for that platform, or
     *     empty where DJL publishes none
     */
    Optional<String> artifact(String classifier, boolean cuda) {
        String artifact;
        switch (classifier) {
            case "linux-x86_64":
            case "win-x86_64":
                artifact = cuda ? "pytorch-native-cu124" : "pytorch-native-cpu";
                break;
            case "osx-aarch64":
                artifact = cuda ? null : "pytorch-native-cpu";
                break;
            case "linux-aarch64":
                // pytorch-jni carries only a pre-cxx11 JNI library for Linux on aarch64
                artifact = cuda ? null : "pytorch-native-cpu-precxx11";
                break;
            default:
                artifact = null;
        }
        return Optional.ofNullable(artifact).map(a -> GROUP + ":" + a + ":" + pytorchVersion + ":" + classifier);
    }

    /**
     * The message of the error raised when the PyTorch engine cannot be loaded: the platform detected and the
     * artifact to add for it (CPU, and CUDA where it exists), or the statement that DJL publishes none.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @param offline whether DJL's offline mode ({@code ai.djl.offline} or {@code DJL_OFFLINE}) was on
     * @param cause the loading failure
     * @return the message
     */
    String missingMessage(String osName, String osArch, boolean offline, Throwable cause) {
        String platform = classifier(osName, osArch);
        StringBuilder m = new StringBuilder("EDP4J could not load DJL's PyTorch engine (DJL ").append(djlVersion)
                .append(", libtorch ").append(pytorchVersion).append(") on this platform, ").append(platform)
                .append(" (os.name=").append(osName).append(", os.arch=").append(osArch).append("). ");
        Optional<String> cpu = artifact(platform, false);
        if (cpu.isPresent()) {
            m.append("Add the native library to the application's runtime dependencies: ").append(cpu.get())
                    .append(" (CPU)");
            artifact(platform, true).ifPresent(c -> m.append(", or ").append(c).append(" (CUDA 12.4)"));
            m.append("; io.github.edp4j:edp4j-bom manages its version. ");
        } else {
            m.append("DJL ").append(djlVersion).append(" publishes no libtorch ").append(pytorchVersion)
                    .append(" for ").append(platform).append("; it has one for linux-x86_64, linux-aarch64,"
                            + " osx-aarch64 and win-x86_64. ");
        }
        m.append(offline
                ? "DJL's offline mode is on (ai.djl.offline or DJL_OFFLINE), so it did not try to download one. "
                : "DJL's automatic download of a native library did not succeed either. ");
        m.append("Cause: ").append(cause.getMessage());
        return m.toString();
    }
}
