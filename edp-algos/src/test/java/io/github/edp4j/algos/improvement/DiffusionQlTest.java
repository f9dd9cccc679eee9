package io.github.edp4j.algos.improvement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.edp4j.algos.nets.ActorPass;
import io.github.edp4j.algos.nets.DiffusionActor;
import io.github.edp4j.algos.nets.GaussianActor;
import io.github.edp4j.algos.nets.NetworkShape;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.Autograd;
import io.github.edp4j.core.nn.ParameterSet;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.schedule.ScheduleKind;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Diffusion-QL's policy loss (arXiv 2208.06193, Eq. 5, as in the official code) on a two-transition batch with the
 * hand-set linear critics of {@link LossesByHandTest}: Q1(s, a) = s + 2a, Q2(s, a) = 0.5 s + a + 0.1; the action
 * {@code a_theta} comes from the policy's full DDPM chain, replayed here with the same engine seed.
 */
class DiffusionQlTest {

    private static final ActionBounds BOUNDS = ActionBounds.symmetric(1, 1f);
    private static final NetworkShape LINEAR = new NetworkShape(1, BOUNDS, new int[0], Activation.MISH, 0);
    private static final DiffusionPolicyConfig POLICY = DiffusionPolicyConfig.defaults(1, BOUNDS, 5)
            .withSchedule(ScheduleKind.VP, 5).withHidden(8);
    private NDManager m;

    @BeforeEach
    void start() {
        m = TorchRuntime.newManager();
    }

    @AfterEach
    void stop() {
        m.close();
    }

    private void set(ParameterSet p, String name, float... values) {
        NDArray target = p.get(name);
        try (NDArray v = m.create(values, target.getShape())) {
            v.copyTo(target);
        }
    }

    private TwinCritic critic() {
        TwinCritic c = new TwinCritic(LINEAR, m, true);
        set(c.parameters(), "q1.0.weight", 1f, 2f);
        set(c.parameters(), "q1.0.bias", 0f);
        set(c.parameters(), "q2.0.weight", 0.5f, 1f);
        set(c.parameters(), "q2.0.bias", 0.1f);
        return c;
    }

    private Batch batch() {
        return new Batch(m.create(new float[] {1, 2}, new Shape(2, 1)), m.create(new float[] {0.5f, -0.5f},
                new Shape(2, 1)), m.create(new float[] {1, 0}, new Shape(2, 1)),
                m.create(new float[] {3, 4}, new Shape(2, 1)), m.create(new float[] {1, 0}, new Shape(2, 1)));
    }

    private DiffusionActor actor() {
        return new DiffusionActor(POLICY, new DdpmSampler(POLICY.schedule(), BOUNDS), m, true);
    }

    @Test
    void policyLossIsDiffusionLossMinusEtaQOfTheChainActionOverTheOtherCriticsMeanAbsQ() {
        try (DiffusionActor actor = actor()) {
            TwinCritic critic = critic();
            Networks nets = new Networks(actor, actor, critic, critic, null);
            Batch b = batch();
            ActorPass pass = new ActorPass(m.create(0.3f), b.actions(), null);
            for (long seed = 1; seed <= 4; seed++) {
                int i = new SplittableRandom(seed).nextInt(2);
                TorchRuntime.seed(42);
                float loss = new DiffusionQl(0.5).policyLoss(nets, b, pass, new StepContext(0.99f,
                        new SplittableRandom(seed))).getFloat();
                TorchRuntime.seed(42);
                float[] a = actor.sampleThroughChain(b.observations()).toFloatArray();
                double[] s = {1, 2};
                double[] q1 = {s[0] + 2 * a[0], s[1] + 2 * a[1]};
                double[] q2 = {0.5 * s[0] + a[0] + 0.1, 0.5 * s[1] + a[1] + 0.1};
                double[] qi = i == 0 ? q1 : q2;
                double[] qj = i == 0 ? q2 : q1;
                double scale = (Math.abs(qj[0]) + Math.abs(qj[1])) / 2 + 1e-6;
                double expected = 0.3 + 0.5 * (-(qi[0] + qi[1]) / 2 / scale);
                assertEquals(expected, loss, 1e-5, "seed " + seed + " (critic " + (i + 1) + ")");
            }
            TorchRuntime.seed(42);
            assertEquals(0.3f, new DiffusionQl(0).policyLoss(nets, b, pass, new StepContext(0.99f,
                    new SplittableRandom(1))).getFloat(), 1e-6f, "eta = 0 leaves behaviour cloning");
        }
    }

    @Tag("gc-stress")
    @Test
    void theChainGradientReachesThePolicyAndNotTheCritics() {
        try (DiffusionActor actor = actor()) {
            TwinCritic critic = critic();
            Networks nets = new Networks(actor, actor, critic, critic, null);
            Batch b = batch();
            critic.parameters().setGradientsEnabled(false);
            TorchRuntime.seed(3);
            try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                // a constant behaviour term: every policy gradient comes through the chain's action
                ActorPass pass = new ActorPass(m.create(0f), b.actions(), null);
                Autograd.backward(gc, new DiffusionQl(1.0).policyLoss(nets, b, pass, new StepContext(0.99f,
                        new SplittableRandom(1))));
            }
            critic.parameters().setGradientsEnabled(true);
            double actorGrad = 0;
            for (NDArray p : actor.parameters().list()) {
                actorGrad += p.getGradient().abs().sum().getFloat();
            }
            assertTrue(actorGrad > 0, "the policy receives gradient through the DDPM chain");
            for (NDArray p : critic.parameters().list()) {
                assertEquals(0f, p.getGradient().abs().sum().getFloat(), 0f, "critic parameter " + p.getName());
            }
        }
    }

    @Test
    void criticLossIsClippedDoubleQWithTargetActionsFromTheTargetActor() {
        try (DiffusionActor actor = actor()) {
            TwinCritic critic = critic();
            Networks nets = new Networks(actor, actor, critic, critic.copy(m, false), null);
            Batch b = batch();
            // the target actions a' of s' = (3, 4): the target actor's chain replayed with the engine seed
            TorchRuntime.seed(8);
            float[] next = actor.sample(b.nextObservations()).toFloatArray();
            TorchRuntime.seed(8);
            float loss = new DiffusionQl(1.0).criticLoss(nets, b, new StepContext(0.99f, new SplittableRandom(1)))
                    .getFloat();
            // by hand: Q1 = s + 2a, Q2 = 0.5 s + a + 0.1; y = r + 0.99 (1 - done) min(Q1, Q2)(s', a')
            double y0 = 1 + 0.99 * Math.min(3 + 2 * next[0], 0.5 * 3 + next[0] + 0.1);
            double y1 = 0; // the second transition is terminal with reward 0
            double q1a = 1 + 2 * 0.5;
            double q1b = 2 + 2 * -0.5;
            double q2a = 0.5 * 1 + 0.5 + 0.1;
            double q2b = 0.5 * 2 - 0.5 + 0.1;
            double expected = (sq(q1a - y0) + sq(q1b - y1)) / 2 + (sq(q2a - y0) + sq(q2b - y1)) / 2;
            assertEquals(expected, loss, 1e-5);
            assertTrue(next[0] >= -1 && next[0] <= 1, "a' inside the bounds: " + next[0]);
        }
    }

    @Test
    void needsADiffusionPolicyAndAValidEta() {
        GaussianActor g = new GaussianActor(LINEAR, m, true);
        TwinCritic critic = critic();
        Networks nets = new Networks(g, g, critic, critic, null);
        Batch b = batch();
        ActorPass pass = new ActorPass(m.create(0f), b.actions(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiffusionQl(1).policyLoss(nets, b, pass, new StepContext(0.99f, new SplittableRandom(1))));
        assertEquals("Diffusion-QL needs a diffusion policy, got a GAUSSIAN actor", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DiffusionQl(-1));
        assertThrows(IllegalArgumentException.class, () -> new DiffusionQl(Double.NaN));
        assertEquals("Diffusion-QL", new DiffusionQl(1).name());
    }

    private static double sq(double x) {
        return x * x;
    }
}
