package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dataset identity: D4RL names from explicit names and from D4RL's file names. */
class D4rlDomainTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "hopper-medium-v2, hopper-medium-v2, LOCOMOTION, true",
        "hopper_medium_expert-v2.hdf5, hopper-medium-expert-v2, LOCOMOTION, true",
        "halfcheetah-full-replay-v2, halfcheetah-full-replay-v2, LOCOMOTION, true",
        "walker2d-random-v0, walker2d-random-v0, LOCOMOTION, true",
        "ant-medium-v2, ant-medium-v2, LOCOMOTION, true",
        "antmaze-umaze-v0, antmaze-umaze-v0, ANTMAZE, true",
        "antmaze-large-diverse-v2, antmaze-large-diverse-v2, ANTMAZE, true",
        "Ant_maze_u-maze_noisy_multistart_False_multigoal_False_sparse.hdf5, "
                + "antmaze-u-maze-noisy-multistart-false-multigoal-false-sparse, ANTMAZE, false",
        "pen-human-v1, pen-human-v1, ADROIT, true",
        "door-cloned-v1, door-cloned-v1, ADROIT, true",
        "hammer-expert-v0, hammer-expert-v0, ADROIT, true",
        "relocate-human-v1.h5, relocate-human-v1, ADROIT, true",
        "kitchen-partial-v0, kitchen-partial-v0, KITCHEN, true",
        "mini_kitchen_microwave_kettle_light_slider-v0.hdf5, kitchen-complete-v0, KITCHEN, true",
        "kitchen_microwave_kettle_bottomburner_light-v0.hdf5, kitchen-mixed-v0, KITCHEN, true",
        "maze2d-umaze-v1, maze2d-umaze-v1, MAZE2D, true",
        "maze2d-umaze-sparse-v1.hdf5, maze2d-umaze-v1, MAZE2D, true",
        "maze2d-large-dense-v1, maze2d-large-dense-v1, MAZE2D, true",
        "hopper-my-subset, hopper-my-subset, LOCOMOTION, false",
        "pendulum-medium, pendulum-medium, UNKNOWN, false",
        "My_Data.hdf5, My_Data, UNKNOWN, false",
    })
    void namesAndDomains(String raw, String name, D4rlDomain domain, boolean standard) {
        DatasetNames.Identity id = DatasetNames.identify(raw);
        assertEquals(name, id.name());
        assertEquals(domain, id.domain());
        assertEquals(standard, id.standard());
        assertEquals(domain, D4rlDomain.of(raw));
    }

    @Test
    void unknownNameStillLoadsWithDomainUnknown() throws IOException {
        Path file = tmp.resolve("my-dataset.hdf5");
        Files.copy(Fixtures.file("maze2d-umaze-v1.hdf5"), file);
        D4rlDataset d = D4rl.load(file);
        assertEquals("my-dataset", d.name());
        assertEquals(D4rlDomain.UNKNOWN, d.domain());
        assertFalse(d.standardName());
        assertEquals(298, d.transitions());
    }

    @Test
    void explicitNameOverridesTheFileName() throws IOException {
        Path file = tmp.resolve("download.hdf5");
        Files.copy(Fixtures.file("antmaze-umaze-v0.hdf5"), file);
        D4rlDataset d = D4rl.load(file, "antmaze-umaze-diverse-v0");
        assertEquals("antmaze-umaze-diverse-v0", d.name());
        assertEquals("antmaze-umaze-diverse-v0", d.dataset().name());
        assertEquals(D4rlDomain.ANTMAZE, d.domain());
        assertTrue(d.standardName());
        assertEquals(file, d.source());
    }

    @Test
    void d4rlFileNameIsRecognised() throws IOException {
        Path file = tmp.resolve("walker2d_medium_replay-v2.hdf5");
        Files.copy(Fixtures.file("walker2d-medium-v0.hdf5"), file);
        D4rlDataset d = D4rl.load(file);
        assertEquals("walker2d-medium-replay-v2", d.name());
        assertEquals(D4rlDomain.LOCOMOTION, d.domain());
    }
}
