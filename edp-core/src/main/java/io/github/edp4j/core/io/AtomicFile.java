package io.github.edp4j.core.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way EDP4J writes a file: readers see either the old content or the complete new content, never a part.
 * The data goes to a temporary file in the target's directory, is flushed to the disk ({@code fsync}), and the
 * temporary file is then moved over the target atomically (a plain replace where the file system cannot move
 * atomically). A failure leaves the target untouched and removes the temporary file; its {@link IOException}
 * names the target and says why in words (a full disk's "No space left on device" alone names no file). Files get the normal
 * permissions of a new file (the process umask applies), not owner-only ones.
 *
 * <p>Temporary files are named {@code .<target name>.<machine>-<pid>-<process start>-<random>.tmp}, for example
 * {@code .checkpoint.edp4j.7de2ffcb-4711-1733300000000-9f86d081884c7d65.tmp}: hidden, next to their target, and
 * naming the process that writes them ({@code machine} is the start of Linux's boot id, {@code 00000000}
 * elsewhere). A process killed while writing (for example by {@code kill -9}) leaves such a file behind; {@link
 * #removeStaleTemporaries(Path)} deletes those whose writing process on this machine is no longer running (a
 * reused pid is told apart by its start time), those of another machine or an earlier boot once nobody has
 * written to them for an hour, and the leftovers of earlier versions of EDP4J ({@code .<name>.<uuid>.tmp} and
 * {@code <name>.edp4j<digits>.tmp}).
 *
 * <p>All methods are static and thread-safe; concurrent writers of the same target each write their own temporary
 * file, and the last move wins.
 */
public final class AtomicFile {

    /** Writes the content of a file to a data stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream to write to
         * @throws IOException on failure
         */
        void writeTo(DataOutputStream out) throws IOException;
    }

    /** Writes the content of a file to a path, for libraries that open the file themselves (HDF5, images). */
    @FunctionalInterface
    public interface PathContent {
        /**
         * @param file the temporary file to write (it does not exist yet); it must be closed on return
         * @throws IOException on failure
         */
        void writeTo(Path file) throws IOException;
    }

    /** The name of a temporary file of this class: hidden target name, writer process, its start, random part. */
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\.(.+)\\.([0-9a-f]{8})-(\\d+)-(\\d+)-([0-9a-f]{16})\\.tmp");

    /** Linux's identifier of the running boot: a temporary naming another was written on another machine or boot. */
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** Machine id of systems without {@link #BOOT_ID}: every writer is taken to be local. */
    private static final String UNKNOWN_MACHINE = "00000000";
    /** Age after which a temporary written on another machine (a shared file system) or before a reboot is stale. */
    private static final Duration FOREIGN_STALE_AFTER = Duration.ofHours(1);

    /** Temporaries of earlier versions: {@code .<name>.<uuid>.tmp} (dataset, CSV, plot and report writers). */
    private static final Pattern LEGACY_HIDDEN = Pattern.compile(
            "\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    /** Temporaries of earlier versions of policy and checkpoint writing: {@code <name>.edp4j<digits>.tmp}. */
    private static final Pattern LEGACY_EDP4J = Pattern.compile(".+\\.edp4j\\d+\\.tmp");

    private AtomicFile() {}

    /**
     * Writes a file through a buffered data stream.
     *
     * @param target the file to create or replace (its directory is created if needed)
     * @param content writes the content
     * @throws IOException if writing, flushing or moving fails
     */
    public static void write(Path target, Content content) throws IOException {
        writeTo(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        Channels.newOutputStream(ch), 1 << 16));
                content.writeTo(out);
                out.flush();
                // the channel is closed by the enclosing try, which closes the stream's target
            }
        });
    }

    /**
     * Writes bytes to a file.
     *
     * @param target the file to create or replace (its directory is created if needed)
     * @param bytes the content
     * @throws IOException if writing, flushing or moving fails
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes text to a file as UTF-8.
     *
     * @param target the file to create or replace (its directory is created if needed)
     * @param text the content
     * @throws IOException if writing, flushing or moving fails
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a file with a library that opens the path itself: {@code content} writes the temporary file, which is
     * then flushed to the disk and moved over the target.
     *
     * @param target the file to create or replace (its directory is created if needed)
     * @param content writes the temporary file
     * @throws IOException if writing, flushing or moving fails
     */
    public static void writeTo(Path target, PathContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(absolute + ": cannot create its directory: " + reason(e), e);
        }
        Path tmp = dir.resolve(temporaryName(absolute.getFileName().toString()));
        try {
            content.writeTo(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("the writer produced no file");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            // a full disk says only "No space left on device": name the file that could not be written
            throw new IOException(absolute + ": " + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a leftover is removed by removeStaleTemporaries once this process has ended
            }
        }
    }

    /** The reason of a failure in words, without the temporary file's name or Java class names. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            if (fs instanceof AccessDeniedException) {
                return "permission denied" + other(fs);
            }
            if (fs instanceof NoSuchFileException) {
                return "no such file or directory" + other(fs);
            }
            if (fs instanceof FileAlreadyExistsException || fs instanceof NotDirectoryException) {
                return (fs.getFile() == null ? "a path" : fs.getFile()) + " is in the way (it exists and is not a"
                        + " directory)";
            }
            if (fs.getReason() != null) {
                return fs.getReason();
            }
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : m;
    }

    private static String other(FileSystemException fs) {
        return fs.getFile() == null ? "" : " (" + fs.getFile() + ")";
    }

    /**
     * Deletes the temporary files in {@code dir} that no writer will finish: those of this class whose writing
     * process is no longer running (a process killed while writing), those written on another machine or before a
     * reboot that have not changed for an hour, and those of earlier versions of EDP4J. Files being written by a
     * running process, and every other file, are kept. Sub-directories are not visited.
     *
     * @param dir a directory; nothing happens if it does not exist
     * @return the number of files deleted
     * @throws IOException if the directory cannot be listed or a stale file cannot be deleted
     */
    public static int removeStaleTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f) && isStale(f)) {
                        Files.delete(f);
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // moved into place by its writer, or removed by another cleaner, meanwhile
                }
            }
        }
        return removed;
    }

    /**
     * @param name a file name
     * @return whether it is a temporary file of this class or of an earlier version of EDP4J
     */
    public static boolean isTemporary(String name) {
        return TEMPORARY.matcher(name).matches() || LEGACY_HIDDEN.matcher(name).matches()
                || LEGACY_EDP4J.matcher(name).matches();
    }

    private static boolean isStale(Path file) throws IOException {
        String name = file.getFileName().toString();
        Matcher m = TEMPORARY.matcher(name);
        if (m.matches()) {
            String machine = m.group(2);
            String here = machineId();
            if (machine.equals(here) || machine.equals(UNKNOWN_MACHINE) || here.equals(UNKNOWN_MACHINE)) {
                return !running(Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
            }
            // written on another machine sharing this directory, or before this machine rebooted: its process
            // cannot be asked, so only a file nobody has written to for a long time is taken as abandoned
            FileTime modified = Files.getLastModifiedTime(file);
            return modified.toInstant().plus(FOREIGN_STALE_AFTER).isBefore(Instant.now());
        }
        return LEGACY_HIDDEN.matcher(name).matches() || LEGACY_EDP4J.matcher(name).matches();
    }

    /** @return the first 8 hex digits of this boot's id, or {@link #UNKNOWN_MACHINE} where there is none */
    static String machineId() {
        try {
            String id = Files.readString(BOOT_ID).trim().replace("-", "");
            return id.length() >= 8 && id.substring(0, 8).matches("[0-9a-f]{8}") ? id.substring(0, 8)
                    : UNKNOWN_MACHINE;
        } catch (IOException | SecurityException e) {
            return UNKNOWN_MACHINE;
        }
    }

    /** Whether the process {@code pid} that started at {@code startMillis} (0 if unknown) is still running. */
    private static boolean running(long pid, long startMillis) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        // the same pid with another start time is a new process that reused the number (common in containers)
        long start = startMillis(p.get());
        return start == 0 || startMillis == 0 || start == startMillis;
    }

    static String temporaryName(String targetName) {
        ProcessHandle self = ProcessHandle.current();
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return "." + targetName + "." + machineId() + "-" + self.pid() + "-" + startMillis(self) + "-"
                + HexFormat.of().formatHex(random) + ".tmp";
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Makes the move durable where the platform allows syncing a directory (Linux, macOS); ignored elsewhere. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; the move itself is still atomic
        }
    }
}
