package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.testing.ClosingRace;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Policy#close()} racing acting, saving and another close: every call either completes or throws {@link
 * IllegalStateException} "policy is closed"; none touches freed native memory (which killed the JVM with SIGSEGV
 * in libtorch before the policy took its lock in {@code close()}).
 */
class PolicyConcurrencyTest {

    private static final OfflineDataset TOY = FourModeToy.dataset(500, 4);
    private static final int THREADS = 6;
    private static final int ROUNDS = 12;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void closeRacingActSaveAndCloseNeverCrashes(@TempDir Path dir) throws Exception {
        FitResult r = EdpTrainerTest.tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 3).iterations(10).build().fit(TOY);
        Path file = dir.resolve("p.edp4j");
        r.policy().save(file);
        r.policy().close();
        ClosingRace.Outcome total = new ClosingRace.Outcome(0, 0);
        for (int round = 0; round < ROUNDS; round++) {
            Policy p = Policy.load(file);
            int shift = round;
            total = total.plus(ClosingRace.run(THREADS, 20, (thread, i) -> {
                switch ((thread + shift) % THREADS) {
                    case 0, 1 -> assertEquals(2, p.act(new float[] {0.1f * i}).length);
                    case 2 -> assertEquals(3, p.act(new float[][] {{0.3f}, {-0.2f}, {0.9f}}).length);
                    case 3 -> p.save(dir.resolve("copy-" + Thread.currentThread().getId() + ".edp4j"));
                    default -> {
                        if (i == 10) {
                            p.close();
                        } else {
                            assertEquals(2, p.act(new float[] {-0.5f}).length);
                        }
                    }
                }
            }));
            assertTrue(p.isClosed());
            p.close(); // a further close does nothing
        }
        assertTrue(total.completed() > 0, "some calls ran before the close");
        assertTrue(total.refused() > 0, "some calls came after the close and were refused");
    }

    @Test
    void closedPolicyRefusesActAndSaveButKeepsItsDescription(@TempDir Path dir) {
        Policy p = EdpTrainerTest.tiny(Algorithm.TD3, PolicyClass.GAUSSIAN, 3).iterations(10).build().fit(TOY)
                .policy();
        p.close();
        p.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.act(new float[] {0f}));
        assertTrue(e.getMessage().startsWith("policy is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.act(new float[][] {{0f}}));
        assertThrows(IllegalStateException.class, () -> p.save(dir.resolve("x.edp4j")));
        assertEquals(1, p.observationDim());
        assertEquals(2, p.actionBounds().dim());
    }
}
