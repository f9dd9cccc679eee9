package io.github.edp4j.examples.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.edp4j.algos.ActingPolicy;
import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.algos.PolicyExport;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.onnx.OnnxPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The deployment figures of issue 14: acting through the public {@link Policy} API on libtorch ({@code torch}), on
 * ONNX Runtime ({@code onnx}, {@link OnnxPolicy} with one intra-op thread per suite thread) and, where a Python with
 * torch, numpy and safetensors is found, the plain-PyTorch peer ({@code peer}: the committed script {@code
 * edp4j_policy.py} of module edp-onnx acting with the same weights, exported as safetensors, and the same math,
 * {@code torch.set_num_threads} as the suite). Paper sizes (3 x 256 Mish, walker2d dimensions 17/6, {@code K = 1000},
 * DPM-Solver-3 with 15 calls, EAS over {@code N = 10}); one state (ms per call) and a batch (states per second).
 * Also the Gaussian actor and DTQL's one-step policy with selection, on both Java backends.
 *
 * <p>The peer runs as {@code $EDP4J_PYTHON} (or system property {@code edp4j.python}, default {@code python3}); without
 * it, its figures and ratios are reported unavailable with the reason.
 */
final class DeployFigures {

    /** In measurement order. */
    static final List<String> FIGURES = List.of(
            "deploy.torch.dpm3_1state", "deploy.torch.dpm3_batch", "deploy.onnx.dpm3_1state", "deploy.onnx.dpm3_batch",
            "deploy.torch.dpm3_eas_1state", "deploy.torch.dpm3_eas_batch", "deploy.onnx.dpm3_eas_1state",
            "deploy.onnx.dpm3_eas_batch", "deploy.torch.gaussian_1state", "deploy.torch.gaussian_batch",
            "deploy.onnx.gaussian_1state", "deploy.onnx.gaussian_batch", "deploy.torch.dtql_eas_1state",
            "deploy.torch.dtql_eas_batch", "deploy.onnx.dtql_eas_1state", "deploy.onnx.dtql_eas_batch",
            "deploy.peer.dpm3_1state", "deploy.peer.dpm3_eas_1state", "deploy.peer.dpm3_batch",
            "deploy.peer.dpm3_eas_batch");

    /** Latency ratios are time over time (lower is faster); throughput ratios states/s over states/s. */
    static final List<String> DERIVED = List.of(
            "ratio.onnx_over_peer_latency_dpm3_1state", "ratio.onnx_over_peer_latency_dpm3_eas_1state",
            "ratio.onnx_over_peer_throughput_dpm3_batch", "ratio.onnx_over_peer_throughput_dpm3_eas_batch",
            "ratio.torch_over_peer_latency_dpm3_1state", "ratio.torch_over_peer_latency_dpm3_eas_1state",
            "ratio.torch_over_peer_throughput_dpm3_batch",
            "ratio.onnx_over_torch_latency_dpm3_1state", "ratio.onnx_over_torch_latency_dpm3_eas_1state",
            "ratio.onnx_over_torch_throughput_dpm3_batch", "ratio.onnx_over_torch_throughput_dpm3_eas_batch");

    private final BenchSettings s;
    private final Consumer<Figure> sink;
    private final Map<String, String> unavailable;
    private final Map<String, Figure> figures = new LinkedHashMap<>();

    DeployFigures(BenchSettings settings, Consumer<Figure> sink, Map<String, String> unavailable) {
        this.s = settings;
        this.sink = f -> {
            figures.put(f.key(), f);
            sink.accept(f);
        };
        this.unavailable = unavailable;
    }

    void measure() {
        OfflineDataset data = SyntheticData.dataset("synthetic-walker2d-size", s.batchSize() * 4, s.observationDim(),
                s.actionDim(), s.seed() + 7);
        try (Policy edp = policy(Algorithm.IQL, PolicyClass.DIFFUSION, data);
                Policy gauss = policy(Algorithm.IQL, PolicyClass.GAUSSIAN, data);
                Policy dtql = policy(Algorithm.DTQL, PolicyClass.DIFFUSION, data)) {
            Policy single = edp.withActing(edp.acting().withEas(1, 1.0, false));
            both("dpm3", "DPM-Solver-3 (" + s.solverCalls() + " calls)", single);
            both("dpm3_eas", "DPM-Solver-3 + EAS (N=" + s.easCandidates() + ")", edp);
            both("gaussian", "Gaussian actor", gauss);
            both("dtql_eas", "DTQL one-step + EAS (N=" + s.easCandidates() + ")", dtql);
            peer(edp);
        }
    }

    /** One state and a batch, on libtorch then on ONNX Runtime. */
    private void both(String what, String label, Policy policy) {
        float[][] one = states(1);
        float[][] batch = states(s.samplingBatch());
        try (OnnxPolicy onnx = OnnxPolicy.of(policy, s.threads())) {
            for (String backend : List.of("torch", "onnx")) {
                ActingPolicy p = backend.equals("torch") ? policy : onnx;
                String name = backend.equals("torch") ? "libtorch" : "ONNX Runtime";
                sink.accept(new Figure("deploy." + backend + "." + what + "_1state", name + ": " + label + ", 1 state",
                        "ms", millis(p, one, s.samplingWarmup(), s.singleStateRounds())));
                sink.accept(new Figure("deploy." + backend + "." + what + "_batch", name + ": " + label + ", batch "
                        + batch.length, "states/s",
                        BenchmarkSuite.perSecond(batch.length, millis(p, batch, 1, s.batchRounds()))));
            }
        }
    }

    private Policy policy(Algorithm algo, PolicyClass pc, OfflineDataset data) {
        EdpTrainer.Builder b = EdpTrainer.builder().algo(algo).policy(pc).hidden(s.hidden())
                .activation(Activation.MISH).batchSize(s.batchSize()).steps(s.diffusionSteps())
                .sampler(s.solverCalls(), 3, TimeGrid.TIME_UNIFORM).eas(s.easCandidates(), 1.0).seed(s.seed())
                .threads(s.threads()).iterations(1).progress(false);
        if (algo == Algorithm.DTQL) {
            b = b.dtql(1.0, 0.0, 0);
        }
        return b.build().fit(data).policy();
    }

    private float[][] states(int rows) {
        SplittableRandom rnd = new SplittableRandom(s.seed() + 31L * rows);
        float[][] v = new float[rows][s.observationDim()];
        for (float[] row : v) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rnd.nextGaussian();
            }
        }
        return v;
    }

    private static double[] millis(ActingPolicy p, float[][] states, int warmup, int rounds) {
        double[] ms = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            long start = System.nanoTime();
            p.act(states);
            if (r >= 0) {
                ms[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        return ms;
    }

    // ---------------------------------------------------------------- the PyTorch peer

    static String python() {
        String p = System.getProperty("edp4j.python");
        if (p == null || p.isBlank()) {
            p = System.getenv("EDP4J_PYTHON");
        }
        return p == null || p.isBlank() ? "python3" : p;
    }

    private void peer(Policy edp) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("edp4j-bench-peer");
            Path script = dir.resolve("edp4j_policy.py");
            try (InputStream in = OnnxPolicy.class.getResourceAsStream("edp4j_policy.py")) {
                if (in == null) {
                    throw new IOException("the peer script edp4j_policy.py is not on the class path");
                }
                Files.copy(in, script);
            }
            Path weights = dir.resolve("policy.safetensors");
            PolicyExport.safetensors(edp, weights);
            List<String> cmd = new ArrayList<>(List.of(python(), script.toString(), "bench", weights.toString(),
                    "--rounds", Integer.toString(s.singleStateRounds()), "--batch",
                    Integer.toString(s.samplingBatch()), "--batch-rounds", Integer.toString(s.batchRounds()),
                    "--threads", Integer.toString(s.threads())));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(s.threads()));
            Process proc = pb.start();
            byte[] out = proc.getInputStream().readAllBytes();
            byte[] err = proc.getErrorStream().readAllBytes();
            if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
                String msg = new String(err, StandardCharsets.UTF_8).strip();
                String last = msg.isEmpty() ? "exit " + proc.exitValue() : msg.substring(msg.lastIndexOf('\n') + 1);
                peerUnavailable(python() + " with torch, numpy and safetensors is not available (" + last + ")");
                return;
            }
            JsonObject root = JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonObject f = root.getAsJsonObject("figures");
            String torch = root.get("torch").getAsString();
            int n = s.easCandidates();
            int b = s.samplingBatch();
            String label = "PyTorch " + torch + " peer: ";
            sink.accept(new Figure("deploy.peer.dpm3_1state", label + "DPM-Solver-3 (" + s.solverCalls()
                    + " calls), 1 state", "ms", values(f, "n1_batch1_ms")));
            sink.accept(new Figure("deploy.peer.dpm3_eas_1state", label + "DPM-Solver-3 + EAS (N=" + n
                    + "), 1 state", "ms", values(f, "n" + n + "_batch1_ms")));
            sink.accept(new Figure("deploy.peer.dpm3_batch", label + "DPM-Solver-3, batch " + b, "states/s",
                    BenchmarkSuite.perSecond(b, values(f, "n1_batch" + b + "_ms"))));
            sink.accept(new Figure("deploy.peer.dpm3_eas_batch", label + "DPM-Solver-3 + EAS, batch " + b,
                    "states/s", BenchmarkSuite.perSecond(b, values(f, "n" + n + "_batch" + b + "_ms"))));
        } catch (IOException e) {
            peerUnavailable(python() + " could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            peerUnavailable("interrupted");
        } finally {
            delete(dir);
        }
    }

    private static double[] values(JsonObject f, String key) {
        var a = f.getAsJsonArray(key);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    private void peerUnavailable(String reason) {
        for (String k : FIGURES) {
            if (k.startsWith("deploy.peer.")) {
                unavailable.put(k, reason);
            }
        }
        for (String k : DERIVED) {
            if (k.contains("_peer_")) {
                unavailable.put(k, reason);
            }
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** The derived ratios of the figures that were measured. */
    void derive(Map<String, Object> d) {
        ratio(d, "ratio.onnx_over_peer_latency_dpm3_1state", "deploy.onnx.dpm3_1state", "deploy.peer.dpm3_1state");
        ratio(d, "ratio.onnx_over_peer_latency_dpm3_eas_1state", "deploy.onnx.dpm3_eas_1state",
                "deploy.peer.dpm3_eas_1state");
        ratio(d, "ratio.onnx_over_peer_throughput_dpm3_batch", "deploy.onnx.dpm3_batch", "deploy.peer.dpm3_batch");
        ratio(d, "ratio.onnx_over_peer_throughput_dpm3_eas_batch", "deploy.onnx.dpm3_eas_batch",
                "deploy.peer.dpm3_eas_batch");
        ratio(d, "ratio.torch_over_peer_latency_dpm3_1state", "deploy.torch.dpm3_1state", "deploy.peer.dpm3_1state");
        ratio(d, "ratio.torch_over_peer_latency_dpm3_eas_1state", "deploy.torch.dpm3_eas_1state",
                "deploy.peer.dpm3_eas_1state");
        ratio(d, "ratio.torch_over_peer_throughput_dpm3_batch", "deploy.torch.dpm3_batch", "deploy.peer.dpm3_batch");
        ratio(d, "ratio.onnx_over_torch_latency_dpm3_1state", "deploy.onnx.dpm3_1state", "deploy.torch.dpm3_1state");
        ratio(d, "ratio.onnx_over_torch_latency_dpm3_eas_1state", "deploy.onnx.dpm3_eas_1state",
                "deploy.torch.dpm3_eas_1state");
        ratio(d, "ratio.onnx_over_torch_throughput_dpm3_batch", "deploy.onnx.dpm3_batch", "deploy.torch.dpm3_batch");
        ratio(d, "ratio.onnx_over_torch_throughput_dpm3_eas_batch", "deploy.onnx.dpm3_eas_batch",
                "deploy.torch.dpm3_eas_batch");
    }

    private void ratio(Map<String, Object> d, String key, String num, String den) {
        Figure a = figures.get(num);
        Figure b = figures.get(den);
        if (a != null && b != null) {
            d.put(key, a.median() / b.median());
        }
    }
}
