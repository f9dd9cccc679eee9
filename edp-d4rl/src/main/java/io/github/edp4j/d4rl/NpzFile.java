package io.github.edp4j.d4rl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A NumPy {@code .npz} archive ({@code np.savez} stores its entries, {@code np.savez_compressed} deflates them) opened
 * read-only with the JDK's ZIP reader, or a single {@code .npy} file. Arrays are read on demand, each checked against
 * the CRC-32 the archive records for it; entries that are not {@code .npy} arrays are listed but never read.
 */
final class NpzFile implements AutoCloseable {

    private final Path path;
    private final ZipFile zip;
    private final Map<String, ZipEntry> arrays;
    private final List<String> others;

    private NpzFile(Path path, ZipFile zip, Map<String, ZipEntry> arrays, List<String> others) {
        this.path = path;
        this.zip = zip;
        this.arrays = arrays;
        this.others = others;
    }

    /**
     * Opens an archive.
     *
     * @param path the {@code .npz} file
     * @return the open archive
     * @throws D4rlFormatException if it is not a readable ZIP archive
     * @throws UncheckedIOException if it does not exist or cannot be read
     */
    static NpzFile open(Path path) {
        requireFile(path);
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new D4rlFormatException(path, "not a readable .npz (ZIP) archive, truncated or corrupt: "
                    + D4rlFile.withoutClassNames(e.getMessage()).replace("ZipFile ", ""), e);
        } catch (IOException e) {
            throw io(path, e);
        }
        try {
            Map<String, ZipEntry> arrays = new LinkedHashMap<>();
            List<String> others = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String n = e.getName();
                if (n.endsWith(".npy")) {
                    arrays.put(n.substring(0, n.length() - 4), e);
                } else {
                    others.add(n);
                }
            }
            return new NpzFile(path, zip, Collections.unmodifiableMap(arrays), List.copyOf(others));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw new D4rlFormatException(path, "corrupt .npz (ZIP) archive: cannot list its entries: "
                    + D4rlFile.plain(e), e);
        }
    }

    static void requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            String problem = !Files.exists(path) ? "no such file"
                    : Files.isDirectory(path) ? "is a directory, not a NumPy file" : "is not a regular file";
            throw new UncheckedIOException(path + ": " + problem, Files.exists(path)
                    ? new IOException(path + ": " + problem) : new NoSuchFileException(path.toString(), null, problem));
        }
    }

    static UncheckedIOException io(Path path, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new UncheckedIOException(path + ": permission denied: cannot read this file", e);
        }
        String m = D4rlFile.withoutClassNames(e.getMessage());
        return new UncheckedIOException(path + ": cannot read this file: " + (m.isEmpty() ? "input/output error" : m),
                e);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }

    /**
     * Reads one {@code .npy} file.
     *
     * @param path the file
     * @return its array, named after the file without {@code .npy}
     */
    static NpyArray readNpy(Path path) {
        requireFile(path);
        String name = path.getFileName().toString().replaceFirst("\\.npy$", "");
        byte[] bytes;
        try {
            if (Files.size(path) > Integer.MAX_VALUE - 16) {
                throw new D4rlFormatException(path, "'" + name + "' is larger than one Java array holds");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw io(path, e);
        }
        return NpyArray.parse(path, name, bytes);
    }

    /** @return the file */
    Path path() {
        return path;
    }

    /** @return the names of the arrays (entries ending in {@code .npy}, without it), in archive order */
    List<String> keys() {
        return new ArrayList<>(arrays.keySet());
    }

    /** @return the names of entries that are not {@code .npy} arrays (never read) */
    List<String> otherEntries() {
        return others;
    }

    /**
     * @param key an array name
     * @return whether the archive has it
     */
    boolean has(String key) {
        return arrays.containsKey(key);
    }

    /**
     * Reads the header of an array without its values.
     *
     * @param key an array name
     * @return its header
     */
    NpyArray.Header header(String key) {
        ZipEntry e = entry(key);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] head = new byte[12];
            int got = in.readNBytes(head, 0, 12);
            int total = NpyArray.headerLength(path, key, head, got);
            byte[] all = Arrays.copyOf(head, Math.max(total, got));
            int more = in.readNBytes(all, got, total - got);
            return NpyArray.header(path, key, all, got + more);
        } catch (IOException | RuntimeException ex) {
            throw failure(key, ex);
        }
    }

    /**
     * Reads an array, checking its CRC-32 and that the entry holds exactly the values its header announces.
     *
     * @param key an array name
     * @return the array
     * @throws D4rlFormatException if the entry is missing, corrupt, truncated, or not a supported plain array
     */
    NpyArray read(String key) {
        ZipEntry e = entry(key);
        try (InputStream in = zip.getInputStream(e)) {
            CRC32 crc = new CRC32();
            byte[] head = new byte[12];
            int got = in.readNBytes(head, 0, 12);
            int total = NpyArray.headerLength(path, key, head, got);
            byte[] all = Arrays.copyOf(head, Math.max(total, got));
            int more = in.readNBytes(all, got, total - got);
            NpyArray.Header h = NpyArray.header(path, key, all, got + more);
            crc.update(all, 0, got + more);
            int need = (int) h.dataBytes();
            if (e.getSize() >= 0 && e.getSize() != (long) h.headerBytes() + need) {
                throw new D4rlFormatException(path, "'" + key + "' is an entry of " + e.getSize() + " bytes, but its"
                        + " header announces " + need + " bytes of values (shape " + Arrays.toString(h.shape())
                        + ", " + h.descr() + ") after " + h.headerBytes() + " header bytes");
            }
            byte[] values = new byte[need];
            int read = in.readNBytes(values, 0, need);
            if (read < need) {
                throw new D4rlFormatException(path, "'" + key + "' is truncated: " + read + " of " + need
                        + " bytes of values");
            }
            if (in.read() != -1) {
                throw new D4rlFormatException(path, "'" + key + "' has bytes after its values; the archive is"
                        + " corrupt");
            }
            crc.update(values);
            if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                throw new D4rlFormatException(path, "'" + key + "' does not match the CRC-32 the archive records"
                        + " for it: the archive is corrupt");
            }
            return NpyArray.of(path, key, h, ByteBuffer.wrap(values));
        } catch (IOException | RuntimeException | OutOfMemoryError ex) {
            throw failure(key, ex);
        }
    }

    private ZipEntry entry(String key) {
        ZipEntry e = arrays.get(key);
        if (e == null) {
            throw new D4rlFormatException(path, "missing array '" + key + "' (arrays present: "
                    + (arrays.isEmpty() ? "none" : String.join(", ", arrays.keySet())) + ")");
        }
        return e;
    }

    private RuntimeException failure(String key, Throwable ex) {
        if (ex instanceof D4rlFormatException d) {
            return d;
        }
        if (ex instanceof ZipException || ex instanceof EOFException) {
            return new D4rlFormatException(path, "'" + key + "' cannot be decompressed, the archive is truncated or"
                    + " corrupt: " + D4rlFile.withoutClassNames(ex.getMessage()).replace("ZipFile ", ""), ex);
        }
        if (ex instanceof IOException io) {
            return new D4rlFormatException(path, "'" + key + "' cannot be read: " + D4rlFile.plain(io), io);
        }
        return new D4rlFormatException(path, "'" + key + "' cannot be read: " + D4rlFile.plain(ex), ex);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }
}
