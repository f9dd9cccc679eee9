package io.github.edp4j.algos;

import io.github.edp4j.core.io.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The one binary container of EDP4J's policy and checkpoint files: a fixed header, a length-prefixed body, and a
 * SHA-256 digest of everything before it, so that any change to any byte (header, body or length) is detected
 * before the body is interpreted.
 *
 * <pre>
 *   8 bytes   magic: 0x89 'E' 'D' 'P' '4' 'J' '\r' '\n'
 *   int       container version (1)
 *   UTF       kind ("policy", "checkpoint")
 *   int       version of the kind's body format
 *   long      body length n
 *   n bytes   body
 *   32 bytes  SHA-256 of all bytes above
 * </pre>
 *
 * All numbers are big-endian ({@link DataOutputStream}). The magic's first byte is not ASCII and its last two
 * bytes catch text-mode line-ending conversion (the PNG idea); files of the earlier formats began with a Java
 * modified-UTF-8 string and are told apart by their first bytes ({@link #isContainer(byte[])}).
 */
final class ContainerFile {

    static final byte[] MAGIC = {(byte) 0x89, 'E', 'D', 'P', '4', 'J', '\r', '\n'};
    static final int CONTAINER_VERSION = 1;
    private static final int DIGEST_BYTES = 32;
    /** Largest file read into memory: far above any policy or checkpoint of the supported network sizes. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    /** What a file holds. */
    enum Kind {
        POLICY("policy"),
        CHECKPOINT("checkpoint");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }
    }

    /** A verified body: its kind's format version and its bytes. */
    record Body(int version, byte[] bytes) {

        /** @return a stream over the body */
        DataInputStream stream() {
            return new DataInputStream(new ByteArrayInputStream(bytes));
        }
    }

    private ContainerFile() {}

    /**
     * Writes a container atomically.
     *
     * @param file destination
     * @param kind what the body holds
     * @param version the body's format version
     * @param body writes the body
     * @throws IOException on failure
     */
    static void write(Path file, Kind kind, int version, AtomicFile.Content body) throws IOException {
        write(file, kind, version, serialize(body));
    }

    /**
     * Writes a container atomically around a serialized body.
     *
     * @param file destination
     * @param kind what the body holds
     * @param version the body's format version
     * @param body the body
     * @throws IOException on failure
     */
    static void write(Path file, Kind kind, int version, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 128);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(CONTAINER_VERSION);
        out.writeUTF(kind.id());
        out.writeInt(version);
        out.writeLong(body.length);
        out.write(body);
        out.flush();
        out.write(sha256(bytes.toByteArray()));
        AtomicFile.write(file, bytes.toByteArray());
    }

    /**
     * @param body writes a body
     * @return its bytes
     * @throws IOException on failure
     */
    static byte[] serialize(AtomicFile.Content body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        DataOutputStream out = new DataOutputStream(bytes);
        body.writeTo(out);
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * Reads a whole file, checking that it exists, is a regular file and is readable, with plain messages.
     *
     * @param file the file
     * @param what what the file should be, for messages ("policy file")
     * @return its bytes
     * @throws IOException naming the file and what is wrong
     */
    static byte[] readAll(Path file, String what) throws IOException {
        String src = file.toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(src, null, "no " + what + " here");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(src + ": is a directory, not a " + what);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(src + ": is not a regular file, so it cannot be a " + what);
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(src + ": " + size + " bytes is too large for a " + what);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (AccessDeniedException e) {
            throw new IOException(src + ": permission denied: cannot read this " + what, e);
        }
    }

    /**
     * @param bytes a file's bytes
     * @return whether they start with the container's magic
     */
    static boolean isContainer(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * Checks a container's header and digest and returns its body.
     *
     * @param bytes the file's bytes, starting with {@link #MAGIC}
     * @param kind the kind expected
     * @param what what the file should be, for messages ("policy file")
     * @param src the file, for messages
     * @return the verified body
     * @throws IOException naming the file and what is wrong
     */
    static Body open(byte[] bytes, Kind kind, String what, String src) throws IOException {
        if (!isContainer(bytes)) {
            throw new IOException(src + ": not an EDP4J " + what + " (it does not start with the EDP4J signature)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(MAGIC.length);
        if (buf.remaining() < 4 + 2) {
            throw new IOException(src + ": truncated " + what + " (" + bytes.length + " bytes, the header is cut off)");
        }
        int container = buf.getInt();
        if (container != CONTAINER_VERSION) {
            throw new IOException(src + ": " + what + " uses container version " + container + ", but this library"
                    + " reads version " + CONTAINER_VERSION + " (written by a newer EDP4J, or damaged)");
        }
        int kindLength = Short.toUnsignedInt(buf.getShort());
        if (kindLength > 64) {
            throw new IOException(src + ": damaged " + what + " (its header is unreadable)");
        }
        if (buf.remaining() < kindLength + 4 + 8) {
            throw new IOException(src + ": truncated " + what + " (" + bytes.length + " bytes, the header is cut off)");
        }
        byte[] kindBytes = new byte[kindLength];
        buf.get(kindBytes);
        String found = new String(kindBytes, java.nio.charset.StandardCharsets.UTF_8);
        int version = buf.getInt();
        long length = buf.getLong();
        long expected = (long) buf.position() + length + DIGEST_BYTES;
        if (length < 0 || expected != bytes.length) {
            if (length >= 0 && expected > bytes.length) {
                throw new IOException(src + ": truncated " + what + " (" + bytes.length + " bytes, its header says "
                        + expected + ")");
            }
            throw new IOException(src + ": damaged " + what + " (its length field says " + expected
                    + " bytes but the file has " + bytes.length + ")");
        }
        int bodyStart = buf.position();
        byte[] digest = sha256(Arrays.copyOf(bytes, bytes.length - DIGEST_BYTES));
        if (!Arrays.equals(digest, 0, DIGEST_BYTES, bytes, bytes.length - DIGEST_BYTES, bytes.length)) {
            throw new IOException(src + ": damaged " + what + " (checksum mismatch: its SHA-256 does not match its content)");
        }
        if (!kind.id().equals(found)) {
            throw new IOException(src + ": this is an EDP4J " + found + " file, not a " + what);
        }
        return new Body(version, Arrays.copyOfRange(bytes, bodyStart, bodyStart + (int) length));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
