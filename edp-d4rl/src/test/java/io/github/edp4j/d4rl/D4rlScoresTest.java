package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** D4RL's normalized scores: 0 at ref_min, 100 at ref_max, for every domain of the reference table. */
class D4rlScoresTest {

    @ParameterizedTest
    @CsvSource({
        "hopper-medium-v2, -20.272305, 3234.3",
        "halfcheetah-medium-expert-v2, -280.178953, 12135.0",
        "walker2d-medium-replay-v2, 1.629008, 4592.3",
        "ant-medium-v2, -325.6, 3879.7",
        "antmaze-large-diverse-v2, 0, 1",
        "pen-human-v1, 96.262799, 3076.8331017826877",
        "door-cloned-v1, -56.512833, 2880.5693087298737",
        "hammer-expert-v1, -274.856578, 12794.134825156867",
        "relocate-human-v0, -6.425911, 4233.877797728884",
        "kitchen-mixed-v0, 0, 4",
        "maze2d-umaze-v1, 23.85, 161.86",
        "maze2d-medium-v1, 13.13, 277.39",
        "maze2d-large-v1, 6.7, 273.99",
        "maze2d-umaze-dense-v1, 68.537689, 193.66285642381482",
        "maze2d-medium-dense-v1, 44.264742, 297.4552547777125",
        "maze2d-large-dense-v1, 30.569041, 303.4857382709002",
    })
    void zeroAtRefMinAndHundredAtRefMax(String name, double refMin, double refMax) {
        assertEquals(0.0, D4rlScores.normalized(name, refMin), 1e-9);
        assertEquals(100.0, D4rlScores.normalized(name, refMax), 1e-9);
        assertEquals(50.0, D4rlScores.normalized(name, (refMin + refMax) / 2), 1e-9);
        D4rlScores.Reference r = D4rlScores.reference(name);
        assertEquals(refMin, r.min());
        assertEquals(refMax, r.max());
    }

    @Test
    void everyKnownPrefixIsCoveredAbove() {
        assertEquals(List.of("ant", "antmaze", "door", "halfcheetah", "hammer", "hopper", "kitchen", "maze2d-large",
                "maze2d-large-dense", "maze2d-medium", "maze2d-medium-dense", "maze2d-umaze", "maze2d-umaze-dense",
                "pen", "relocate", "walker2d"), D4rlScores.knownPrefixes());
    }

    @Test
    void longestPrefixWins() {
        assertEquals("maze2d-umaze-dense", D4rlScores.reference("maze2d-umaze-dense-v1").prefix());
        assertEquals("maze2d-umaze", D4rlScores.reference("maze2d-umaze-v1").prefix());
        assertEquals("antmaze", D4rlScores.reference("antmaze-umaze-v0").prefix());
        assertEquals("ant", D4rlScores.reference("ant-random-v2").prefix());
    }

    @Test
    void fileStyleNamesAndEnvironmentNamesWork() {
        assertEquals(100.0, D4rlScores.normalized("hopper_medium_expert-v2.hdf5", 3234.3), 1e-9);
        assertEquals(100.0, D4rlScores.normalized("maze2d-large-sparse-v1", 273.99), 1e-9);
        assertEquals(100.0, D4rlScores.normalized("Walker2d", 4592.3), 1e-9);
        assertEquals(D4rlScores.normalized("hopper", 1000), D4rlScores.normalized("hopper-random-v0", 1000));
    }

    @Test
    void datasetOfAFixtureReportsItsScore() {
        D4rlDataset d = D4rl.load(Fixtures.file("antmaze-umaze-v0.hdf5"));
        assertEquals(75.0, d.normalizedScore(0.75), 1e-12);
    }

    @Test
    void unknownNameListsTheKnownPrefixes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> D4rlScores.normalized("pendulum-medium", 1));
        assertTrue(e.getMessage().contains("'pendulum-medium'"), e.getMessage());
        assertTrue(e.getMessage().contains("known prefixes: [ant, antmaze, door"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> D4rlScores.normalized("maze2d-open-v0", 1));
        assertThrows(IllegalArgumentException.class, () -> D4rlScores.normalized("hopperx-medium-v2", 1));
        assertThrows(IllegalArgumentException.class, () -> D4rlScores.normalized(null, 1));
    }
}
