package io.github.edp4j.d4rl;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfBrokenLinkException;
import io.jhdf.exceptions.HdfChecksumMismatchException;
import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.exceptions.UnsupportedHdfException;
import io.jhdf.object.datatype.EnumDataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An HDF5 file opened read-only with jhdf, with the checks and conversions a D4RL reader needs: the HDF5
 * signature and the superblock's end-of-file address are checked before anything else is read (a truncated
 * file fails at once with its two sizes), every jhdf failure is reported as a {@link D4rlFormatException}
 * that names the file and the key being read in plain words (no Java class names; jhdf's exception is the cause), numbers of any stored type become {@code float} with a
 * finiteness check that names key, row and column, and flags of any stored type (h5py's enum booleans,
 * bitfields, integers) become {@code boolean}.
 */
final class D4rlFile implements AutoCloseable {

    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][\\w$]*:?");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b:?");
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final Path path;
    private final HdfFile hdf;

    private D4rlFile(Path path, HdfFile hdf) {
        this.path = path;
        this.hdf = hdf;
    }

    /**
     * Opens a file for reading; never writes to it.
     *
     * @param path the file
     * @return the open file
     * @throws UncheckedIOException if the file does not exist or cannot be read
     * @throws D4rlFormatException if it is not HDF5, or truncated, or its structure cannot be read
     */
    static D4rlFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            String problem = !Files.exists(path) ? "no such file"
                    : Files.isDirectory(path) ? "is a directory, not a D4RL HDF5 file"
                    : "is not a regular file, so it cannot be a D4RL HDF5 file";
            throw new UncheckedIOException(path + ": " + problem,
                    Files.exists(path) ? new IOException(path + ": " + problem)
                            : new NoSuchFileException(path.toString(), null, problem));
        }
        long size;
        long signatureAt;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            size = ch.size();
            signatureAt = findSignature(ch, size);
        } catch (AccessDeniedException e) {
            throw new UncheckedIOException(path + ": permission denied: cannot read this file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot read this file: " + plainIo(e), e);
        }
        if (signatureAt < 0) {
            throw new D4rlFormatException(path, "not an HDF5 file: no HDF5 signature at offset 0, 512, 1024, ..."
                    + " (the file has " + size + " bytes)");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new D4rlFormatException(path, "corrupt or truncated HDF5 file (" + size
                    + " bytes): cannot read its superblock: " + plain(e), e);
        }
        try {
            Superblock sb = hdf.getHdfBackingStorage().getSuperblock();
            long expected = sb.getBaseAddressByte() + sb.getEndOfFileAddress();
            if (expected > size) {
                throw new D4rlFormatException(path, "truncated HDF5 file: its superblock records " + expected
                        + " bytes but the file has only " + size);
            }
            return new D4rlFile(path, hdf);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            hdf.close();
            if (e instanceof D4rlFormatException) {
                throw e;
            }
            throw new D4rlFormatException(path, "corrupt HDF5 file: " + plain(e), e);
        }
    }

    /**
     * Says in plain words why jhdf (or the JDK under it) failed on a damaged file, without Java class names:
     * the kind of damage, then jhdf's own description where it has one.
     *
     * @param e the failure
     * @return a description such as {@code "a size or offset in the file is out of range"}
     */
    static String plain(Throwable e) {
        String kind = "its internal structures are damaged";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ArithmeticException || t instanceof NegativeArraySizeException) {
                kind = "a size or offset in the file is out of range";
                break;
            }
            if (t instanceof BufferUnderflowException || t instanceof BufferOverflowException
                    || t instanceof IndexOutOfBoundsException || t instanceof java.io.EOFException) {
                kind = "a structure points past the end of its data";
                break;
            }
            if (t instanceof OutOfMemoryError) {
                kind = "a size in the file asks for more memory than is available";
                break;
            }
            if (t instanceof StackOverflowError) {
                kind = "its groups refer to each other in a loop";
                break;
            }
            if (t instanceof HdfChecksumMismatchException) {
                kind = "a checksum inside the file does not match its data";
                break;
            }
            if (t instanceof HdfBrokenLinkException) {
                kind = "a link points to an object that does not exist";
                break;
            }
            if (t instanceof HdfFilterException) {
                kind = "compressed data cannot be decompressed";
                break;
            }
            if (t instanceof UnsupportedHdfException || t instanceof ClassCastException) {
                kind = "an object has an unexpected or unsupported type";
                break;
            }
        }
        String detail = withoutClassNames(e.getMessage());
        return detail.isEmpty() || detail.equals(kind) ? kind : kind + " (" + detail + ")";
    }

    private static String plainIo(IOException e) {
        String m = withoutClassNames(e.getMessage());
        return m.isEmpty() ? "input/output error" : m;
    }

    /** Removes Java class names ({@code io.jhdf.exceptions.HdfException: }) from a message. */
    static String withoutClassNames(String message) {
        if (message == null) {
            return "";
        }
        String m = QUALIFIED_NAME.matcher(message).replaceAll("");
        m = EXCEPTION_NAME.matcher(m).replaceAll("");
        m = m.replaceAll("\\b(Exception|Error)\\b", "error"); // jhdf's "Error reading global heap ..."
        m = m.replaceAll("\\s+", " ").trim();
        while (m.startsWith(":")) {
            m = m.substring(1).trim();
        }
        return m;
    }

    private static long findSignature(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIGNATURE.length);
        for (long off = 0; off + SIGNATURE.length <= size; off = off == 0 ? 512 : off * 2) {
            buf.clear();
            while (buf.hasRemaining() && ch.read(buf, off + buf.position()) > 0) {
                // keep reading until the 8 bytes are in
            }
            if (!buf.hasRemaining() && Arrays.equals(buf.array(), SIGNATURE)) {
                return off;
            }
        }
        return -1;
    }

    /** @return the file */
    Path path() {
        return path;
    }

    /** @return the names of the root group's members, sorted, for messages */
    List<String> rootKeys() {
        return guard("the root group", () -> new ArrayList<>(new TreeSet<>(hdf.getChildren().keySet())));
    }

    /**
     * @param key a root-level name
     * @return whether the root group has a member of that name
     */
    boolean has(String key) {
        return guard("the root group", () -> hdf.getChildren().containsKey(key));
    }

    /**
     * @param key a path inside the file, such as {@code episode_0/observations}
     * @return whether something exists there
     */
    boolean exists(String key) {
        return guard("'" + key + "'", () -> {
            Group g = hdf;
            String[] parts = key.split("/");
            for (int i = 0; i < parts.length; i++) {
                Node child = g.getChildren().get(parts[i]);
                if (child == null) {
                    return false;
                }
                if (i == parts.length - 1) {
                    return true;
                }
                if (!(child instanceof Group sub)) {
                    return false;
                }
                g = sub;
            }
            return true;
        });
    }

    /**
     * @param key a path inside the file
     * @return whether it is a group (and not a link)
     */
    boolean isGroup(String key) {
        return guard("'" + key + "'", () -> hdf.getByPath(key) instanceof Group);
    }

    /**
     * @param key a group's path, {@code ""} for the root
     * @return the names of its members, sorted
     * @throws D4rlFormatException if it is not a group
     */
    List<String> children(String key) {
        Node node = key.isEmpty() ? hdf : guard("'" + key + "'", () -> hdf.getByPath(key));
        if (!(node instanceof Group g)) {
            throw new D4rlFormatException(path, "'" + key + "' is a " + node.getType() + ", expected a group");
        }
        return guard("the members of '" + key + "'", () -> new ArrayList<>(new TreeSet<>(g.getChildren().keySet())));
    }

    /**
     * Reads the attributes of a node as jhdf returns them (strings, boxed scalars, arrays).
     *
     * @param key a path, {@code ""} for the root group
     * @return attribute name to value, sorted by name
     */
    java.util.Map<String, Object> attributes(String key) {
        Node node = key.isEmpty() ? hdf : guard("'" + key + "'", () -> hdf.getByPath(key));
        return guard("the attributes of '" + (key.isEmpty() ? "/" : key) + "'", () -> {
            java.util.Map<String, Object> out = new java.util.TreeMap<>();
            for (var e : node.getAttributes().entrySet()) {
                out.put(e.getKey(), e.getValue().getData());
            }
            return out;
        });
    }

    /**
     * @param key path of a dataset
     * @return the dataset
     * @throws D4rlFormatException if the path is missing or is not a dataset
     */
    Dataset dataset(String key) {
        Node node = guard("'" + key + "'", () -> hdf.getByPath(key));
        if (!(node instanceof Dataset ds)) {
            throw new D4rlFormatException(path, "'" + key + "' is a " + node.getType() + ", expected a dataset");
        }
        return ds;
    }

    /**
     * @param key path of a dataset
     * @return its dimensions
     */
    int[] shape(String key) {
        Dataset ds = dataset(key);
        return guard("the shape of '" + key + "'", ds::getDimensions);
    }

    /**
     * Reads a numeric dataset as row-major floats and checks every value is finite.
     *
     * @param key path of the dataset
     * @param columns values per row, for messages
     * @return the values; float64 and integers converted to float
     */
    float[] readFloats(String key, int columns) {
        Dataset ds = dataset(key);
        Object data = guard("'" + key + "'", ds::getDataFlat);
        if (data instanceof float[] f) {
            for (int i = 0; i < f.length; i++) {
                if (!Float.isFinite(f[i])) {
                    throw nonFinite(key, f[i], i, columns);
                }
            }
            return f;
        }
        if (data instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    throw nonFinite(key, d[i], i, columns);
                }
                out[i] = (float) d[i];
                if (!Float.isFinite(out[i])) {
                    throw new D4rlFormatException(path, "'" + key + "' has value " + d[i] + " " + where(i, columns)
                            + ", too large for float32");
                }
            }
            return out;
        }
        if (data instanceof int[] a) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (data instanceof long[] a) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (data instanceof short[] a) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (data instanceof byte[] a) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        throw new D4rlFormatException(path, "'" + key + "' holds " + describe(ds) + ", expected numbers");
    }

    /**
     * Reads a flag dataset: h5py's enum booleans ({@code FALSE = 0, TRUE = 1}), HDF5 bitfields, or numbers
     * (non-zero is true).
     *
     * @param key path of the dataset
     * @return one flag per value
     */
    boolean[] readFlags(String key) {
        Dataset ds = dataset(key);
        Object data = guard("'" + key + "'", ds::getDataFlat);
        if (data instanceof boolean[] b) {
            return b;
        }
        if (data instanceof String[] s) {
            boolean[] out = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                if (s[i] == null) {
                    throw new D4rlFormatException(path, "'" + key + "' has a stored number at row " + i
                            + " that is none of its enum type's values (a flag must be TRUE or FALSE)");
                }
                if ("TRUE".equalsIgnoreCase(s[i])) {
                    out[i] = true;
                } else if (!"FALSE".equalsIgnoreCase(s[i])) {
                    throw new D4rlFormatException(path, "'" + key + "' has value '" + s[i] + "' at row " + i
                            + "; a flag must be TRUE or FALSE (h5py boolean enum) or a number");
                }
            }
            return out;
        }
        if (data instanceof byte[] a) {
            boolean[] out = new boolean[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] != 0;
            }
            return out;
        }
        if (data instanceof int[] a) {
            boolean[] out = new boolean[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] != 0;
            }
            return out;
        }
        if (data instanceof short[] a) {
            boolean[] out = new boolean[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] != 0;
            }
            return out;
        }
        if (data instanceof long[] a) {
            boolean[] out = new boolean[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] != 0;
            }
            return out;
        }
        if (data instanceof float[] || data instanceof double[]) {
            float[] f = readFloats(key, 1);
            boolean[] out = new boolean[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i] != 0;
            }
            return out;
        }
        throw new D4rlFormatException(path, "'" + key + "' holds " + describe(ds)
                + ", expected flags (booleans or numbers)");
    }

    /**
     * Lists the datasets under the groups {@code infos} and {@code metadata}, at any depth.
     *
     * @return extra arrays as lazy descriptors, sorted by key
     */
    List<D4rlExtra> extras() {
        List<D4rlExtra> out = new ArrayList<>();
        for (String group : new String[] {"infos", "metadata"}) {
            if (has(group)) {
                Node node = guard("'" + group + "'", () -> hdf.getChild(group));
                collect(node, out);
            }
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    private void collect(Node node, List<D4rlExtra> out) {
        String key = stripSlashes(node.getPath());
        guard("'" + key + "'", () -> {
            if (node.isLink()) {
                return null; // soft and external links are not followed
            }
            if (node instanceof Group g) {
                for (Node child : g.getChildren().values()) {
                    collect(child, out);
                }
            } else if (node instanceof Dataset ds) {
                out.add(new D4rlExtra(path, key, ds.getDimensions(), describe(ds)));
            }
            return null;
        });
    }

    /**
     * Reads any dataset as jhdf returns it, flattened (scalars as their boxed value or string), with h5py
     * boolean enums as {@code boolean[]} (a scalar one as {@code Boolean}); other enums stay {@code String[]}.
     *
     * @param key path of the dataset
     * @return the value
     */
    Object readAny(String key) {
        Dataset ds = dataset(key);
        Object data = guard("'" + key + "'", () -> ds.isScalar() ? ds.getData() : ds.getDataFlat());
        boolean isEnum = guard("the type of '" + key + "'", ds::getDataType) instanceof EnumDataType;
        if (isEnum && data instanceof String s && isBooleanName(s)) {
            return "TRUE".equalsIgnoreCase(s);
        }
        if (isEnum && data instanceof String[] s && Arrays.stream(s).allMatch(D4rlFile::isBooleanName)) {
            boolean[] out = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = "TRUE".equalsIgnoreCase(s[i]);
            }
            return out;
        }
        return data;
    }

    private static boolean isBooleanName(String s) {
        return "TRUE".equalsIgnoreCase(s) || "FALSE".equalsIgnoreCase(s);
    }

    private String describe(Dataset ds) {
        return guard("a data type", () -> {
            Class<?> type = ds.getJavaType();
            String t = ds.getDataType().getClass().getSimpleName() + " of " + ds.getDataType().getSize()
                    + " bytes (" + (type == null ? "?" : type.getSimpleName()) + ")";
            return t;
        });
    }

    private D4rlFormatException nonFinite(String key, double value, int index, int columns) {
        return new D4rlFormatException(path, "'" + key + "' has a non-finite value (" + value + ") "
                + where(index, columns));
    }

    private static String where(int index, int columns) {
        return columns <= 1 ? "at row " + index : "at row " + (index / columns) + ", column " + (index % columns);
    }

    private static String stripSlashes(String p) {
        int from = 0;
        int to = p.length();
        while (from < to && p.charAt(from) == '/') {
            from++;
        }
        while (to > from && p.charAt(to - 1) == '/') {
            to--;
        }
        return p.substring(from, to);
    }

    /**
     * Runs a jhdf call and reports its failure as a corrupt file, naming what was being read.
     */
    private <T> T guard(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (D4rlFormatException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new D4rlFormatException(path, "corrupt HDF5 file: cannot read " + what + ": " + plain(e), e);
        }
    }

    @Override
    public void close() {
        hdf.close();
    }
}
