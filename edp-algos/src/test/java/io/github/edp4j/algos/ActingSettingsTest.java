package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.core.testing.ClosingRace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Policy#withActing}: a policy acting with altered sampler and selection settings acts exactly as a policy
 * trained with those settings (same networks, same noise), and the saved file keeps the training-time settings.
 */
class ActingSettingsTest {

    private static final OfflineDataset TOY = FourModeToy.dataset(500, 4);
    private static final float[][] STATES = {{0.1f}, {-0.7f}, {0.4f}, {0.95f}};

    /** IQL's training samples no actions, so the sampler and EAS settings change acting only, not the weights. */
    private static Policy train(int calls, int order, TimeGrid grid, int candidates, double temperature,
            boolean argmax) {
        return EdpTrainerTest.tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 5).iterations(20)
                .sampler(calls, order, grid).eas(candidates, temperature).easArgmax(argmax).build().fit(TOY).policy();
    }

    private static float[][] actTwice(Policy p) {
        float[][] a = p.act(STATES);
        float[][] b = p.act(STATES);
        float[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void viewActsLikeAPolicyTrainedWithItsSettingsAndLeavesTheFileUnchanged(@TempDir Path dir) throws Exception {
        try (Policy pa = train(15, 3, TimeGrid.TIME_UNIFORM, 10, 1.0, false);
                Policy pb = train(3, 2, TimeGrid.LOGSNR, 4, 0.5, true)) {
            Path before = dir.resolve("before.edp4j");
            pa.save(before);
            ActingSettings settingsB = ActingSettings.of(pb.config());
            assertEquals(new ActingSettings(ActingSettings.Sampler.DPM_SOLVER, 2, 3, TimeGrid.LOGSNR, 4, 0.5, true),
                    settingsB);
            float[][] expected = actTwice(pb);
            float[][] own = actTwice(pa);
            assertFalse(Arrays.deepEquals(expected, own), "the two settings must act differently for this test");
            try (Policy view = pa.withActing(settingsB)) {
                assertEquals(settingsB, view.acting());
                assertArrayEquals(expected, actTwice(view));
                assertEquals(pa.config(), view.config());
                Path viewFile = dir.resolve("view.edp4j");
                view.save(viewFile);
                assertArrayEquals(Files.readAllBytes(before), Files.readAllBytes(viewFile));
            }
            // the parent still acts with its own settings after the view closed, and saves the same bytes
            assertFalse(pa.isClosed());
            assertEquals(ActingSettings.of(pa.config()), pa.acting());
            Path after = dir.resolve("after.edp4j");
            pa.save(after);
            assertArrayEquals(Files.readAllBytes(before), Files.readAllBytes(after));
            // a reloaded copy keeps the training-time settings and, viewed with B, acts like B as well
            try (Policy loaded = Policy.load(after); Policy loadedView = loaded.withActing(settingsB)) {
                assertEquals(ActingSettings.of(pa.config()), loaded.acting());
                assertArrayEquals(own, actTwice(loaded));
                assertArrayEquals(expected, actTwice(loadedView));
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ddpmAndSelectionSettingsApplyAndClosingTheParentClosesTheView() {
        try (Policy p = train(15, 3, TimeGrid.TIME_UNIFORM, 10, 1.0, false)) {
            ActingSettings trained = p.acting();
            Policy ddpm = p.withActing(trained.withDdpm());
            Policy one = p.withActing(trained.withEas(1, 1.0, false));
            float[][] own = actTwice(p);
            assertFalse(Arrays.deepEquals(own, actTwice(ddpm)));
            assertFalse(Arrays.deepEquals(own, actTwice(one)));
            // the same view settings give the same actions again: a view's noise sequence starts with the view
            assertArrayEquals(actTwice(p.withActing(trained.withDdpm())),
                    actTwice(ddpm.withActing(trained.withDdpm())));
            p.close();
            assertTrue(ddpm.isClosed());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ddpm.act(STATES[0]));
            assertTrue(e.getMessage().startsWith("policy is closed"), e.getMessage());
            assertTrue(e.getMessage().contains("view (withActing) of a policy that was closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> p.withActing(trained));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deterministicPolicyRefusesSamplerAndSelectionSettings() {
        try (Policy p = EdpTrainerTest.tiny(Algorithm.TD3, PolicyClass.GAUSSIAN, 3).iterations(3).build()
                .fit(TOY).policy()) {
            ActingSettings trained = p.acting();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.withActing(trained.withDpmSolver(2, 5, TimeGrid.TIME_UNIFORM)));
            assertTrue(e.getMessage().startsWith("withActing: the sampler cannot be changed for a TD3 GAUSSIAN"
                    + " policy"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> p.withActing(trained.withEas(5, 1.0, true)));
            assertTrue(e.getMessage().contains("easCandidates = 5"), e.getMessage());
            try (Policy same = p.withActing(trained)) {
                assertArrayEquals(p.act(STATES), same.act(STATES));
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void viewsActingOnThreadsWhileTheParentClosesEitherCompleteOrAreRefused() throws Exception {
        Policy p = train(15, 3, TimeGrid.TIME_UNIFORM, 10, 1.0, false);
        Policy view = p.withActing(p.acting().withDpmSolver(1, 4, TimeGrid.LOGSNR));
        ClosingRace.Outcome o = ClosingRace.run(3, 30, (thread, i) -> {
            if (thread == 2 && i == 10) {
                p.close();
            } else {
                assertEquals(STATES.length, (thread == 0 ? view : p).act(STATES).length);
            }
        });
        assertTrue(p.isClosed() && view.isClosed());
        assertTrue(o.completed() > 0 && o.refused() > 0, o.toString());
    }

    @Test
    void diffusionQlActsWithTheDdpmChainByDefault() {
        TrainerConfig dql = EdpTrainerTest.tiny(Algorithm.DQL, PolicyClass.DIFFUSION, 1).build().config();
        assertEquals(ActingSettings.Sampler.DDPM, ActingSettings.of(dql).sampler());
        TrainerConfig edp = EdpTrainerTest.tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 1).build().config();
        ActingSettings s = ActingSettings.of(edp);
        assertEquals(ActingSettings.Sampler.DPM_SOLVER, s.sampler());
        assertTrue(s.withDdpm().withDpmSolver(s.solverOrder(), s.modelCalls(), s.grid()).sameSampler(s));
        assertFalse(s.withDdpm().sameSampler(s));
        assertTrue(s.withDdpm().sameSelection(s));
        assertFalse(s.withEas(s.easCandidates(), s.easTemperature(), !s.easArgmax()).sameSelection(s));
    }

    @Test
    void settingsAreValidatedWithPreciseMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ActingSettings(ActingSettings.Sampler.DPM_SOLVER, 4, 15, TimeGrid.TIME_UNIFORM, 10, 1, false));
        assertEquals("acting settings: solverOrder = 4 is invalid: allowed [1, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ActingSettings(ActingSettings.Sampler.DDPM, 3, 0, TimeGrid.TIME_UNIFORM, 10, 1, false));
        assertEquals("acting settings: modelCalls = 0 is invalid: allowed >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ActingSettings(ActingSettings.Sampler.DDPM, 3, 5, TimeGrid.TIME_UNIFORM, 0, 1, false));
        assertEquals("acting settings: easCandidates = 0 is invalid: allowed >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ActingSettings(ActingSettings.Sampler.DDPM, 3, 5, TimeGrid.TIME_UNIFORM, 2, 0, false));
        assertEquals("acting settings: easTemperature = 0.0 is invalid: allowed finite and > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ActingSettings(null, 3, 5, TimeGrid.TIME_UNIFORM, 2, 1, false));
        assertEquals("acting settings: sampler = null is invalid: allowed DPM_SOLVER or DDPM", e.getMessage());
    }
}
