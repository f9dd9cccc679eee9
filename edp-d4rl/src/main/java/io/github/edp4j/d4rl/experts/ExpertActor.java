package io.github.edp4j.d4rl.experts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A pre-trained SAC-style actor (Haarnoja et al. 2018) for gym's v3 locomotion tasks: a two-layer ReLU MLP
 * {@code h = relu(W2 relu(W0 o + b0) + b2)} with a mean head {@code mean = Wmu h + bmu} and a log-standard-deviation
 * head {@code log_std = clamp(Wls h + bls, -20, 2)}, in the tensor layout of stable-baselines3
 * ({@code latent_pi.0.*}, {@code latent_pi.2.*}, {@code mu.*}, {@code log_std.*}, weights {@code (out, in)}). The
 * deterministic action is {@code tanh(mean)}; the stochastic one {@code tanh(mean + exp(log_std) z)} with
 * {@code z ~ N(0, I)} drawn by the caller. Actions lie in {@code [-1, 1]^d}. Pure Java float math with
 * {@link StrictMath} for {@code tanh} and {@code exp}, so the actions are the same on every JVM. Immutable and
 * thread-safe.
 *
 * <p>{@link #builtin(String)} loads the experts shipped with EDP4J (RL Zoo agents, MIT license; see
 * {@code io/github/edp4j/d4rl/experts/PROVENANCE.md}): Hopper (TQC), Walker2d and HalfCheetah (SAC).
 */
public final class ExpertActor {

    /** Lower clamp of the log standard deviation, as in stable-baselines3. */
    public static final float LOG_STD_MIN = -20f;
    /** Upper clamp of the log standard deviation, as in stable-baselines3. */
    public static final float LOG_STD_MAX = 2f;

    private static final Map<String, String> BUILTIN = Map.of(
            "hopper", "hopper-v3-tqc.safetensors",
            "walker2d", "walker2d-v3-sac.safetensors",
            "halfcheetah", "halfcheetah-v3-sac.safetensors");

    private final String name;
    private final int observationDim;
    private final int hidden1;
    private final int hidden2;
    private final int actionDim;
    private final float[] w0;
    private final float[] b0;
    private final float[] w2;
    private final float[] b2;
    private final float[] wMu;
    private final float[] bMu;
    private final float[] wLogStd;
    private final float[] bLogStd;

    private ExpertActor(String name, SafeTensors t) {
        this.name = name;
        List<Long> s0 = t.info("latent_pi.0.weight").shape();
        List<Long> s2 = t.info("latent_pi.2.weight").shape();
        List<Long> sMu = t.info("mu.weight").shape();
        if (s0.size() != 2 || s2.size() != 2 || sMu.size() != 2) {
            throw new IllegalArgumentException("expert " + name + ": weight tensors must be matrices, got "
                    + s0 + ", " + s2 + ", " + sMu);
        }
        hidden1 = Math.toIntExact(s0.get(0));
        observationDim = Math.toIntExact(s0.get(1));
        hidden2 = Math.toIntExact(s2.get(0));
        actionDim = Math.toIntExact(sMu.get(0));
        w0 = tensor(t, "latent_pi.0.weight", hidden1, observationDim);
        b0 = tensor(t, "latent_pi.0.bias", hidden1);
        w2 = tensor(t, "latent_pi.2.weight", hidden2, hidden1);
        b2 = tensor(t, "latent_pi.2.bias", hidden2);
        wMu = tensor(t, "mu.weight", actionDim, hidden2);
        bMu = tensor(t, "mu.bias", actionDim);
        wLogStd = tensor(t, "log_std.weight", actionDim, hidden2);
        bLogStd = tensor(t, "log_std.bias", actionDim);
    }

    private float[] tensor(SafeTensors t, String tensor, long... shape) {
        List<Long> expected = java.util.Arrays.stream(shape).boxed().toList();
        List<Long> actual = t.info(tensor).shape();
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("expert " + name + ": tensor '" + tensor + "' has shape " + actual
                    + ", expected " + expected);
        }
        return t.floats(tensor);
    }

    /**
     * @param name a name for messages
     * @param tensors the actor's tensors in stable-baselines3's layout
     * @return the actor
     * @throws IllegalArgumentException naming the tensor if one is missing or has an inconsistent shape
     */
    public static ExpertActor of(String name, SafeTensors tensors) {
        return new ExpertActor(Objects.requireNonNull(name, "name"), Objects.requireNonNull(tensors, "tensors"));
    }

    /**
     * One of the experts shipped with EDP4J.
     *
     * @param environment {@code hopper}, {@code walker2d} or {@code halfcheetah}, in any case; a gym or D4RL name
     *     such as {@code Hopper-v3} or {@code hopper-medium-v2} also works (its first word is used)
     * @return the expert actor of that environment
     * @throws IllegalArgumentException listing the environments with experts if there is none for the name
     */
    public static ExpertActor builtin(String environment) {
        String key = environmentKey(environment);
        String file = BUILTIN.get(key);
        if (file == null) {
            throw new IllegalArgumentException("no built-in expert for '" + environment + "'; experts exist for "
                    + environments());
        }
        try (InputStream in = ExpertActor.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the expert resource " + file + " is missing from the class path");
            }
            return new ExpertActor(key, SafeTensors.read(in, "resource " + file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the expert resource " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the environments with a built-in expert, alphabetically */
    public static List<String> environments() {
        return BUILTIN.keySet().stream().sorted().toList();
    }

    private static String environmentKey(String environment) {
        if (environment == null) {
            return "";
        }
        String lower = environment.toLowerCase(Locale.ROOT).strip();
        int cut = lower.indexOf('-');
        return cut < 0 ? lower : lower.substring(0, cut);
    }

    /** @return the actor's name, such as {@code hopper} */
    public String name() {
        return name;
    }

    /** @return the length of the observations the actor takes */
    public int observationDim() {
        return observationDim;
    }

    /** @return the length of the actions it returns */
    public int actionDim() {
        return actionDim;
    }

    /**
     * @param observation a raw environment observation
     * @return {@code {mean, log_std}} of the pre-squash Gaussian, {@code log_std} clamped to {@code [-20, 2]}
     * @throws IllegalArgumentException if the observation has the wrong length
     */
    public float[][] meanAndLogStd(float[] observation) {
        checkObservation(observation);
        float[] h1 = layer(w0, b0, observation, hidden1, observationDim, true);
        float[] h2 = layer(w2, b2, h1, hidden2, hidden1, true);
        float[] mean = layer(wMu, bMu, h2, actionDim, hidden2, false);
        float[] logStd = layer(wLogStd, bLogStd, h2, actionDim, hidden2, false);
        for (int i = 0; i < actionDim; i++) {
            logStd[i] = Math.max(LOG_STD_MIN, Math.min(LOG_STD_MAX, logStd[i]));
        }
        return new float[][] {mean, logStd};
    }

    /**
     * @param observation a raw environment observation
     * @return the deterministic action {@code tanh(mean)}
     * @throws IllegalArgumentException if the observation has the wrong length
     */
    public float[] act(float[] observation) {
        float[] mean = meanAndLogStd(observation)[0];
        for (int i = 0; i < actionDim; i++) {
            mean[i] = (float) StrictMath.tanh(mean[i]);
        }
        return mean;
    }

    /**
     * @param observation a raw environment observation
     * @param standardNormal {@code actionDim} samples of {@code N(0, 1)}
     * @return the stochastic action {@code tanh(mean + exp(log_std) z)}
     * @throws IllegalArgumentException if the observation or the noise has the wrong length
     */
    public float[] act(float[] observation, double[] standardNormal) {
        if (standardNormal == null || standardNormal.length != actionDim) {
            throw new IllegalArgumentException("expert " + name + ": need " + actionDim + " normal samples, got "
                    + (standardNormal == null ? "null" : standardNormal.length));
        }
        float[][] g = meanAndLogStd(observation);
        float[] a = new float[actionDim];
        for (int i = 0; i < actionDim; i++) {
            a[i] = (float) StrictMath.tanh(g[0][i] + StrictMath.exp(g[1][i]) * standardNormal[i]);
        }
        return a;
    }

    private void checkObservation(float[] observation) {
        if (observation == null || observation.length != observationDim) {
            throw new IllegalArgumentException("expert " + name + ": observation must have length " + observationDim
                    + ", got " + (observation == null ? "null" : observation.length));
        }
    }

    private static float[] layer(float[] w, float[] b, float[] x, int out, int in, boolean relu) {
        float[] y = new float[out];
        for (int o = 0; o < out; o++) {
            float s = b[o];
            int row = o * in;
            for (int i = 0; i < in; i++) {
                s += w[row + i] * x[i];
            }
            y[o] = relu && s < 0f ? 0f : s;
        }
        return y;
    }

    @Override
    public String toString() {
        return "ExpertActor[" + name + ", " + observationDim + " -> " + hidden1 + " -> " + hidden2 + " -> "
                + actionDim + "]";
    }
}
