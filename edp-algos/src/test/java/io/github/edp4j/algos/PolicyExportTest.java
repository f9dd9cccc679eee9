package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.nn.ParameterSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PolicyExport}: the safetensors file has the documented layout (little-endian header length, JSON header
 * padded to 8 bytes, contiguous float32 tensors in PyTorch's (out, in) layout, metadata with the acting settings and
 * the solver plan), and the ONNX graph of a paper-size diffusion policy stays within its node budget (one-state
 * acting pays per node).
 */
class PolicyExportTest {

    private static Policy paperSize(Algorithm algo, PolicyClass pc) {
        TrainerConfig c = EdpTrainer.builder().algo(algo).policy(pc).eas(10, 1.0).build().config();
        ActionBounds bounds = ActionBounds.symmetric(6, 1f);
        NetworkFactory f = new NetworkFactory(c, 17, bounds);
        try (NDManager m = TorchRuntime.newManager()) {
            Actor actor = f.actor(m, false);
            TwinCritic critic = f.critic(m, false);
            Provenance prov = new Provenance(c, "walker2d-sized", "0", 0, Provenance.LIBRARY_VERSION, "0.32.0",
                    "2.5.1", "17", "2026-01-01T00:00:00Z", 0);
            return Policy.copyOf(c, 17, bounds, ObservationNormalizer.identity(17), prov, actor, critic);
        }
    }

    @Test
    void safetensorsHeaderShapesAndBytesFollowTheFormat(@TempDir Path dir) throws Exception {
        try (Policy p = paperSize(Algorithm.IQL, PolicyClass.DIFFUSION)) {
            Path file = dir.resolve("w.safetensors");
            PolicyExport.safetensors(p, file);
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = buf.getLong();
            assertEquals(0, headerLength % 8, "header padded to 8 bytes");
            JsonObject header = JsonParser.parseString(new String(bytes, 8, (int) headerLength,
                    StandardCharsets.UTF_8)).getAsJsonObject();
            JsonObject meta = header.getAsJsonObject("__metadata__");
            assertEquals("DIFFUSION", meta.get("edp4j.actor_kind").getAsString());
            assertEquals("10", meta.get("edp4j.eas_candidates").getAsString());
            JsonArray plan = JsonParser.parseString(meta.get("edp4j.solver_plan").getAsString()).getAsJsonArray();
            int calls = 0;
            for (var st : plan) {
                calls += st.getAsJsonObject().get("order").getAsInt();
            }
            assertEquals(15, calls, "the plan makes the policy's 15 model calls");
            long expectedOffset = 0;
            int tensors = 0;
            for (Map.Entry<String, com.google.gson.JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonObject t = e.getValue().getAsJsonObject();
                assertEquals("F32", t.get("dtype").getAsString());
                JsonArray off = t.getAsJsonArray("data_offsets");
                assertEquals(expectedOffset, off.get(0).getAsLong(), e.getKey() + " follows the previous tensor");
                long n = 1;
                for (var d : t.getAsJsonArray("shape")) {
                    n *= d.getAsLong();
                }
                assertEquals(4 * n, off.get(1).getAsLong() - off.get(0).getAsLong(), e.getKey());
                expectedOffset = off.get(1).getAsLong();
                tensors++;
            }
            assertEquals(8 + headerLength + expectedOffset, bytes.length, "nothing after the last tensor");
            // the first body layer is stored (out, in) = (256, 6 + 16 + 17): element (o, i) is Java's (i, o)
            JsonObject w0 = header.getAsJsonObject("actor.eps.0.weight");
            assertEquals("[256,39]", w0.getAsJsonArray("shape").toString());
            float[] java = p.withParts(parts -> parts.actor().parameters().get("eps.0.weight").toFloatArray());
            long base = 8 + headerLength + w0.getAsJsonArray("data_offsets").get(0).getAsLong();
            for (int[] oi : new int[][] {{0, 0}, {3, 7}, {255, 38}}) {
                float stored = buf.getFloat((int) (base + 4L * (oi[0] * 39 + oi[1])));
                assertEquals(java[oi[1] * 256 + oi[0]], stored, 0f, "element " + oi[0] + "," + oi[1]);
            }
            ParameterSet critic = p.withParts(parts -> parts.critic().parameters());
            assertEquals(4 + p.withParts(parts -> parts.actor().parameters().names().size()) + critic.names().size()
                    + 4, tensors, "normaliser, bounds, actor, critic and reference tensors");
            // the reference batch: the library's own actions for the stored inputs
            float[] obs = floats(buf, header, headerLength, "reference.observation");
            float[] noise = floats(buf, header, headerLength, "reference.noise");
            float[] u = floats(buf, header, headerLength, "reference.uniform");
            float[] actions = floats(buf, header, headerLength, "reference.action");
            assertEquals(8 * 10 * 6, noise.length);
            float[][] rows = new float[8][17];
            for (int i = 0; i < 8; i++) {
                System.arraycopy(obs, i * 17, rows[i], 0, 17);
            }
            float[][] again = p.act(rows, noise, u);
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 6; j++) {
                    assertEquals(again[i][j], actions[i * 6 + j], 0f);
                }
            }
        }
    }

    private static float[] floats(ByteBuffer buf, JsonObject header, long headerLength, String name) {
        JsonArray off = header.getAsJsonObject(name).getAsJsonArray("data_offsets");
        long from = 8 + headerLength + off.get(0).getAsLong();
        float[] v = new float[(int) ((off.get(1).getAsLong() - off.get(0).getAsLong()) / 4)];
        for (int i = 0; i < v.length; i++) {
            v[i] = buf.getFloat((int) (from + 4L * i));
        }
        return v;
    }

    @Test
    void paperSizeDiffusionGraphStaysWithinItsNodeBudget() {
        try (Policy p = paperSize(Algorithm.IQL, PolicyClass.DIFFUSION)) {
            int nodes = p.withParts(PolicyGraph::nodeCount);
            // per model call: 4 Gemm, 3 x 7 Mish, 3 clipping nodes; 15 calls, about 25 combination nodes, the twin
            // critics (about 30) and selection, normalisation, clipping (about 15)
            assertTrue(nodes <= 15 * 28 + 80, "nodes: " + nodes);
            byte[] model = PolicyExport.onnx(p);
            assertTrue(model.length > 4 * 3 * 256 * 256, "the weights are in the model: " + model.length + " bytes");
        }
    }

    @Test
    void exportOfAClosedPolicyIsRefused() {
        Policy p = paperSize(Algorithm.TD3, PolicyClass.GAUSSIAN);
        p.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PolicyExport.onnx(p));
        assertTrue(e.getMessage().startsWith("policy is closed"), e.getMessage());
        assertArrayEquals(new float[] {-1f}, new float[] {p.actionBounds().low(0)});
    }
}
