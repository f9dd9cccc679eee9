package io.github.edp4j.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.PolicyClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New run directories and run names. */
class RunDirectoryTest {

    @Test
    void newDirectoriesAreDistinctTimestampedAndIgnoredByGit(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("edp4j-runs");
        Path a = RunDirectory.createNew(root, "bandit-mixed-iql diffusion");
        Path b = RunDirectory.createNew(root, "bandit-mixed-iql diffusion");
        assertNotEquals(a, b);
        assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
        assertTrue(a.getFileName().toString().matches("bandit-mixed-iql-diffusion-\\d{8}-\\d{6}"), a.toString());
        assertTrue(b.getFileName().toString().startsWith("bandit-mixed-iql-diffusion-"), b.toString());
        assertTrue(Files.readString(root.resolve(".gitignore"), StandardCharsets.UTF_8).lines()
                .anyMatch(l -> l.equals("*")));
    }

    @Test
    void anExistingRootIsLeftAlone(@TempDir Path root) throws IOException {
        RunDirectory.createNew(root, "x");
        assertTrue(Files.notExists(root.resolve(".gitignore")), "only a root created here gets a .gitignore");
    }

    @Test
    void labels() {
        assertEquals("EDP-IQL", RunLabel.of(Algorithm.IQL, PolicyClass.DIFFUSION));
        assertEquals("Gaussian IQL", RunLabel.of(Algorithm.IQL, PolicyClass.GAUSSIAN));
        assertEquals("Deterministic TD3", RunLabel.of(Algorithm.TD3, PolicyClass.GAUSSIAN));
        assertEquals("gaussian-crr", RunLabel.slug(Algorithm.CRR, PolicyClass.GAUSSIAN));
        assertEquals("edp-td3", RunLabel.slug(Algorithm.TD3, PolicyClass.DIFFUSION));
    }
}
