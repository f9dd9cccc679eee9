package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume} reads back {@code --dataset}: a relative file against the recorded directory, a Minari id as is. */
class RecordedRunDatasetTest {

    @TempDir
    Path dir;

    @Test
    void relativeFilesAreResolvedAndMinariIdsKept() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("log.csv"), "obs,act,reward\n");
        Path command = dir.resolve("command.txt");
        for (String[] c : new String[][] {
            {"log.csv", work.resolve("log.csv").toString()},
            {"mujoco/hopper/expert-v0", "mujoco/hopper/expert-v0"},
        }) {
            Files.writeString(command, RecordedRun.comment("2026-12-04T20:00:00Z", work) + "\nedp4j train --dataset "
                    + c[0] + " --algo td3\n", StandardCharsets.UTF_8);
            List<String> args = RecordedRun.lastOptions(command).orElseThrow();
            assertEquals(List.of("--dataset", c[1], "--algo", "td3"), args);
        }
    }
}
