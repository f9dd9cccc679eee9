package io.github.edp4j.algos;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small builder of ONNX models (opset 17, IR version 8) written straight to the protobuf wire format of {@code
 * onnx.proto} (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto, AttributeProto), so that exporting a
 * policy needs no protobuf or ONNX library. Only float32 and int64 tensors are written; weights go into {@code
 * raw_data} in little-endian order, as the format requires.
 *
 * <p>Not thread-safe; one instance builds one model.
 */
final class OnnxGraph {

    /** The ONNX operator set the graphs use (ONNX Runtime 1.2x runs it). */
    static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    static final int IR_VERSION = 8;
    /** TensorProto.DataType FLOAT. */
    static final int FLOAT = 1;
    /** TensorProto.DataType INT64. */
    static final int INT64 = 7;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final String name;
    private int counter;
    private int nodeCount;

    OnnxGraph(String name) {
        this.name = name;
    }

    /** @return a fresh value name with the given prefix */
    String fresh(String prefix) {
        return prefix + "_" + counter++;
    }

    /** @return the number of nodes added so far */
    int nodeCount() {
        return nodeCount;
    }

    /**
     * Declares a graph input.
     *
     * @param input value name
     * @param elemType {@link #FLOAT} or {@link #INT64}
     * @param dims each a Long (fixed size) or a String (symbolic dimension)
     */
    void input(String input, int elemType, Object... dims) {
        inputs.add(valueInfo(input, elemType, dims));
    }

    /**
     * Declares a graph output.
     *
     * @param output value name
     * @param elemType element type
     * @param dims each a Long or a String
     */
    void output(String output, int elemType, Object... dims) {
        outputs.add(valueInfo(output, elemType, dims));
    }

    /** Adds a key/value pair to the model's metadata_props. */
    void metadata(String key, String value) {
        metadata.put(key, value);
    }

    /**
     * Adds a float32 initializer.
     *
     * @param prefix name prefix (a fresh name is made from it)
     * @param values row-major values
     * @param dims shape
     * @return the initializer's name
     */
    String constant(String prefix, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("constant " + prefix + ": " + values.length + " values for shape "
                    + Arrays.toString(dims));
        }
        String id = fresh(prefix);
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        initializers.add(tensor(id, FLOAT, dims, raw.array()));
        return id;
    }

    /** Adds a float32 scalar initializer (shape {@code []}). */
    String scalar(String prefix, float value) {
        return constant(prefix, new float[] {value});
    }

    /** Adds an int64 initializer. */
    String longs(String prefix, long[] values, long... dims) {
        String id = fresh(prefix);
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        initializers.add(tensor(id, INT64, dims, raw.array()));
        return id;
    }

    /**
     * Adds a node with one output.
     *
     * @param op operator type
     * @param inputs input names ({@code ""} for an omitted optional input)
     * @param attributes attribute name, value pairs (Long, Float, long[] or String values)
     * @return the output's name
     */
    String op(String op, String[] inputs, Object... attributes) {
        String out = fresh(op.toLowerCase(Locale.ROOT));
        node(op, inputs, new String[] {out}, attributes);
        return out;
    }

    /** {@link #op(String, String[], Object...)} for inputs without attributes. */
    String op(String op, String... inputs) {
        return op(op, inputs, new Object[0]);
    }

    /**
     * Adds a node.
     *
     * @param op operator type
     * @param in input names
     * @param out output names
     * @param attributes attribute name, value pairs
     */
    void node(String op, String[] in, String[] out, Object... attributes) {
        Proto p = new Proto();
        for (String s : in) {
            p.string(1, s);
        }
        for (String s : out) {
            p.string(2, s);
        }
        p.string(3, "n" + nodeCount++);
        p.string(4, op);
        for (int i = 0; i < attributes.length; i += 2) {
            p.message(5, attribute((String) attributes[i], attributes[i + 1]));
        }
        nodes.add(p.bytes());
    }

    /** Renames a value by an Identity node (to give a graph output its public name). */
    void identity(String from, String to) {
        node("Identity", new String[] {from}, new String[] {to});
    }

    /** @return the serialized ModelProto */
    byte[] toBytes(String producerVersion, String docString) {
        Proto g = new Proto();
        for (byte[] n : nodes) {
            g.message(1, n);
        }
        g.string(2, name);
        for (byte[] t : initializers) {
            g.message(5, t);
        }
        for (byte[] i : inputs) {
            g.message(11, i);
        }
        for (byte[] o : outputs) {
            g.message(12, o);
        }
        Proto m = new Proto();
        m.varint(1, IR_VERSION);
        m.string(2, "edp4j");
        m.string(3, producerVersion);
        m.string(6, docString);
        m.message(7, g.bytes());
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, OPSET);
        m.message(8, opset.bytes());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            Proto kv = new Proto();
            kv.string(1, e.getKey());
            kv.string(2, e.getValue());
            m.message(14, kv.bytes());
        }
        return m.bytes();
    }

    private static byte[] tensor(String id, int type, long[] dims, byte[] raw) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, type);
        t.string(8, id);
        t.bytes(9, raw);
        return t.bytes();
    }

    private static byte[] valueInfo(String id, int elemType, Object[] dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            Proto dim = new Proto();
            if (d instanceof String s) {
                dim.string(2, s);
            } else {
                dim.varint(1, ((Number) d).longValue());
            }
            shape.message(1, dim.bytes());
        }
        Proto tensorType = new Proto();
        tensorType.varint(1, elemType);
        tensorType.message(2, shape.bytes());
        Proto type = new Proto();
        type.message(1, tensorType.bytes());
        Proto v = new Proto();
        v.string(1, id);
        v.message(2, type.bytes());
        return v.bytes();
    }

    private static byte[] attribute(String key, Object value) {
        Proto a = new Proto();
        a.string(1, key);
        if (value instanceof Float f) {
            a.fixed32(2, Float.floatToRawIntBits(f));
            a.varint(20, 1);
        } else if (value instanceof Long || value instanceof Integer) {
            a.varint(3, ((Number) value).longValue());
            a.varint(20, 2);
        } else if (value instanceof String s) {
            a.bytes(4, s.getBytes(StandardCharsets.UTF_8));
            a.varint(20, 3);
        } else if (value instanceof long[] ints) {
            for (long v : ints) {
                a.varint(8, v);
            }
            a.varint(20, 7);
        } else {
            throw new IllegalArgumentException("attribute " + key + ": unsupported value " + value);
        }
        return a.bytes();
    }

    /** The protobuf wire format: varints, length-delimited fields and fixed 32-bit fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            tag(field, 0);
            raw(value);
        }

        void fixed32(int field, int bits) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xff);
            }
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, byte[] body) {
            bytes(field, body);
        }

        void bytes(int field, byte[] body) {
            tag(field, 2);
            raw(body.length);
            out.write(body, 0, body.length);
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
