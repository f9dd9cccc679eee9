package io.github.edp4j.examples.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Collection;
import java.util.Map;

/**
 * Writes benchmark reports as JSON with Gson: maps (in their iteration order), collections, {@code double[]},
 * {@code int[]}, numbers, strings, booleans and {@code null}. Non-finite numbers are written as {@code null}, as
 * JSON has no NaN; integral doubles below 1e15 are written without a fraction ({@code 256}, not {@code 256.0}).
 */
final class Json {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();

    private Json() {}

    /**
     * @param value the value to write
     * @return indented JSON text ending with a line break
     */
    static String write(Object value) {
        return GSON.toJson(tree(value)) + "\n";
    }

    private static JsonElement tree(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        } else if (v instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            map.forEach((k, x) -> o.add(String.valueOf(k), tree(x)));
            return o;
        } else if (v instanceof Collection<?> c) {
            JsonArray a = new JsonArray();
            c.forEach(x -> a.add(tree(x)));
            return a;
        } else if (v instanceof double[] d) {
            JsonArray a = new JsonArray();
            for (double x : d) {
                a.add(number(x));
            }
            return a;
        } else if (v instanceof int[] ints) {
            JsonArray a = new JsonArray();
            for (int x : ints) {
                a.add(x);
            }
            return a;
        } else if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            return new JsonPrimitive(n);
        } else if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(v.toString());
    }

    private static JsonElement number(double d) {
        if (!Double.isFinite(d)) {
            return JsonNull.INSTANCE;
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? new JsonPrimitive((long) d) : new JsonPrimitive(d);
    }
}
