package io.github.edp4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Fitting, applying and validating the observation standardisation, with values worked out by hand. */
class ObservationNormalizerTest {

    /** Four rows of dimension 2: column 0 is 1, 2, 3, 6 (mean 3, population std sqrt(3.5)); column 1 is constant. */
    private static OfflineDataset fourRows() {
        float[] obs = {1, 5, 2, 5, 3, 5, 6, 5};
        float[] next = {2, 5, 3, 5, 6, 5, 7, 5};
        return OfflineDataset.builder().name("four").observations(obs, 2).actions(new float[4], 1)
                .rewards(new float[4]).nextObservations(next, 2).build();
    }

    @Test
    void fitsThePopulationMeanAndStdOfTheObservations() {
        ObservationNormalizer n = ObservationNormalizer.fit(fourRows(), 0.5);
        assertArrayEquals(new float[] {3, 5}, n.mean());
        assertArrayEquals(new float[] {(float) Math.sqrt(3.5), 0}, n.std(), 1e-6f);
        assertEquals(0.5, n.epsilon());
        assertEquals(2, n.dim());
    }

    @Test
    void appliesToOneObservationRowsAndADataset() {
        ObservationNormalizer n = new ObservationNormalizer(new float[] {3, 5}, new float[] {1.5f, 0}, 0.5);
        // (x - mean) / (std + eps): (7 - 3) / 2 = 2, (4 - 5) / 0.5 = -2
        assertArrayEquals(new float[] {2, -2}, n.apply(new float[] {7, 4}));
        assertArrayEquals(new float[] {-1, 0, 0.5f, 2}, n.applyRows(new float[] {1, 5, 4, 6}));
        OfflineDataset d = n.applyTo(fourRows());
        assertArrayEquals(new float[] {-1, 0, -0.5f, 0, 0, 0, 1.5f, 0}, d.observations());
        assertArrayEquals(new float[] {-0.5f, 0, 0, 0, 1.5f, 0, 2, 0}, d.nextObservations());
        assertArrayEquals(fourRows().actions(), d.actions());
    }

    @Test
    void identityLeavesObservationsExactlyUnchanged() {
        ObservationNormalizer id = ObservationNormalizer.identity(3);
        float[] x = {0.1f, -123.456f, 7e-8f};
        assertArrayEquals(x, id.apply(x), 0f);
    }

    @Test
    void rejectsBadInputNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ObservationNormalizer(new float[2], new float[3], 1e-3));
        assertEquals("observation normalizer: mean has 2 dimensions but std has 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ObservationNormalizer(new float[1], new float[1], 0));
        assertEquals("observation normalizer: epsilon must be > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ObservationNormalizer(new float[] {Float.NaN}, new float[] {1}, 1e-3));
        assertEquals("observation normalizer: dimension 0 needs a finite mean and a finite std >= 0, got mean=NaN,"
                + " std=1.0", e.getMessage());
        ObservationNormalizer n = ObservationNormalizer.identity(2);
        e = assertThrows(IllegalArgumentException.class, () -> n.apply(new float[3]));
        assertEquals("observation has dimension 3 but the policy expects 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ObservationNormalizer.identity(3).applyTo(fourRows()));
        assertEquals("dataset 'four' has observation dimension 2 but the normalizer has 3", e.getMessage());
    }
}
