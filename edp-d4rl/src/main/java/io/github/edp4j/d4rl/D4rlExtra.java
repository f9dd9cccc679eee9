package io.github.edp4j.d4rl;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One array of a D4RL file's {@code infos/} or {@code metadata/} groups (for example {@code infos/qpos},
 * {@code infos/goal}, {@code metadata/algorithm}). Extras are never required and are read lazily: this
 * object records the key and shape found at load time, and {@link #read()} opens the file again, read-only,
 * so loading a dataset never pays for extras it does not use. {@code infos/*} arrays are indexed by file
 * row, not by transition; {@link D4rlDataset#sourceRows()} maps one to the other. Immutable.
 */
public final class D4rlExtra {

    private final Path file;
    private final String key;
    private final int[] shape;
    private final String dataType;

    D4rlExtra(Path file, String key, int[] shape, String dataType) {
        this.file = file;
        this.key = key;
        this.shape = shape.clone();
        this.dataType = dataType;
    }

    /** @return the path inside the file, such as {@code infos/qpos} */
    public String key() {
        return key;
    }

    /** @return a copy of the dimensions; empty for a scalar */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of values (1 for a scalar) */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** @return the stored HDF5 data type, in words */
    public String dataType() {
        return dataType;
    }

    /**
     * Reads the values from the file.
     *
     * @return a flat row-major primitive array ({@code float[]}, {@code double[]}, {@code int[]},
     *     {@code long[]}, {@code byte[]}, {@code boolean[]} for h5py booleans) or {@code String[]} (also for
     *     enums other than h5py's booleans); for a scalar its boxed value, {@code Boolean} or {@code String}
     * @throws D4rlFormatException if the file can no longer be read
     */
    public Object read() {
        try (D4rlFile f = D4rlFile.open(file)) {
            return f.readAny(key);
        }
    }

    /**
     * Reads numeric or boolean values as doubles.
     *
     * @return a flat row-major copy of the values (booleans as 0 and 1)
     * @throws D4rlFormatException if the values are not numbers or booleans
     */
    public double[] readAsDoubles() {
        Object v = read();
        if (v instanceof double[] d) {
            return d;
        }
        if (v instanceof float[] a) {
            double[] out = new double[a.length];
            Arrays.setAll(out, i -> a[i]);
            return out;
        }
        if (v instanceof int[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        }
        if (v instanceof long[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        }
        if (v instanceof byte[] a) {
            double[] out = new double[a.length];
            Arrays.setAll(out, i -> a[i]);
            return out;
        }
        if (v instanceof short[] a) {
            double[] out = new double[a.length];
            Arrays.setAll(out, i -> a[i]);
            return out;
        }
        if (v instanceof boolean[] a) {
            double[] out = new double[a.length];
            Arrays.setAll(out, i -> a[i] ? 1 : 0);
            return out;
        }
        if (v instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (v instanceof Boolean b) {
            return new double[] {b ? 1 : 0};
        }
        throw new D4rlFormatException(file, "'" + key + "' holds " + dataType + ", not numbers");
    }

    @Override
    public String toString() {
        return "D4rlExtra{" + key + ", shape=" + Arrays.toString(shape) + ", " + dataType + "}";
    }
}
