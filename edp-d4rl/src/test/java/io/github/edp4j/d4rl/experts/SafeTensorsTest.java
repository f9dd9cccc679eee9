package io.github.edp4j.d4rl.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader against a file written by the Python safetensors library (make_expert_fixtures.py) and bad bytes. */
class SafeTensorsTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SafeTensorsTest.class.getResourceAsStream("/experts/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsEveryDtypeOfAFileWrittenByThePythonLibrary() throws IOException {
        SafeTensors t = SafeTensors.parse(resource("known.safetensors"), "known.safetensors");
        JsonObject expected = JsonParser.parseString(new String(resource("known.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertEquals(expected.keySet(), t.tensors().keySet());
        assertEquals(Map.of("purpose", "test", "format", "np"), t.metadata());
        for (Map.Entry<String, JsonElement> e : expected.entrySet()) {
            JsonObject x = e.getValue().getAsJsonObject();
            String name = e.getKey();
            List<Long> shape = new java.util.ArrayList<>();
            x.getAsJsonArray("shape").forEach(d -> shape.add(d.getAsLong()));
            assertEquals(shape, t.info(name).shape(), name);
            var values = x.getAsJsonArray("values");
            if (x.get("dtype").getAsString().startsWith("float")) {
                float[] got = t.floats(name);
                assertEquals(values.size(), got.length, name);
                for (int i = 0; i < got.length; i++) {
                    assertEquals((float) values.get(i).getAsDouble(), got[i], 0f, name + "[" + i + "]");
                }
            } else {
                long[] got = t.longs(name);
                assertEquals(values.size(), got.length, name);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(values.get(i).getAsLong(), got[i], name + "[" + i + "]");
                }
            }
        }
        assertEquals("F16", t.info("half_f16").dtype());
        assertEquals(1, t.info("scalar_f32").elements());
        assertThrows(IllegalArgumentException.class, () -> t.longs("matrix_f32"));
        assertThrows(IllegalArgumentException.class, () -> t.floats("index_i64"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.floats("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("matrix_f32"), e.getMessage());
    }

    /** A file assembled byte by byte: BF16 and padded header, which the Python fixture does not cover. */
    @Test
    void readsHandWrittenBytes() {
        byte[] file = file("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}   ",
                new byte[] {(byte) 0x80, 0x3F, (byte) 0xC0, (byte) 0xC0, 0, 0, (byte) 0x80, (byte) 0xBF});
        SafeTensors t = SafeTensors.parse(file, "hand");
        assertArrayEquals(new float[] {1f, -6f}, t.floats("w"));
        assertArrayEquals(new float[] {-1f}, t.floats("v"));
        assertEquals(Map.of(), t.metadata());
    }

    @Test
    void rejectsMalformedFilesWithTheDefect() {
        assertBad(new byte[3], "fewer than the 8");
        assertBad(file("{}", new byte[0]).length == 10 ? withLength(file("{}", new byte[0]), 1000) : null,
                "declares a header of 1000");
        assertBad(file("[1, 2]", new byte[0]), "not a JSON object");
        assertBad(file("{\"a\":", new byte[0]), "not valid JSON");
        assertBad(file("{\"a\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]),
                "dtype C64");
        assertBad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]),
                "(12 bytes) but data_offsets span 8");
        assertBad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[4]),
                "outside the 4 data bytes");
        assertBad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]), "overlap");
        assertBad(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", new byte[0]),
                "negative dimension");
        assertBad(file("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "'dtype'");
        assertBad(file("{\"__metadata__\":{\"k\":3}}", new byte[0]), "'k' that is not a string");
    }

    private static void assertBad(byte[] bytes, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.parse(bytes, "bad.safetensors"));
        assertTrue(e.getMessage().contains("bad.safetensors") && e.getMessage().contains(fragment),
                e.getMessage());
    }

    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    private static byte[] withLength(byte[] file, long length) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return file;
    }
}
