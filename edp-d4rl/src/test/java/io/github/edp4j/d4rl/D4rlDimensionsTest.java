package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A D4RL name given to {@link D4rl#load(Path, String)} must fit the file's dimensions (issue 12, defect 6): a hopper
 * file named {@code pen-human-v1} was preprocessed and scored as pen.
 */
class D4rlDimensionsTest {

    @Test
    void aHopperFileUnderAPenNameIsRefusedNamingBothDimensions() {
        Path hopper = Fixtures.file("hopper-medium-v2.hdf5");
        D4rlFormatException e = assertThrows(D4rlFormatException.class, () -> D4rl.load(hopper, "pen-human-v1"));
        assertEquals(hopper + ": 'pen-human-v1' (given name) is a pen dataset, whose observation/action dimensions"
                + " are 45/24, but the file's are 11/3 (those of hopper); load it under its own name", e.getMessage());
        e = assertThrows(D4rlFormatException.class, () -> D4rl.load(Fixtures.file("walker2d-medium-v0.hdf5"),
                "antmaze-umaze-v2"));
        assertTrue(e.getMessage().contains("but the file's are 17/6 (those of halfcheetah or walker2d)"),
                e.getMessage());
    }

    @Test
    void namesOfTheSameDimensionsOrOfNoD4rlEnvironmentAreAccepted() {
        assertEquals("hopper-expert-v2", D4rl.load(Fixtures.file("hopper-medium-v2.hdf5"), "hopper-expert-v2").name());
        assertEquals("halfcheetah-medium-v2",
                D4rl.load(Fixtures.file("walker2d-medium-v0.hdf5"), "halfcheetah-medium-v2").name());
        assertEquals("my-data", D4rl.load(Fixtures.file("pen-human-v1.hdf5"), "my-data").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hopper-medium-v2", "walker2d-medium-v0", "pen-human-v1", "antmaze-umaze-v0",
            "kitchen-partial-v0", "maze2d-umaze-v1"})
    void everyFixtureHasItsEnvironmentsDimensions(String name) {
        D4rlDataset d = D4rl.load(Fixtures.file(name + ".hdf5"), name);
        assertNull(D4rlDimensions.mismatch(name, d.dataset().observationDim(), d.dataset().actionDim()));
    }
}
