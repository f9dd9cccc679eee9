package io.github.edp4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class OfflineDatasetTest {

    private static OfflineDataset fiveRows(float[] rewards) {
        float[] obs = {0, 1, 2, 3, 4};
        return OfflineDataset.builder().name("five").observations(obs, 1).actions(new float[5], 1).rewards(rewards)
                .nextObservations(obs, 1).terminals(new boolean[] {false, true, false, false, false})
                .timeouts(new boolean[] {false, false, false, true, false}).build();
    }

    @Test
    void episodesEndAtTerminalsTimeoutsAndTheLastRow() {
        OfflineDataset ds = fiveRows(new float[] {1, 2, 3, 4, 5});
        // episodes: rows 0-1 (terminal), 2-3 (timeout), 4 (last row): returns 3, 7, 5
        assertEquals(5.0, ds.meanEpisodeReturn(), 1e-12);
        assertEquals(true, ds.episodeEnd(1));
        assertEquals(false, ds.episodeEnd(2));
    }

    @Test
    void rewardsCanBeReplacedAndTheHashFollowsTheContent() {
        OfflineDataset a = fiveRows(new float[] {1, 2, 3, 4, 5});
        OfflineDataset b = a.withRewards(new float[] {1, 2, 3, 4, 6});
        assertArrayEquals(new float[] {1, 2, 3, 4, 6}, b.rewards());
        assertArrayEquals(a.observations(), b.observations());
        assertNotEquals(a.contentHash(), b.contentHash());
        assertEquals(a.contentHash(), fiveRows(new float[] {1, 2, 3, 4, 5}).contentHash());
    }

    @Test
    void theContentHashIsTheSha256OfTheDocumentedLayoutComputedOnce() {
        OfflineDataset ds = fiveRows(new float[] {1, 2, 3, 4, 5});
        // python3: struct.pack('<3i', 5, 1, 1) + the four arrays as '<5f' + bytes(t | o << 1), through hashlib.sha256
        assertEquals("68d70ddfcdca07b87be795bcbacbf663ffae4f41608706e169477c4ecfb4e855", ds.contentHash());
        assertSame(ds.contentHash(), ds.contentHash(), "computed once, then kept");
    }
}
