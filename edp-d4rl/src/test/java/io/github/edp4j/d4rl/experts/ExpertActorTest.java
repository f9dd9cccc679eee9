package io.github.edp4j.d4rl.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Java actors against numpy (float64 math on the same weights, make_expert_fixtures.py). */
class ExpertActorTest {

    private static JsonObject reference() throws IOException {
        try (InputStream in = ExpertActorTest.class.getResourceAsStream("/experts/expert_reference.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static float[] row(JsonArray rows, int i) {
        JsonArray r = rows.get(i).getAsJsonArray();
        float[] out = new float[r.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = r.get(j).getAsFloat();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hopper", "walker2d", "halfcheetah"})
    void matchesTheNumpyReference(String env) throws IOException {
        JsonObject ref = reference().getAsJsonObject(env);
        ExpertActor actor = ExpertActor.builtin(env);
        JsonArray obs = ref.getAsJsonArray("observations");
        assertEquals(row(obs, 0).length, actor.observationDim());
        for (int i = 0; i < obs.size(); i++) {
            float[] o = row(obs, i);
            float[][] g = actor.meanAndLogStd(o);
            // float32 accumulation over 256 terms against float64: agreement to about 1e-5 relative
            assertArrayEquals(row(ref.getAsJsonArray("mean"), i), g[0], 2e-4f, env + " mean " + i);
            assertArrayEquals(row(ref.getAsJsonArray("log_std"), i), g[1], 2e-4f, env + " log_std " + i);
            assertArrayEquals(row(ref.getAsJsonArray("deterministic"), i), actor.act(o), 2e-5f, env + " act " + i);
            float[] z = row(ref.getAsJsonArray("z"), i);
            double[] zd = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                zd[j] = ref.getAsJsonArray("z").get(i).getAsJsonArray().get(j).getAsDouble();
            }
            assertArrayEquals(row(ref.getAsJsonArray("stochastic"), i), actor.act(o, zd), 2e-4f,
                    env + " sample " + i);
        }
    }

    @Test
    void shapesNamesAndBadInput() {
        ExpertActor hopper = ExpertActor.builtin("Hopper-v3");
        assertEquals(11, hopper.observationDim());
        assertEquals(3, hopper.actionDim());
        assertEquals(17, ExpertActor.builtin("walker2d-medium-v2").observationDim());
        assertEquals(6, ExpertActor.builtin("halfcheetah").actionDim());
        assertEquals(List.of("halfcheetah", "hopper", "walker2d"), ExpertActor.environments());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExpertActor.builtin("ant"));
        assertTrue(e.getMessage().contains("'ant'") && e.getMessage().contains("walker2d"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> hopper.act(new float[17]));
        assertTrue(e.getMessage().contains("length 11, got 17"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hopper.act(new float[11], new double[2]));
        for (float a : hopper.act(new float[11], new double[] {50, -50, 0})) {
            assertTrue(a >= -1f && a <= 1f, "squashed action " + a);
        }
    }
}
