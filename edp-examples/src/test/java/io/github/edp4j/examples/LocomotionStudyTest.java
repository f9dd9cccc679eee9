package io.github.edp4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LocomotionStudy}'s table: means over seeds per dataset and method, then per method over datasets. */
class LocomotionStudyTest {

    @Test
    void tableAveragesSeedsThenDatasets() {
        List<List<String>> rows = List.of(
                List.of("hopper-medium", "bc", "1", "40.00", "50.00", "100", "10"),
                List.of("hopper-medium", "bc", "2", "60.00", "70.00", "100", "30"),
                List.of("halfcheetah-medium", "bc", "1", "30.00", "35.00", "100", "20"),
                List.of("hopper-medium", "edp-td3", "1", "55.50", "80.25", "100", "40"));
        String md = LocomotionStudy.markdown(rows);
        assertTrue(md.contains("| hopper-medium | bc | 2 | 50.0; 40.0 / 60.0 | 60.0; 50.0 / 70.0 | 20 s |"), md);
        assertTrue(md.contains("| halfcheetah-medium | bc | 1 | 30.0; 30.0 | 35.0; 35.0 | 20 s |"), md);
        // bc: datasets' means 50 and 30 give 40; OMS 60 and 35 give 47.5
        assertTrue(md.contains("| bc | 2 | 40.0 | 47.5 |"), md);
        assertTrue(md.contains("| edp-td3 | 1 | 55.5 | 80.3 |"), md);
        assertEquals(5, LocomotionStudy.METHODS.size());
    }
}
