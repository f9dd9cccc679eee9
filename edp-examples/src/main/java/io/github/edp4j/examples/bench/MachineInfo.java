package io.github.edp4j.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.edp4j.algos.Provenance;
import io.github.edp4j.core.TorchRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts about the machine and the runtime a benchmark ran on, read from the JVM, libtorch and (on Linux)
 * {@code /proc}: CPU model and flags, cores, memory, load, OS, JVM, DJL and libtorch versions and thread counts.
 * Missing facts (another OS, an unreadable file) are reported as {@code "unknown"} or NaN, never as a failure.
 */
final class MachineInfo {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path SELF_STATUS = Path.of("/proc/self/status");

    private MachineInfo() {}

    /** @return machine facts: CPU model, flags of interest, cores, memory, OS, load average */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> cpu = lines(CPUINFO);
        m.put("cpuModel", field(cpu, "model name").orElse("unknown"));
        m.put("cpuMHz", field(cpu, "cpu MHz").orElse("unknown"));
        String flags = " " + field(cpu, "flags").orElse("") + " ";
        m.put("avx2", flags.contains(" avx2 "));
        m.put("avx512f", flags.contains(" avx512f "));
        m.put("logicalProcessors", cpu.stream().filter(l -> l.startsWith("processor")).count());
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("memoryTotalMB", field(lines(MEMINFO), "MemTotal").map(MachineInfo::kbToMb).orElse(Double.NaN));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("loadAverageAtStart", loadAverage());
        return m;
    }

    /** @return runtime facts: JVM, DJL, libtorch, EDP4J, threads, heap */
    static Map<String, Object> runtime() {
        Engine engine = TorchRuntime.engine();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("jvmVendor", System.getProperty("java.vendor"));
        m.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        m.put("djl", Engine.getDjlVersion());
        m.put("engine", engine.getEngineName());
        m.put("libtorch", engine.getVersion());
        m.put("edp4j", Provenance.LIBRARY_VERSION);
        m.put("intraOpThreads", TorchRuntime.threads());
        m.put("interOpThreads", JniUtils.getNumInteropThreads());
        m.put("device", "cpu");
        return m;
    }

    /** @return the system load average over the last minute, or NaN where the OS does not report it */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** @return this process's resident set size in MiB ({@code VmRSS} of {@code /proc/self/status}), or NaN */
    static double residentMegabytes() {
        return field(lines(SELF_STATUS), "VmRSS").map(MachineInfo::kbToMb).orElse(Double.NaN);
    }

    private static double kbToMb(String v) {
        String digits = v.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? Double.NaN : Long.parseLong(digits) / 1024.0;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isReadable(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The value of the first {@code key : value} line whose key is {@code key}. */
    private static java.util.Optional<String> field(List<String> lines, String key) {
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).strip().equalsIgnoreCase(key)) {
                return java.util.Optional.of(l.substring(colon + 1).strip());
            }
        }
        return java.util.Optional.empty();
    }
}
