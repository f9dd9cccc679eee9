package io.github.edp4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one atomic writer: complete content or none, normal permissions, recognisable temporaries, stale cleanup. */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writesAllThreeWaysAndLeavesNoTemporary() throws IOException {
        Path a = dir.resolve("sub/a.bin");
        AtomicFile.write(a, out -> out.writeInt(0x01020304));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Files.readAllBytes(a));
        Path b = dir.resolve("b.txt");
        AtomicFile.writeString(b, "hé\n");
        assertEquals("hé\n", Files.readString(b, StandardCharsets.UTF_8));
        Path c = dir.resolve("c.dat");
        AtomicReference<Path> seen = new AtomicReference<>();
        AtomicFile.writeTo(c, tmp -> {
            seen.set(tmp);
            Files.write(tmp, new byte[] {9});
        });
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(c));
        String name = seen.get().getFileName().toString();
        assertEquals(dir, seen.get().getParent(), "temporary file in the target's directory");
        assertTrue(name.startsWith(".c.dat." + AtomicFile.machineId() + "-" + ProcessHandle.current().pid() + "-")
                && name.endsWith(".tmp"), name);
        assertTrue(AtomicFile.isTemporary(name), name);
        assertEquals(List.of(b, c, a.getParent()), listSorted(dir));
    }

    @Test
    void failedWriteKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path f = dir.resolve("keep.txt");
        AtomicFile.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.writeBytes("partial");
            throw new IOException("disk on fire");
        }));
        assertEquals(f.toAbsolutePath() + ": disk on fire", e.getMessage(), "the failure names the target file");
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listSorted(dir));
    }

    @Test
    void failuresNameTheTargetAndSayWhyInWords() throws IOException {
        // what a full disk reports: no file name at all
        Path f = dir.resolve("policy.edp4j");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            throw new IOException("No space left on device");
        }));
        assertEquals(f + ": No space left on device", e.getMessage());
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        Path below = blocker.resolve("run/checkpoint.edp4j");
        e = assertThrows(IOException.class, () -> AtomicFile.writeString(below, "x"));
        assertTrue(e.getMessage().startsWith(below + ": cannot create its directory: "), e.getMessage());
        assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertEquals(List.of(blocker), listSorted(dir));
    }

    @Test
    void filesGetTheNormalPermissionsOfANewFileNotOwnerOnlyOnes() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // permissions are a POSIX notion
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written");
        AtomicFile.writeString(written, "x");
        Path viaPath = dir.resolve("via-path");
        AtomicFile.writeTo(viaPath, tmp -> Files.writeString(tmp, "x"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(viaPath));
    }

    @Test
    void staleTemporariesAreRemovedAndEverythingElseStays() throws IOException {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        String here = AtomicFile.machineId();
        List<Path> stale = new ArrayList<>(List.of(
                // a process of this machine that no longer exists
                dir.resolve(".checkpoint.edp4j." + here + "-" + Long.MAX_VALUE + "-1733300000000-0123456789abcdef.tmp"),
                // earlier versions: Files.createTempFile of AtomicFile, and the UUID names of the other writers
                dir.resolve("checkpoint.edp4j1234567890123.tmp"),
                dir.resolve(".hopper-medium-v2.hdf5.0f8fad5b-d9cb-469f-a165-70867728950e.tmp")));
        if (start != 0) {
            // this process's number, but an earlier process that had it (pid reuse, common in containers)
            stale.add(dir.resolve(".policy.edp4j." + here + "-" + self.pid() + "-" + (start - 60_000)
                    + "-0123456789abcdef.tmp"));
        }
        Path foreignOld = dir.resolve(".policy.edp4j.abcdef01-" + Long.MAX_VALUE + "-1-0123456789abcdef.tmp");
        stale.add(foreignOld);
        List<Path> kept = new ArrayList<>(List.of(
                // being written by this very process
                dir.resolve(".checkpoint.edp4j." + here + "-" + self.pid() + "-" + start + "-fedcba9876543210.tmp"),
                dir.resolve("checkpoint.edp4j"),
                dir.resolve("policy.edp4j"),
                dir.resolve("notes.tmp"),
                dir.resolve("run1.tmp"),
                dir.resolve(".hidden.tmp")));
        Path foreignFresh = dir.resolve(".policy.edp4j.abcdef01-" + Long.MAX_VALUE + "-1-fedcba9876543210.tmp");
        if (!here.equals("00000000") && !here.equals("abcdef01")) {
            // another machine sharing the directory, written to just now: its writer may still be at work
            kept.add(foreignFresh);
        }
        for (Path p : Stream.concat(stale.stream(), kept.stream()).toList()) {
            Files.writeString(p, "x");
        }
        Files.setLastModifiedTime(foreignOld, FileTime.fromMillis(0));
        assertEquals(stale.size(), AtomicFile.removeStaleTemporaries(dir));
        for (Path p : stale) {
            assertFalse(Files.exists(p), p.toString());
        }
        for (Path p : kept) {
            assertTrue(Files.exists(p), p.toString());
        }
        assertEquals(0, AtomicFile.removeStaleTemporaries(dir.resolve("missing")));
    }

    private static List<Path> listSorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
