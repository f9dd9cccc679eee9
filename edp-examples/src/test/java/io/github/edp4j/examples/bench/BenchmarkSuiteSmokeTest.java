package io.github.edp4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.examples.cli.Edp4jCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole benchmark suite end to end in its smoke configuration (seconds) through {@code edp4j bench}: the JSON
 * report must hold every figure with median, min and max, every derived ratio, and the machine and runtime facts.
 * Nothing here is timed or compared with a speed.
 */
class BenchmarkSuiteSmokeTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run bench(String... args) {
        CommandLine cl = Edp4jCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cl.execute(all), out.toString(), err.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) assertInstanceOf(Map.class, o);
    }

    private static double number(Object o, String what) {
        Double d = assertInstanceOf(Double.class, o, what + " must be a number");
        assertTrue(Double.isFinite(d), what + " = " + d);
        return d;
    }

    @Test
    void smokeRunWritesEveryFigureWithMedianMinMaxAndPrintsTheTable(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("reports/bench.json");
        Run run = bench("--smoke", "--threads", "1", "--out", json.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.exists(json), "JSON written, missing directories created");

        Map<String, Object> root = map(parseStrict(Files.readString(json)));
        assertEquals("edp4j", root.get("benchmark"));
        assertEquals("smoke", root.get("configuration"));
        Map<String, Object> machine = map(root.get("machine"));
        for (String k : List.of("cpuModel", "os", "arch")) {
            assertInstanceOf(String.class, machine.get(k), k);
        }
        assertTrue(number(machine.get("availableProcessors"), "cores") >= 1);
        Map<String, Object> runtime = map(root.get("runtime"));
        for (String k : List.of("jvm", "djl", "libtorch", "edp4j")) {
            assertInstanceOf(String.class, runtime.get(k), k);
        }
        assertEquals(1.0, runtime.get("intraOpThreads"));
        Map<String, Object> settings = map(root.get("settings"));
        assertEquals("smoke", settings.get("name"));
        assertEquals(1.0, settings.get("threads"));

        Map<String, Object> figures = map(root.get("figures"));
        assertEquals(BenchmarkSuite.FIGURES, List.copyOf(figures.keySet()));
        for (String key : BenchmarkSuite.FIGURES) {
            Map<String, Object> f = map(figures.get(key));
            assertInstanceOf(String.class, f.get("unit"), key);
            assertInstanceOf(String.class, f.get("label"), key);
            double median = number(f.get("median"), key + ".median");
            double min = number(f.get("min"), key + ".min");
            double max = number(f.get("max"), key + ".max");
            assertTrue(min <= median && median <= max && min > 0, key + ": " + f);
            List<?> values = assertInstanceOf(List.class, f.get("values"), key);
            assertEquals(number(f.get("n"), key + ".n"), values.size(), key);
            assertTrue(run.out().contains((String) f.get("label")), "table row for " + key);
        }
        Map<String, Object> derived = map(root.get("derived"));
        assertEquals(BenchmarkSuite.DERIVED, List.copyOf(derived.keySet()));
        for (String key : BenchmarkSuite.DERIVED) {
            if (!key.startsWith("memory.") && !key.startsWith("machine.")) {
                assertTrue(number(derived.get(key), key) > 0, key);
            }
            assertTrue(run.out().contains(key), "table line for " + key);
        }
        List<?> series = assertInstanceOf(List.class, root.get("memorySeries"));
        assertEquals(4, series.size(), "one memory reading per logged window of the 200-iteration smoke run");
        for (Object point : series) {
            Map<String, Object> p = map(point);
            assertEquals(List.of("iteration", "rssMB", "jvmHeapCommittedMB", "iterationsPerSecond"),
                    List.copyOf(p.keySet()));
            assertTrue(number(p.get("rssMB"), "rssMB") > 0);
        }
        assertTrue(run.out().contains("JSON report: " + json.toAbsolutePath().normalize()), run.out());
        assertTrue(run.err().contains("[bench] "), "progress goes to stderr");
    }

    @Test
    void badOptionsAreOneLineErrors(@TempDir Path dir) {
        Run zero = bench("--smoke", "--threads", "0");
        assertEquals(2, zero.exitCode(), zero::toString);
        assertEquals("edp4j bench: --threads must be at least 1, got 0 (see 'edp4j bench --help')",
                zero.err().strip());
        Run directory = bench("--smoke", "--out", dir.toString());
        assertEquals(1, directory.exitCode(), directory::toString);
        assertEquals(1, directory.err().strip().lines().count(), directory::toString);
        assertTrue(directory.err().startsWith("edp4j bench: "), directory::toString);
        assertTrue(directory.err().contains("is a directory"), directory::toString);
    }

    /** Reads JSON strictly with Gson: objects become ordered maps, arrays lists, numbers doubles. */
    private static Object parseStrict(String text) {
        return new com.google.gson.GsonBuilder().setStrictness(com.google.gson.Strictness.STRICT).create()
                .fromJson(text, Object.class);
    }
}
