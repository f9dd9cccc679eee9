package io.github.edp4j.d4rl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NumPy array read from a {@code .npy} file or a {@code .npz} entry (NumPy's format specification,
 * {@code numpy.lib.format}: magic {@code \x93NUMPY}, version 1.0, 2.0 or 3.0, a header that is a Python dict literal
 * with {@code descr}, {@code fortran_order} and {@code shape}, then the raw values). The header is parsed as text,
 * never evaluated. Supported types: float32/64, int8-64, uint8-64 and bool, little or big endian, C or Fortran order.
 * Object arrays (whose values are pickles), structured, string, complex, date and float16 arrays are refused with a
 * message naming the file and the array; nothing in the file is ever executed.
 */
final class NpyArray {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern DESCR_ANY = Pattern.compile("'descr'\\s*:\\s*([\\[(])");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=])?([fiub])(\\d+)");

    private final Path file;
    private final String name;
    private final char kind;
    private final int itemSize;
    private final ByteOrder order;
    private final int[] shape;
    private final boolean fortran;
    private final ByteBuffer data;
    private final String descr;

    private NpyArray(Path file, String name, String descr, char kind, int itemSize, ByteOrder order, int[] shape,
            boolean fortran, ByteBuffer data) {
        this.file = file;
        this.name = name;
        this.descr = descr;
        this.kind = kind;
        this.itemSize = itemSize;
        this.order = order;
        this.shape = shape;
        this.fortran = fortran;
        this.data = data.order(order);
    }

    /** The parsed header of an array, before its values are read. */
    record Header(String descr, char kind, int itemSize, ByteOrder order, int[] shape, boolean fortran,
            int headerBytes) {
        long count() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        long dataBytes() {
            return count() * itemSize;
        }
    }

    /**
     * Parses the header at the start of {@code bytes}.
     *
     * @param file the file, for messages
     * @param name the array's name (the {@code .npz} key, or the file name)
     * @param bytes at least the magic, version and header length; the header must follow when they say so
     * @param available how many bytes of {@code bytes} are valid
     * @return the header, or {@code null} if more bytes are needed ({@link #headerLength} says how many)
     */
    static Header header(Path file, String name, byte[] bytes, int available) {
        int total = headerLength(file, name, bytes, available);
        if (available < total) {
            throw new D4rlFormatException(file, "'" + name + "': truncated NumPy header: it needs " + total
                    + " bytes, only " + available + " are present");
        }
        int start = bytes[6] == 1 ? 10 : 12;
        String text = new String(bytes, start, total - start,
                bytes[6] == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(text);
        if (!d.find()) {
            if (DESCR_ANY.matcher(text).find()) {
                throw bad(file, name, "is a structured (record) array; only plain numeric arrays are read");
            }
            throw bad(file, name, "has no 'descr' in its NumPy header");
        }
        String descr = d.group(1);
        if (descr.contains("O")) {
            throw bad(file, name, "is an object array (dtype " + descr + "): its values are Python pickles, which"
                    + " are never loaded; save it as a numeric array");
        }
        Matcher t = TYPE.matcher(descr);
        if (!t.matches()) {
            throw bad(file, name, "has dtype '" + descr + "'; supported: float32/64, int8-64, uint8-64, bool");
        }
        char kind = t.group(2).charAt(0);
        int size = Integer.parseInt(t.group(3));
        boolean ok = switch (kind) {
            case 'f' -> size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!ok) {
            throw bad(file, name, "has dtype '" + descr + "'; supported: float32/64, int8-64, uint8-64, bool");
        }
        ByteOrder order = ">".equals(t.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Matcher f = FORTRAN.matcher(text);
        if (!f.find()) {
            throw bad(file, name, "has no 'fortran_order' in its NumPy header");
        }
        boolean fortran = "True".equals(f.group(1));
        Matcher s = SHAPE.matcher(text);
        if (!s.find()) {
            throw bad(file, name, "has no 'shape' in its NumPy header");
        }
        String[] parts = s.group(1).split(",");
        int[] shape = new int[0];
        for (String p : parts) {
            String v = p.trim();
            if (v.endsWith("L")) {
                v = v.substring(0, v.length() - 1);
            }
            if (v.isEmpty()) {
                continue;
            }
            long dim;
            try {
                dim = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw bad(file, name, "has a shape entry '" + p.trim() + "' that is not a number");
            }
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw bad(file, name, "has a shape entry " + dim + " out of range");
            }
            shape = Arrays.copyOf(shape, shape.length + 1);
            shape[shape.length - 1] = (int) dim;
        }
        Header h = new Header(descr, kind, size, order, shape, fortran, total);
        long count = 1;
        for (int dim : shape) {
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw bad(file, name, "has " + Arrays.toString(shape) + " values, more than one Java array holds");
            }
        }
        if (h.dataBytes() > Integer.MAX_VALUE - 16) {
            throw bad(file, name, "has " + h.dataBytes() + " bytes of values, more than one Java array holds");
        }
        return h;
    }

    /**
     * @return the header's total length (magic, version, length field and header text) from its first bytes
     */
    static int headerLength(Path file, String name, byte[] bytes, int available) {
        if (available < 10) {
            throw bad(file, name, "is not a NumPy array: " + available + " bytes, too short for a header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw bad(file, name, "is not a NumPy array (no \\x93NUMPY magic at its start)");
            }
        }
        int major = bytes[6];
        if (major < 1 || major > 3) {
            throw bad(file, name, "has NumPy format version " + major + "." + bytes[7] + "; 1.0, 2.0 and 3.0 are"
                    + " read");
        }
        if (major == 1) {
            return 10 + ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8);
        }
        if (available < 12) {
            throw bad(file, name, "is truncated inside its NumPy header");
        }
        long len = (bytes[8] & 0xffL) | (bytes[9] & 0xffL) << 8 | (bytes[10] & 0xffL) << 16
                | (bytes[11] & 0xffL) << 24;
        if (len > 1 << 20) {
            throw bad(file, name, "has a NumPy header of " + len + " bytes, more than any real array needs");
        }
        return 12 + (int) len;
    }

    /**
     * Reads a whole {@code .npy} image held in memory.
     *
     * @param file the file, for messages
     * @param name the array's name
     * @param bytes the file's bytes
     * @return the array
     */
    static NpyArray parse(Path file, String name, byte[] bytes) {
        Header h = header(file, name, bytes, bytes.length);
        long need = h.dataBytes();
        long have = bytes.length - (long) h.headerBytes();
        if (have < need) {
            throw bad(file, name, "is truncated: shape " + Arrays.toString(h.shape()) + " of " + h.descr()
                    + " needs " + need + " bytes of values, the file has " + have);
        }
        if (have > need) {
            throw bad(file, name, "has " + (have - need) + " bytes after its values (shape "
                    + Arrays.toString(h.shape()) + ", " + h.descr() + "); the file is corrupt");
        }
        return of(file, name, h, ByteBuffer.wrap(bytes, h.headerBytes(), (int) need).slice());
    }

    static NpyArray of(Path file, String name, Header h, ByteBuffer values) {
        return new NpyArray(file, name, h.descr(), h.kind(), h.itemSize(), h.order(), h.shape(), h.fortran(),
                values);
    }

    private static D4rlFormatException bad(Path file, String name, String problem) {
        return new D4rlFormatException(file, "'" + name + "' " + problem);
    }

    /** @return the array's name */
    String name() {
        return name;
    }

    /** @return a copy of the shape; empty for a scalar */
    int[] shape() {
        return shape.clone();
    }

    /** @return the NumPy type string, such as {@code <f4} */
    String dtype() {
        return descr;
    }

    /** @return whether values are booleans */
    boolean isBool() {
        return kind == 'b';
    }

    /** @return the first dimension (1 for a scalar) */
    int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** @return the product of the dimensions after the first (1 for a vector or a scalar) */
    int columns() {
        int c = 1;
        for (int i = 1; i < shape.length; i++) {
            c *= shape[i];
        }
        return c;
    }

    /** @return the number of values */
    int count() {
        int c = 1;
        for (int d : shape) {
            c *= d;
        }
        return c;
    }

    /**
     * Reads every value as a double in C (row-major) order.
     */
    private double value(int index) {
        int at = index * itemSize;
        return switch (kind) {
            case 'f' -> itemSize == 4 ? data.getFloat(at) : data.getDouble(at);
            case 'i' -> switch (itemSize) {
                case 1 -> data.get(at);
                case 2 -> data.getShort(at);
                case 4 -> data.getInt(at);
                default -> data.getLong(at);
            };
            case 'u' -> switch (itemSize) {
                case 1 -> data.get(at) & 0xff;
                case 2 -> data.getShort(at) & 0xffff;
                case 4 -> data.getInt(at) & 0xffffffffL;
                default -> unsigned(data.getLong(at));
            };
            default -> data.get(at) != 0 ? 1 : 0;
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** Maps a C-order index to the storage index (they differ for Fortran order). */
    private int storage(int cIndex) {
        if (!fortran || shape.length < 2) {
            return cIndex;
        }
        int rest = cIndex;
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = rest % shape[k];
            rest /= shape[k];
        }
        int off = 0;
        int stride = 1;
        for (int k = 0; k < shape.length; k++) {
            off += idx[k] * stride;
            stride *= shape[k];
        }
        return off;
    }

    /**
     * Reads the values as float32 in row-major order, checking that each is finite.
     *
     * @return {@link #count()} values
     * @throws D4rlFormatException naming file, array, row and column of a non-finite value or one too large for
     *     float32
     */
    float[] floats() {
        int n = count();
        float[] out = new float[n];
        int cols = columns();
        if (kind == 'f' && itemSize == 4 && !(fortran && shape.length >= 2)) {
            data.asFloatBuffer().get(0, out);
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(out[i])) {
                    throw nonFinite(out[i], i, cols);
                }
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            double v = value(storage(i));
            float f = (float) v;
            if (!Float.isFinite(f)) {
                throw Double.isFinite(v) ? bad(file, name, "has value " + v + " " + where(i, cols)
                        + ", too large for float32") : nonFinite(v, i, cols);
            }
            out[i] = f;
        }
        return out;
    }

    /**
     * Reads the values as flags: bool, or numbers where non-zero is true.
     *
     * @return {@link #count()} flags in row-major order
     * @throws D4rlFormatException naming a NaN value
     */
    boolean[] flags() {
        int n = count();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            double v = value(storage(i));
            if (Double.isNaN(v)) {
                throw bad(file, name, "has NaN " + where(i, columns()) + "; a flag must be 0 or 1");
            }
            out[i] = v != 0;
        }
        return out;
    }

    private D4rlFormatException nonFinite(double v, int index, int cols) {
        return bad(file, name, "has a non-finite value (" + v + ") " + where(index, cols));
    }

    private static String where(int index, int columns) {
        return columns <= 1 ? "at row " + index : "at row " + (index / columns) + ", column " + (index % columns);
    }

    @Override
    public String toString() {
        return name + " " + descr + " " + Arrays.toString(shape) + (fortran ? " (Fortran order)" : "");
    }
}
