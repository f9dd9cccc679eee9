package io.github.edp4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.edp4j.d4rl.mujoco.MuJoCo;
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
 * report must hold every figure with median, min and max, every derived ratio, and the machine and runtime facts;
 * the MuJoCo figures when libmujoco is installed, else each one marked unavailable with the reason. Nothing here is
 * timed or compared with a speed.
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
        Map<String, Object> unavailable = map(root.get("unavailable"));
        checkPeerFigures(figures, unavailable, run);
        checkMuJoCoFigures(figures, withoutPeer(unavailable), map(root.get("derived")), run);
        assertEquals(BenchmarkSuite.FIGURES.stream().filter(k -> !unavailable.containsKey(k)).toList(),
                List.copyOf(figures.keySet()), "every figure that was not unavailable, in order");
        for (String key : figures.keySet()) {
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
        assertEquals(BenchmarkSuite.DERIVED.stream().filter(k -> !unavailable.containsKey(k)).toList(),
                List.copyOf(derived.keySet()));
        for (String key : derived.keySet()) {
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

    private static boolean peerKey(String key) {
        return key.startsWith("deploy.peer.") || key.contains("_peer_");
    }

    private static Map<String, Object> withoutPeer(Map<String, Object> unavailable) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(unavailable);
        out.keySet().removeIf(BenchmarkSuiteSmokeTest::peerKey);
        return out;
    }

    /**
     * The deployment figures: libtorch and ONNX Runtime always; the PyTorch peer's figures and ratios either all
     * measured (a Python with torch was found) or all unavailable with one reason naming the Python, which the table
     * prints.
     */
    private static void checkPeerFigures(Map<String, Object> figures, Map<String, Object> unavailable, Run run) {
        for (String key : BenchmarkSuite.FIGURES) {
            if (key.startsWith("deploy.torch.") || key.startsWith("deploy.onnx.")) {
                assertTrue(figures.containsKey(key), key);
            }
        }
        List<String> peer = java.util.stream.Stream.concat(BenchmarkSuite.FIGURES.stream(),
                BenchmarkSuite.DERIVED.stream()).filter(BenchmarkSuiteSmokeTest::peerKey).toList();
        assertEquals(11, peer.size(), "4 peer figures and 7 ratios against the peer");
        if (figures.containsKey("deploy.peer.dpm3_1state")) {
            for (String key : peer) {
                assertFalse(unavailable.containsKey(key), key);
            }
            return;
        }
        Object reason = unavailable.get("deploy.peer.dpm3_1state");
        assertInstanceOf(String.class, reason);
        assertTrue(((String) reason).contains("python"), (String) reason);
        for (String key : peer) {
            if (key.startsWith("deploy.peer.") || key.contains("_over_peer_")) {
                assertEquals(reason, unavailable.get(key), key);
            }
        }
        assertTrue(run.out().contains("not measured (n/a): " + reason), run.out());
    }

    /**
     * With libmujoco: the MuJoCo figures are there and sane (rates positive, the physics inside the episode shorter
     * than the episode, its share in [0, 1] and equal to their ratio round by round, the derived time for a million
     * collected steps consistent with the measured rate). Without it: each of them is listed as unavailable with
     * {@link MuJoCo#unavailableReason()}, which the table prints; CI, which installs MuJoCo, requires the first.
     */
    private static void checkMuJoCoFigures(Map<String, Object> figures, Map<String, Object> unavailable,
            Map<String, Object> derived, Run run) {
        List<String> keys = List.of("env.hopper_steps", "env.walker2d_steps", "env.halfcheetah_steps",
                "eval.halfcheetah_episode", "eval.halfcheetah_physics", "eval.halfcheetah_physics_share",
                "collect.halfcheetah_expert");
        String million = "collect.halfcheetah_expert_1m_steps_minutes";
        assertTrue(BenchmarkSuite.FIGURES.containsAll(keys), "the MuJoCo figures are listed");
        assertTrue(BenchmarkSuite.DERIVED.contains(million));
        if (!MuJoCo.isAvailable()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so MuJoCo is required: " + MuJoCo.unavailableReason());
            }
            List<String> all = new java.util.ArrayList<>(keys);
            all.add(million);
            assertEquals(all, List.copyOf(unavailable.keySet()));
            for (String key : all) {
                assertEquals(MuJoCo.unavailableReason(), unavailable.get(key), key);
            }
            assertTrue(run.out().contains("not measured (n/a): " + MuJoCo.unavailableReason()), run.out());
            return;
        }
        assertEquals(Map.of(), unavailable, "everything is measured when MuJoCo is present");
        for (String key : keys) {
            assertTrue(figures.containsKey(key), key);
        }
        List<Double> episode = numbers(map(figures.get("eval.halfcheetah_episode")).get("values"));
        List<Double> physics = numbers(map(figures.get("eval.halfcheetah_physics")).get("values"));
        List<Double> share = numbers(map(figures.get("eval.halfcheetah_physics_share")).get("values"));
        assertEquals(episode.size(), physics.size());
        assertEquals(episode.size(), share.size());
        for (int i = 0; i < episode.size(); i++) {
            assertTrue(physics.get(i) > 0 && physics.get(i) < episode.get(i), "round " + i + ": physics "
                    + physics.get(i) + " s inside an episode of " + episode.get(i) + " s");
            assertTrue(share.get(i) > 0 && share.get(i) <= 1, "share " + share.get(i));
            assertEquals(physics.get(i) / episode.get(i), share.get(i), 1e-6, "round " + i);
        }
        double rate = number(map(figures.get("collect.halfcheetah_expert")).get("median"), "collection rate");
        assertEquals(1e6 / rate / 60, number(derived.get(million), million), 1e-9 * (1e6 / rate / 60));
    }

    private static List<Double> numbers(Object values) {
        List<?> list = assertInstanceOf(List.class, values);
        return list.stream().map(v -> number(v, "value")).toList();
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
