package io.github.edp4j.algos.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.Autograd;
import io.github.edp4j.core.nn.ParameterSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DTQL's actor (arXiv 2405.19690): the trust-region loss reaches only the one-step policy, the behaviour-cloning
 * loss only the diffusion model, the tanh-Gaussian log-likelihood matches a hand computation, the one-step
 * policy's weights start orthogonal, and the LayerNorm critic copies exactly.
 */
class DtqlActorTest {

    private static final ActionBounds BOUNDS = new ActionBounds(new float[] {-2f, 0f}, new float[] {2f, 1f});
    private static NDManager root;

    @BeforeAll
    static void start() {
        root = TorchRuntime.newManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    private static DtqlActor actor(NDManager m) {
        return new DtqlActor(new NetworkShape(3, BOUNDS, new int[] {16, 16}, Activation.MISH, 5), m, true);
    }

    private static NDArray[] batch(NDManager m, int b) {
        TorchRuntime.seed(3);
        NDArray s = m.randomNormal(0f, 1f, new Shape(b, 3), DataType.FLOAT32);
        NDArray u = m.randomUniform(0f, 1f, new Shape(b, 2), DataType.FLOAT32);
        NDArray a = u.mul(m.create(new float[] {4f, 1f}, new Shape(1, 2))).add(m.create(new float[] {-2f, 0f},
                new Shape(1, 2)));
        return new NDArray[] {s, a};
    }

    /** Largest absolute gradient over a parameter set; 0 when no gradient was ever written. */
    private static float maxAbsGradient(ParameterSet p) {
        float max = 0;
        for (NDArray x : p.list()) {
            NDArray g = x.getGradient();
            max = Math.max(max, g.abs().max().getFloat());
            g.close();
        }
        return max;
    }

    @Tag("gc-stress")
    @Test
    void trustRegionLossSendsNoGradientIntoTheDiffusionModel() {
        try (NDManager m = root.newSubManager()) {
            DtqlActor actor = actor(m);
            NDArray[] sa = batch(m, 64);
            try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                ActorPass pass = actor.forward(sa[0], sa[1]);
                NDArray loss = actor.trustRegionLoss(sa[0], pass.action());
                assertTrue(Float.isFinite(loss.getFloat()) && loss.getFloat() > 0, "loss " + loss.getFloat());
                Autograd.backward(gc, loss);
            }
            assertEquals(0f, maxAbsGradient(actor.behaviourParameters()), "diffusion model gradient");
            assertTrue(maxAbsGradient(actor.parameters()) > 0, "one-step policy gradient");
            zero(actor);
            // the diffusion model's gradient recording is back on: its own loss reaches it, and only it
            try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
                Autograd.backward(gc, actor.behaviourLoss(sa[0], sa[1]));
            }
            assertTrue(maxAbsGradient(actor.behaviourParameters()) > 0, "behaviour-cloning gradient");
            assertEquals(0f, maxAbsGradient(actor.parameters()), "one-step policy gradient from behaviour cloning");
        }
    }

    private static void zero(DtqlActor actor) {
        for (ParameterSet p : new ParameterSet[] {actor.parameters(), actor.behaviourParameters()}) {
            for (NDArray x : p.list()) {
                ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) x);
            }
        }
    }

    @Test
    void tanhGaussianLogLikelihoodMatchesAHandComputation() {
        double[] mu = {0.3, -0.5};
        double[] logStd = {-1.0, 3.0}; // the second is clamped to 2
        double[] a = {1.2, 0.9};
        double[] lo = {-2, 0};
        double[] hi = {2, 1};
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double h = (hi[i] - lo[i]) / 2 * 1.001;
            double u = (a[i] - (hi[i] + lo[i]) / 2) / h;
            double z = 0.5 * Math.log((1 + u) / (1 - u));
            double ls = Math.min(2, Math.max(-5, logStd[i]));
            double sd = Math.exp(ls);
            double logNormal = -0.5 * Math.pow((z - mu[i]) / sd, 2) - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
            expected += logNormal - Math.log(h * (1 - u * u));
        }
        // by hand: u = (0.59940, 0.79920), z = (0.69221, 1.09640); per dimension
        // -0.56834 + 1 - 0.91894 - log(2.002 * 0.64072) = -0.73626 and -0.02334 - 2 - 0.91894 - log(0.5005 * 0.36127)
        // = -1.23200 (the second log-std clamped to 2)
        assertEquals(-1.96826, expected, 2e-5);
        try (NDManager m = root.newSubManager()) {
            DtqlActor actor = actor(m);
            NDArray ll = actor.oneStep().logLikelihood(m.create(new float[] {0.3f, -0.5f}, new Shape(1, 2)),
                    m.create(new float[] {-1f, 3f}, new Shape(1, 2)), m.create(new float[] {1.2f, 0.9f},
                            new Shape(1, 2)));
            assertArrayEquals(new long[] {1, 1}, ll.getShape().getShape());
            assertEquals(expected, ll.getFloat(), 1e-4);
        }
    }

    @Test
    void forwardGivesBoundedActionsAndTheDatasetNll() {
        try (NDManager m = root.newSubManager()) {
            DtqlActor actor = actor(m);
            NDArray[] sa = batch(m, 32);
            ActorPass pass = actor.forward(sa[0], sa[1]);
            assertArrayEquals(new long[] {32, 2}, pass.action().getShape().getShape());
            assertArrayEquals(new long[] {32, 1}, pass.logLikelihood().getShape().getShape());
            assertEquals(-pass.logLikelihood().mean().getFloat(), pass.behaviorLoss().getFloat(), 1e-5);
            float[] acts = actor.sample(sa[0]).toFloatArray();
            float[] mean = actor.act(sa[0]).toFloatArray();
            for (int i = 0; i < acts.length; i++) {
                float low = BOUNDS.low()[i % 2];
                float high = BOUNDS.high()[i % 2];
                assertTrue(acts[i] >= low && acts[i] <= high && mean[i] >= low && mean[i] <= high);
            }
            assertEquals(ActorKind.ONE_STEP, actor.kind());
            assertTrue(actor.stochastic());
        }
    }

    @Test
    void orthogonalWeightsHaveOrthonormalColumnsOrRows() {
        for (int[] io : new int[][] {{7, 3}, {3, 7}, {16, 16}}) {
            int in = io[0];
            int out = io[1];
            float[] w = OrthogonalInit.weight(in, out, new SplittableRandom(9));
            int k = Math.min(in, out);
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    double dot = 0;
                    for (int r = 0; r < Math.max(in, out); r++) {
                        dot += in >= out ? w[r * out + p] * w[r * out + q] : w[p * out + r] * w[q * out + r];
                    }
                    assertEquals(p == q ? 1.0 : 0.0, dot, 1e-5, in + "x" + out + " (" + p + ", " + q + ")");
                }
            }
        }
    }

    @Test
    void copiesActIdenticallyAndTheLayerNormCriticCopiesExactly() {
        try (NDManager m = root.newSubManager()) {
            DtqlActor actor = actor(m);
            DtqlActor copy = actor.copy(m, false);
            NDArray[] sa = batch(m, 8);
            assertArrayEquals(actor.act(sa[0]).toFloatArray(), copy.act(sa[0]).toFloatArray(), 0f);
            assertEquals(actor.behaviourParameters().names(), copy.behaviourParameters().names());
            NetworkShape shape = new NetworkShape(3, BOUNDS, new int[] {16, 16}, Activation.MISH, 5);
            TwinCritic critic = new TwinCritic(shape, m, true, true);
            assertTrue(critic.parameters().names().contains("q1.norm0.gain"), critic.parameters().names().toString());
            TwinCritic criticCopy = critic.copy(m, false);
            assertArrayEquals(critic.min(sa[0], sa[1]).toFloatArray(), criticCopy.min(sa[0], sa[1]).toFloatArray(),
                    0f);
            assertEquals(critic.parameters().count() - 4 * 16 * 2,
                    new TwinCritic(shape, m, true).parameters().count(), "two gains and biases per hidden layer");
        }
    }
}
