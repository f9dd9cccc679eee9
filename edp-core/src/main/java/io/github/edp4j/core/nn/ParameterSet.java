package io.github.edp4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.TorchRuntime;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * An ordered set of named trainable float32 parameters that live in one long-lived {@link NDManager}
 * (docs/design.md, section 7), with a compact, checksummed binary form for saving and loading.
 *
 * <p>Binary form: the number of parameters, then for each its name, rank, dimensions, element count and the
 * values, followed by a CRC32 of the values; loading checks names, shapes and checksums and says which
 * parameter is wrong.
 */
public final class ParameterSet {

    private final NDManager manager;
    private final boolean trainable;
    private final Map<String, NDArray> params = new LinkedHashMap<>();

    /** @param manager the long-lived manager that owns the parameters, which are trainable */
    public ParameterSet(NDManager manager) {
        this(manager, true);
    }

    /**
     * @param manager the long-lived manager that owns the parameters
     * @param trainable whether the parameters record gradients; {@code false} for target and EMA copies, which
     *     change only by {@link #copyFrom} and {@link #polyakUpdate}
     */
    public ParameterSet(NDManager manager, boolean trainable) {
        this.manager = manager;
        this.trainable = trainable;
    }

    /** @return whether the parameters were created trainable */
    public boolean trainable() {
        return trainable;
    }

    /**
     * Switches gradient recording of every parameter (of a trainable set) on or off, e.g. off for the critics
     * while the actor's loss is differentiated through them.
     *
     * @param enabled whether gradients are recorded
     */
    public void setGradientsEnabled(boolean enabled) {
        if (!trainable) {
            return;
        }
        for (NDArray p : params.values()) {
            p.setRequiresGradient(enabled);
        }
    }

    /** @return the manager that owns the parameters */
    public NDManager manager() {
        return manager;
    }

    /**
     * Registers a new trainable parameter.
     *
     * @param name unique name
     * @param values row-major initial values
     * @param shape shape
     * @return the parameter, with gradients enabled
     */
    public NDArray add(String name, float[] values, Shape shape) {
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is already registered");
        }
        NDArray p = NativeConstants.array(manager, values, shape);
        p.setName(name);
        if (trainable) {
            p.setRequiresGradient(true);
        }
        params.put(name, p);
        return p;
    }

    /** @return the parameters in registration order (unmodifiable) */
    public List<NDArray> list() {
        return Collections.unmodifiableList(new ArrayList<>(params.values()));
    }

    /** @return the names in registration order */
    public List<String> names() {
        return List.copyOf(params.keySet());
    }

    /**
     * @param name parameter name
     * @return the parameter
     */
    public NDArray get(String name) {
        NDArray p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'");
        }
        return p;
    }

    /** @return the total number of scalar parameters */
    public long count() {
        long n = 0;
        for (NDArray p : params.values()) {
            n += p.size();
        }
        return n;
    }

    /**
     * Copies every value of {@code source} into this set (same names and shapes), e.g. to initialise a
     * target network.
     *
     * @param source the set to copy from
     */
    public void copyFrom(ParameterSet source) {
        checkCompatible(source);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray dst = e.getValue();
            NDArray src = source.params.get(e.getKey());
            assign(dst, src);
        }
    }

    /**
     * Polyak averaging {@code this <- (1 - tau) this + tau source}, in place.
     *
     * @param source the online parameters
     * @param tau weight of the source, in [0, 1]
     */
    public void polyakUpdate(ParameterSet source, float tau) {
        checkCompatible(source);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray dst = e.getValue();
            NDArray src = source.params.get(e.getKey());
            try (NDArray delta = src.sub(dst)) {
                try (NDArray scaled = NativeConstants.mul(delta, tau)) {
                    dst.addi(scaled);
                }
            }
        }
    }

    /**
     * Copies the values of {@code src} into {@code dst} (same shape, rank at least 1) inside libtorch, with gradient
     * recording off. Not {@code src.copyTo(dst)}: DJL implements that by reading {@code src} into a Java direct
     * buffer and pointing {@code dst}'s storage at that buffer, through a libtorch call that prints a deprecation
     * warning ({@code AutoNonVariableTypeMode}) on every run; here {@code dst} keeps its own libtorch-owned memory.
     *
     * @param dst the array to overwrite
     * @param src the values
     */
    static void assign(NDArray dst, NDArray src) {
        TorchRuntime.withoutGradients(() -> {
            dst.set(new NDIndex(":"), src);
            return null;
        });
    }

    private void checkCompatible(ParameterSet other) {
        if (!params.keySet().equals(other.params.keySet())) {
            throw new IllegalArgumentException("parameter sets differ: " + params.keySet() + " vs "
                    + other.params.keySet());
        }
    }

    /**
     * Writes the parameter values.
     *
     * @param out the stream
     * @throws IOException on write failure
     */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(params.size());
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            out.writeUTF(e.getKey());
            long[] dims = p.getShape().getShape();
            out.writeInt(dims.length);
            for (long d : dims) {
                out.writeLong(d);
            }
            float[] values = p.toFloatArray();
            out.writeInt(values.length);
            CRC32 crc = new CRC32();
            byte[] buf = new byte[values.length * 4];
            for (int i = 0; i < values.length; i++) {
                int bits = Float.floatToIntBits(values[i]);
                buf[4 * i] = (byte) (bits >>> 24);
                buf[4 * i + 1] = (byte) (bits >>> 16);
                buf[4 * i + 2] = (byte) (bits >>> 8);
                buf[4 * i + 3] = (byte) bits;
            }
            crc.update(buf);
            out.write(buf);
            out.writeLong(crc.getValue());
        }
    }

    /**
     * Reads values written by {@link #write(DataOutputStream)} into this set's parameters.
     *
     * @param in the stream
     * @param source a description of the source (file name) for error messages
     * @throws IOException on read failure or when the content does not match this set
     */
    public void read(DataInputStream in, String source) throws IOException {
        int n = in.readInt();
        if (n != params.size()) {
            throw new IOException(source + ": holds " + n + " parameters but the network has " + params.size()
                    + " (incompatible architecture)");
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = in.readUTF();
            if (!name.equals(e.getKey())) {
                throw new IOException(source + ": expected parameter '" + e.getKey() + "' but found '" + name
                        + "' (incompatible architecture)");
            }
            int rank = in.readInt();
            if (rank < 0 || rank > 8) {
                throw new IOException(source + ": parameter '" + name + "' has invalid rank " + rank + " (corrupt)");
            }
            long[] dims = new long[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readLong();
            }
            Shape shape = new Shape(dims);
            NDArray p = e.getValue();
            if (!shape.equals(p.getShape())) {
                throw new IOException(source + ": parameter '" + name + "' has shape " + shape
                        + " but the network expects " + p.getShape() + " (incompatible architecture)");
            }
            int count = in.readInt();
            if (count != p.size()) {
                throw new IOException(source + ": parameter '" + name + "' declares " + count + " values, expected "
                        + p.size() + " (corrupt)");
            }
            byte[] buf = new byte[count * 4];
            in.readFully(buf);
            long expected = in.readLong();
            CRC32 crc = new CRC32();
            crc.update(buf);
            if (crc.getValue() != expected) {
                throw new IOException(source + ": checksum mismatch in parameter '" + name + "' (corrupt file)");
            }
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                int bits = ((buf[4 * i] & 0xff) << 24) | ((buf[4 * i + 1] & 0xff) << 16)
                        | ((buf[4 * i + 2] & 0xff) << 8) | (buf[4 * i + 3] & 0xff);
                values[i] = Float.intBitsToFloat(bits);
            }
            try (NDArray loaded = NativeConstants.array(manager, values, shape)) {
                assign(p, loaded);
            }
        }
    }

    /** @return whether every parameter is finite */
    public boolean allFinite() {
        for (NDArray p : params.values()) {
            float[] v = p.toFloatArray();
            for (float f : v) {
                if (!Float.isFinite(f)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @return the data type of the parameters (float32)
     */
    public DataType dataType() {
        return DataType.FLOAT32;
    }
}
