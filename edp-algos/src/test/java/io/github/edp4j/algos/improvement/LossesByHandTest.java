package io.github.edp4j.algos.improvement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.ActorKind;
import io.github.edp4j.algos.nets.ActorPass;
import io.github.edp4j.algos.nets.DiffusionActor;
import io.github.edp4j.algos.nets.GaussianActor;
import io.github.edp4j.algos.nets.NetworkShape;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.algos.nets.ValueNetwork;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.Batch;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.Autograd;
import io.github.edp4j.core.nn.ParameterSet;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.DpmSolver3;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every loss of docs/design.md, section 5 on a two-transition batch with linear critics (no hidden layer) whose weights
 * are set by hand, so each expected value is computed on paper: Q1(s, a) = s + 2a, Q2(s, a) = 0.5 s + a + 0.1,
 * V(s) = 0.5 s; batch s = (1, 2), a = (0.5, -0.5), r = (1, 0), s' = (3, 4), done = (0, 1); the target actor
 * always proposes 0.1.
 */
class LossesByHandTest {

    private static final ActionBounds BOUNDS = ActionBounds.symmetric(1, 1f);
    private static final NetworkShape LINEAR = new NetworkShape(1, BOUNDS, new int[0], Activation.MISH, 0);
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

    private TwinCritic critic(boolean trainable) {
        TwinCritic c = new TwinCritic(LINEAR, m, trainable);
        set(c.parameters(), "q1.0.weight", 1f, 2f);
        set(c.parameters(), "q1.0.bias", 0f);
        set(c.parameters(), "q2.0.weight", 0.5f, 1f);
        set(c.parameters(), "q2.0.bias", 0.1f);
        return c;
    }

    private ValueNetwork value() {
        ValueNetwork v = new ValueNetwork(LINEAR, m, true);
        set(v.parameters(), "v.0.weight", 0.5f);
        set(v.parameters(), "v.0.bias", 0f);
        return v;
    }

    private Batch batch(float[] actions) {
        return new Batch(m.create(new float[] {1, 2}, new Shape(2, 1)), m.create(actions, new Shape(2, 1)),
                m.create(new float[] {1, 0}, new Shape(2, 1)), m.create(new float[] {3, 4}, new Shape(2, 1)),
                m.create(new float[] {1, 0}, new Shape(2, 1)));
    }

    private static StepContext ctx() {
        return new StepContext(0.99f, new SplittableRandom(1));
    }

    @Test
    void clippedDoubleQTargetsAndCriticLoss() {
        FixedActor target = new FixedActor(0.1f);
        Networks nets = new Networks(target, target, critic(true), critic(false), null);
        StepContext ctx = ctx();
        float loss = new Td3Bc(2.0, 1.0).criticLoss(nets, batch(new float[] {0.5f, -0.5f}), ctx).getFloat();
        // y1 = 1 + 0.99 * min(3.2, 1.7) = 2.683, y2 = 0 (terminal); Q1 = (2, 1), Q2 = (1.1, 0.6)
        double y1 = 1 + 0.99 * 1.7;
        double expected = (sq(2 - y1) + sq(1)) / 2 + (sq(1.1 - y1) + sq(0.6)) / 2;
        assertEquals(expected, loss, 1e-5);
        assertEquals((y1 + 0) / 2, ctx.metrics().get("target_mean").getFloat(), 1e-5);
    }

    @Test
    void td3NormalisesTheQTermByItsMeanAbsoluteValue() {
        // Q1 = Q2 on the batch so the random critic index does not matter: make both critics Q1.
        TwinCritic c = critic(true);
        set(c.parameters(), "q2.0.weight", 1f, 2f);
        set(c.parameters(), "q2.0.bias", 0f);
        Networks nets = new Networks(new FixedActor(0f), new FixedActor(0f), c, c, null);
        NDArray bc = m.create(0.3f);
        // positive Q: q = s + 2a = (2, 1), lambda = 2 / 1.5, loss = 0.3 - lambda * 1.5 = -1.7
        ActorPass up = new ActorPass(bc, m.create(new float[] {0.5f, -0.5f}, new Shape(2, 1)), null);
        assertEquals(-1.7, new Td3Bc(2.0, 1.0).policyLoss(nets, batch(new float[] {0, 0}), up, ctx()).getFloat(), 1e-5);
        // negative Q: q = (-1, -2): loss = 0.3 + 2.0 * 1.0 = 2.3; eta scales the Q term
        ActorPass down = new ActorPass(bc, m.create(new float[] {-1f, -2f}, new Shape(2, 1)), null);
        assertEquals(2.3, new Td3Bc(2.0, 1.0).policyLoss(nets, batch(new float[] {0, 0}), down, ctx()).getFloat(), 1e-5);
        assertEquals(0.3 + 0.2, new Td3Bc(2.0, 0.1).policyLoss(nets, batch(new float[] {0, 0}), down, ctx()).getFloat(),
                1e-5);
    }

    @Test
    void expectileLossWeighsResidualsAsymmetrically() {
        NDArray u = m.create(new float[] {-1f, 2f}, new Shape(2, 1));
        // |0.7 - 1| * 1 and |0.7 - 0| * 4, averaged
        assertEquals((0.3 * 1 + 0.7 * 4) / 2, Iql.expectileLoss(u, 0.7).getFloat(), 1e-6);
        assertEquals((0.9 * 1 + 0.1 * 4) / 2, Iql.expectileLoss(u.neg(), 0.9).getFloat(), 1e-6);
    }

    @Test
    void iqlValueAndQLossesAndCappedWeights() {
        Networks nets = new Networks(new FixedActor(0f), new FixedActor(0f), critic(true), critic(false), value());
        Batch b = batch(new float[] {0.5f, -0.5f});
        StepContext ctx = ctx();
        float loss = new Iql(0.7, 3.0, 100).criticLoss(nets, b, ctx).getFloat();
        // min Q_target = (1.1, 0.6), V = (0.5, 1.0): u = (0.6, -0.4) -> expectile (0.7*0.36 + 0.3*0.16)/2
        double valueLoss = (0.7 * 0.36 + 0.3 * 0.16) / 2;
        // y = r + 0.99 (1 - done) V(s') = (1 + 0.99 * 1.5, 0)
        double y1 = 1 + 0.99 * 1.5;
        double qLoss = (sq(2 - y1) + sq(1)) / 2 + (sq(1.1 - y1) + sq(0.6)) / 2;
        assertEquals(valueLoss, ctx.metrics().get("value_loss").getFloat(), 1e-6);
        assertEquals(valueLoss + qLoss, loss, 1e-5);
        // weights exp(3 * (0.6, -0.4)) = (6.0496, 0.3012), capped at 5
        assertArrayEquals(new float[] {(float) Math.exp(1.8), (float) Math.exp(-1.2)},
                new Iql(0.7, 3.0, 100).weights(nets, b).toFloatArray(), 1e-4f);
        assertArrayEquals(new float[] {5f, (float) Math.exp(-1.2)}, new Iql(0.7, 3.0, 5).weights(nets, b).toFloatArray(),
                1e-4f);
    }

    @Test
    void crrAdvantageAgainstBaselineActionsAndCappedWeights() {
        // baseline actions are 0 and 1 for every state: min Q(s, 0) = (0.6, 1.1), min Q(s, 1) = (1.6, 2.1)
        FixedActor actor = new FixedActor(0f, new float[] {0f, 1f});
        Networks nets = new Networks(actor, actor, critic(true), critic(false), null);
        Batch b = batch(new float[] {0.5f, -0.5f});
        ActorPass pass = new ActorPass(m.create(0f), m.create(new float[] {0f, 0f}, new Shape(2, 1)), null);
        // A = min Q(s, a) - mean_j = (1.1 - 1.1, 0.6 - 1.6) = (0, -1)
        float[] w = new Crr(2, 1.0, 20).weights(nets, b, pass, ctx()).toFloatArray();
        assertArrayEquals(new float[] {1f, (float) Math.exp(-1)}, w, 1e-5f);
        float[] w2 = new Crr(2, 0.5, 0.5).weights(nets, b, pass, ctx()).toFloatArray();
        assertArrayEquals(new float[] {0.5f, (float) Math.exp(-2)}, w2, 1e-5f);
    }

    @Test
    void gaussianLogLikelihoodMatchesTheFormula() {
        GaussianActor g = new GaussianActor(LINEAR, m, true);
        set(g.parameters(), "mean.0.weight", 0.5f);
        set(g.parameters(), "mean.0.bias", 0f);
        set(g.parameters(), "log_std", -1f);
        Batch b = batch(new float[] {0.5f, -0.5f});
        ActorPass pass = g.forward(b.observations(), b.actions());
        float[] ll = pass.logLikelihood().toFloatArray();
        double[] s = {1, 2};
        double[] a = {0.5, -0.5};
        for (int i = 0; i < 2; i++) {
            double mu = Math.tanh(0.5 * s[i]);
            double sigma = Math.exp(-1);
            double expected = -0.5 * sq((a[i] - mu) / sigma) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            assertEquals(expected, ll[i], 1e-5, "row " + i);
        }
        NDArray w = m.create(new float[] {2f, 0f}, new Shape(2, 1));
        assertEquals(-(2 * ll[0]) / 2, g.weightedImitationLoss(pass, b.actions(), w).getFloat(), 1e-5);
    }

    @Tag("gc-stress")
    @Test
    void actionApproximationGradientsReachThePolicyOnly() {
        DiffusionPolicyConfig cfg = DiffusionPolicyConfig.defaults(1, BOUNDS, 10).withHidden(8);
        try (DiffusionActor actor = new DiffusionActor(cfg, new DpmSolver3(cfg.schedule(), BOUNDS), m, true)) {
            TwinCritic critic = critic(true);
            Networks nets = new Networks(actor, actor, critic, critic, null);
            Batch b = batch(new float[] {0.5f, -0.5f});
            critic.parameters().setGradientsEnabled(false);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                ActorPass pass = actor.forward(b.observations(), b.actions());
                Autograd.backward(gc, new Td3Bc(2.0, 1.0).policyLoss(nets, b, pass, ctx()));
            }
            critic.parameters().setGradientsEnabled(true);
            double actorGrad = 0;
            for (NDArray p : actor.parameters().list()) {
                actorGrad += p.getGradient().abs().sum().getFloat();
            }
            assertTrue(actorGrad > 0, "the policy receives gradient through a0_hat");
            for (NDArray p : critic.parameters().list()) {
                assertEquals(0f, p.getGradient().abs().sum().getFloat(), 0f, "critic parameter " + p.getName());
            }
            assertFalse(actor.parameters().list().isEmpty());
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    /** An actor whose sampled and baseline actions are fixed numbers. */
    private final class FixedActor implements Actor {
        private final float action;
        private final float[] baseline;

        FixedActor(float action) {
            this(action, new float[] {action});
        }

        FixedActor(float action, float[] baseline) {
            this.action = action;
            this.baseline = baseline;
        }

        @Override
        public ActorKind kind() {
            return ActorKind.DETERMINISTIC;
        }

        @Override
        public ActionBounds bounds() {
            return BOUNDS;
        }

        @Override
        public ActorPass forward(NDArray states, NDArray actions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NDArray weightedImitationLoss(ActorPass pass, NDArray actions, NDArray weights) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NDArray sample(NDArray states) {
            return states.zerosLike().add(action);
        }

        @Override
        public NDArray act(NDArray states) {
            return sample(states);
        }

        @Override
        public NDArray baselineActions(ActorPass pass, NDArray states, int n) {
            long b = states.getShape().get(0);
            float[] v = new float[(int) b * n];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < n; j++) {
                    v[i * n + j] = baseline[j % baseline.length];
                }
            }
            return states.getManager().create(v, new Shape(b * n, 1));
        }

        @Override
        public boolean stochastic() {
            return false;
        }

        @Override
        public ParameterSet parameters() {
            return new ParameterSet(m);
        }

        @Override
        public Actor copy(NDManager parent, boolean trainable) {
            return this;
        }

        @Override
        public void close() {}
    }
}
