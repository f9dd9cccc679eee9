package io.github.edp4j.d4rl.experts;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reader of the safetensors format (Hugging Face): an 8-byte little-endian header length {@code n}, {@code n}
 * bytes of JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into
 * the data that follows the header) plus an optional {@code "__metadata__"} object of strings, then the raw
 * little-endian tensor data. Floating-point tensors ({@code F64}, {@code F32}, {@code F16}, {@code BF16}) are read as
 * {@code float}; integer tensors ({@code I64}, {@code I32}, {@code I16}, {@code I8}, {@code U8}, {@code BOOL}) as
 * {@code long}. Every tensor is validated: its byte range lies in the data, matches its shape and dtype, and no two
 * tensors overlap. Immutable.
 */
public final class SafeTensors {

    /** The most header bytes accepted (the format's own limit is 100 MB). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    /**
     * One tensor's description.
     *
     * @param name the tensor's name
     * @param dtype the safetensors dtype, such as {@code F32}
     * @param shape the dimensions, empty for a scalar
     */
    public record TensorInfo(String name, String dtype, List<Long> shape) {

        /** @return the number of elements, the product of the dimensions */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final String source;
    private final Map<String, TensorInfo> infos;
    private final Map<String, ByteBuffer> data;
    private final Map<String, String> metadata;

    private SafeTensors(String source, Map<String, TensorInfo> infos, Map<String, ByteBuffer> data,
            Map<String, String> metadata) {
        this.source = source;
        this.infos = infos;
        this.data = data;
        this.metadata = metadata;
    }

    /**
     * @param file a safetensors file
     * @return its tensors
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and the defect if it is not valid safetensors
     */
    public static SafeTensors read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param in a stream holding a safetensors file, read to its end (not closed)
     * @param source what the stream is, for messages
     * @return its tensors
     * @throws UncheckedIOException if the stream cannot be read
     * @throws IllegalArgumentException naming the source and the defect if it is not valid safetensors
     */
    public static SafeTensors read(InputStream in, String source) {
        Objects.requireNonNull(in, "in");
        try {
            return parse(in.readAllBytes(), source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param bytes the whole contents of a safetensors file
     * @param source what the bytes are, for messages
     * @return its tensors
     * @throws IllegalArgumentException naming the source and the defect if the bytes are not valid safetensors
     */
    public static SafeTensors parse(byte[] bytes, String source) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < 8) {
            throw bad(source, "has " + bytes.length + " bytes, fewer than the 8 of the header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8L) {
            throw bad(source, "declares a header of " + headerLength + " bytes, but the file has "
                    + (bytes.length - 8) + " bytes after the length (allowed 2 to " + MAX_HEADER_BYTES + ")");
        }
        int dataStart = 8 + (int) headerLength;
        int dataLength = bytes.length - dataStart;
        JsonObject header;
        try {
            JsonElement parsed = JsonParser.parseString(
                    new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8).trim());
            if (!parsed.isJsonObject()) {
                throw bad(source, "has a header that is not a JSON object");
            }
            header = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw bad(source, "has a header that is not valid JSON (" + e.getMessage() + ")");
        }
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        Map<String, ByteBuffer> data = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        long[][] ranges = new long[header.size()][];
        int tensors = 0;
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                readMetadata(source, e.getValue(), metadata);
                continue;
            }
            long[] range = readTensor(source, name, e.getValue(), dataLength, infos);
            ranges[tensors++] = range;
            data.put(name, ByteBuffer.wrap(bytes, dataStart + (int) range[0], (int) (range[1] - range[0]))
                    .slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
        long[][] sorted = Arrays.copyOf(ranges, tensors);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i][0] < sorted[i - 1][1]) {
                throw bad(source, "has tensors whose data overlap (bytes " + sorted[i][0] + " to "
                        + sorted[i - 1][1] + ")");
            }
        }
        return new SafeTensors(source, Collections.unmodifiableMap(infos), data,
                Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(String source, JsonElement value, Map<String, String> out) {
        if (!value.isJsonObject()) {
            throw bad(source, "has a __metadata__ that is not a JSON object");
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                throw bad(source, "has __metadata__ entry '" + m.getKey() + "' that is not a string");
            }
            out.put(m.getKey(), m.getValue().getAsString());
        }
    }

    private static long[] readTensor(String source, String name, JsonElement value, int dataLength,
            Map<String, TensorInfo> infos) {
        if (!value.isJsonObject()) {
            throw bad(source, "has tensor '" + name + "' whose entry is not a JSON object");
        }
        JsonObject o = value.getAsJsonObject();
        String dtype = string(source, name, o, "dtype");
        int width = width(dtype);
        if (width == 0) {
            throw bad(source, "has tensor '" + name + "' of dtype " + dtype
                    + "; supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL");
        }
        long[] shape = longs(source, name, o, "shape", -1);
        long[] offsets = longs(source, name, o, "data_offsets", 2);
        long elements = 1;
        for (long d : shape) {
            if (d < 0) {
                throw bad(source, "has tensor '" + name + "' with a negative dimension " + d);
            }
            elements = Math.multiplyExact(elements, d);
        }
        if (offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength) {
            throw bad(source, "has tensor '" + name + "' with data_offsets [" + offsets[0] + ", " + offsets[1]
                    + "] outside the " + dataLength + " data bytes");
        }
        if (offsets[1] - offsets[0] != elements * width) {
            throw bad(source, "has tensor '" + name + "' of shape " + Arrays.toString(shape) + " and dtype " + dtype
                    + " (" + elements * width + " bytes) but data_offsets span " + (offsets[1] - offsets[0])
                    + " bytes");
        }
        infos.put(name, new TensorInfo(name, dtype, Arrays.stream(shape).boxed().toList()));
        return offsets;
    }

    private static String string(String source, String name, JsonObject o, String key) {
        JsonElement v = o.get(key);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw bad(source, "has tensor '" + name + "' without a string '" + key + "'");
        }
        return v.getAsString();
    }

    private static long[] longs(String source, String name, JsonObject o, String key, int length) {
        JsonElement v = o.get(key);
        if (v == null || !v.isJsonArray() || (length >= 0 && v.getAsJsonArray().size() != length)) {
            throw bad(source, "has tensor '" + name + "' without an integer array '" + key + "'"
                    + (length >= 0 ? " of " + length + " entries" : ""));
        }
        JsonArray a = v.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()
                    || x.getAsDouble() != Math.rint(x.getAsDouble())) {
                throw bad(source, "has tensor '" + name + "' whose '" + key + "' holds a non-integer " + x);
            }
            out[i] = x.getAsLong();
        }
        return out;
    }

    private static int width(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> 0;
        };
    }

    /** IEEE 754 binary16 to float (exact: every half value is a float). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static IllegalArgumentException bad(String source, String what) {
        return new IllegalArgumentException("safetensors " + source + " " + what);
    }

    /** @return the tensors' descriptions by name, in header order */
    public Map<String, TensorInfo> tensors() {
        return infos;
    }

    /** @return the {@code __metadata__} strings, empty if there are none */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * @param name a tensor name
     * @return the tensor's description
     * @throws IllegalArgumentException listing the tensor names if there is no such tensor
     */
    public TensorInfo info(String name) {
        TensorInfo info = infos.get(name);
        if (info == null) {
            throw new IllegalArgumentException("safetensors " + source + " has no tensor '" + name + "'; it has "
                    + infos.keySet());
        }
        return info;
    }

    /**
     * A floating-point tensor's values in row-major order, converted to {@code float}.
     *
     * @param name a tensor name
     * @return a new array of its values
     * @throws IllegalArgumentException if there is no such tensor or it is not of a floating-point dtype
     */
    public float[] floats(String name) {
        TensorInfo info = info(name);
        ByteBuffer b = data.get(name).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[Math.toIntExact(info.elements())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (info.dtype()) {
                case "F64" -> (float) b.getDouble();
                case "F32" -> b.getFloat();
                case "F16" -> halfToFloat(b.getShort());
                case "BF16" -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
                default -> throw new IllegalArgumentException("safetensors " + source + " tensor '" + name
                        + "' has dtype " + info.dtype() + ", not a floating-point dtype (F64, F32, F16, BF16)");
            };
        }
        return out;
    }

    /**
     * An integer tensor's values in row-major order, converted to {@code long} ({@code U8} unsigned, {@code BOOL}
     * as 0 or 1).
     *
     * @param name a tensor name
     * @return a new array of its values
     * @throws IllegalArgumentException if there is no such tensor or it is not of an integer dtype
     */
    public long[] longs(String name) {
        TensorInfo info = info(name);
        ByteBuffer b = data.get(name).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[Math.toIntExact(info.elements())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (info.dtype()) {
                case "I64" -> b.getLong();
                case "I32" -> b.getInt();
                case "I16" -> b.getShort();
                case "I8" -> b.get();
                case "U8", "BOOL" -> b.get() & 0xFF;
                default -> throw new IllegalArgumentException("safetensors " + source + " tensor '" + name
                        + "' has dtype " + info.dtype() + ", not an integer dtype (I64, I32, I16, I8, U8, BOOL)");
            };
        }
        return out;
    }
}
