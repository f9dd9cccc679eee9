package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {

    private static final String NAME = "pendulum-medium-replay"; // the smallest dataset

    @TempDir
    Path dir;

    private final DatasetSpec spec = TaskCatalog.dataset(NAME);
    private final String expectedHash = spec.generate().contentHash();

    @Test
    void firstUseGeneratesAndWritesAD4rlFileAtomically() throws IOException {
        OfflineDataset ds = BuiltinTasks.dataset(NAME, dir);
        assertEquals(expectedHash, ds.contentHash());
        assertEquals(NAME, ds.name());
        Path file = new DatasetCache(dir).file(spec);
        assertEquals(List.of(file), files(), "only the cache file, no temporary file left behind");
        // the file is an ordinary D4RL file: the generic reader gives the identical dataset back
        assertEquals(expectedHash, D4rl.load(file).dataset().contentHash());
        assertEquals(NAME, D4rl.load(file).dataset().name());
    }

    @Test
    void temporaryFilesOfAKilledWriterAreRemovedWhenTheCacheIsUsed() throws IOException {
        DatasetCache cache = new DatasetCache(dir);
        cache.get(spec);
        Path file = cache.file(spec);
        String name = file.getFileName().toString();
        // left by a kill -9: a writer process that no longer exists, and the name earlier versions used
        Path dead = dir.resolve("." + name + ".00000000-" + Long.MAX_VALUE + "-1733300000000-0123456789abcdef.tmp");
        Path old = dir.resolve("." + name + ".0f8fad5b-d9cb-469f-a165-70867728950e.tmp");
        Path other = dir.resolve("readme.txt");
        for (Path p : List.of(dead, old, other)) {
            Files.writeString(p, "x");
        }
        assertEquals(expectedHash, cache.get(spec).contentHash());
        assertEquals(Set.of(file, other), Set.copyOf(files()), "the temporaries are gone, the real files stay");
    }

    @Test
    void laterUsesReadTheCacheFile() {
        DatasetCache cache = new DatasetCache(dir);
        cache.get(spec);
        // swap in a different but well-formed dataset (with its own hash): the cache must return it, unchanged
        OfflineDataset other = withShiftedRewards(spec.generate());
        D4rlWriter.write(other, cache.file(spec), Map.of(DatasetCache.HASH_KEY, other.contentHash()));
        OfflineDataset read = BuiltinTasks.dataset(NAME, dir);
        assertEquals(other.contentHash(), read.contentHash());
        assertArrayEquals(other.rewards(), read.rewards());
    }

    @Test
    void garbageFileIsRegenerated() throws IOException {
        DatasetCache cache = new DatasetCache(dir);
        Files.createDirectories(dir);
        Files.write(cache.file(spec), "not an HDF5 file".getBytes());
        assertEquals(expectedHash, cache.get(spec).contentHash());
        assertEquals(expectedHash, D4rl.load(cache.file(spec)).dataset().contentHash(), "file rewritten");
    }

    @Test
    void truncatedFileIsRegenerated() throws IOException {
        DatasetCache cache = new DatasetCache(dir);
        cache.get(spec);
        Path file = cache.file(spec);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(expectedHash, cache.get(spec).contentHash());
        assertEquals(bytes.length, Files.size(file));
        assertEquals(expectedHash, D4rl.load(file).dataset().contentHash());
    }

    @Test
    void contentNotMatchingItsRecordedHashIsRegenerated() {
        DatasetCache cache = new DatasetCache(dir);
        OfflineDataset tampered = withShiftedRewards(spec.generate());
        D4rlWriter.write(tampered, cache.file(spec), Map.of(DatasetCache.HASH_KEY, expectedHash));
        assertEquals(expectedHash, cache.get(spec).contentHash());
    }

    @Test
    void fileWithoutHashOrOfTheWrongSizeIsRegenerated() {
        DatasetCache cache = new DatasetCache(dir);
        D4rlWriter.write(withShiftedRewards(spec.generate()), cache.file(spec));
        assertEquals(expectedHash, cache.get(spec).contentHash());
        OfflineDataset wrongSize = BuiltinTasks.generate("pendulum-medium");
        D4rlWriter.write(wrongSize, cache.file(spec), Map.of(DatasetCache.HASH_KEY, wrongSize.contentHash()));
        OfflineDataset ds = cache.get(spec);
        assertEquals(expectedHash, ds.contentHash());
        assertNotEquals(wrongSize.size(), ds.size());
    }

    @Test
    void unwritableCacheStillGivesTheDataset() throws IOException {
        Path notADirectory = dir.resolve("plain-file");
        Files.write(notADirectory, new byte[] {1, 2, 3});
        assertEquals(expectedHash, BuiltinTasks.dataset(NAME, notADirectory).contentHash());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(notADirectory));
    }

    @Test
    void defaultDirectoryFollowsTheSystemProperty() throws IOException {
        String old = System.getProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
        Path custom = dir.resolve("nested/cache");
        try {
            System.setProperty(BuiltinTasks.CACHE_DIR_PROPERTY, custom.toString());
            assertEquals(expectedHash, BuiltinTasks.dataset(NAME).contentHash());
        } finally {
            if (old == null) {
                System.clearProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
            } else {
                System.setProperty(BuiltinTasks.CACHE_DIR_PROPERTY, old);
            }
        }
        assertTrue(Files.isRegularFile(new DatasetCache(custom).file(spec)));
    }

    @Test
    void everyKindOfBuiltinDatasetRoundTripsThroughD4rlFiles() {
        for (String name : List.of("pointmaze-fork-multimodal", "bandit-mixed")) {
            OfflineDataset generated = BuiltinTasks.generate(name);
            OfflineDataset cached = BuiltinTasks.dataset(name, dir);
            assertEquals(generated.contentHash(), cached.contentHash(), name);
            assertEquals(generated.contentHash(), BuiltinTasks.dataset(name, dir).contentHash(), name);
            assertArrayEquals(generated.terminals(), cached.terminals(), name);
            assertArrayEquals(generated.timeouts(), cached.timeouts(), name);
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static OfflineDataset withShiftedRewards(OfflineDataset ds) {
        float[] r = ds.rewards();
        for (int i = 0; i < r.length; i++) {
            r[i] += 1f;
        }
        return ds.withRewards(r);
    }
}
