package io.github.edp4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.edp4j.algos.ActingInputs;
import io.github.edp4j.algos.ActingPolicy;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyExport;
import io.github.edp4j.core.ActionBounds;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trained policy acting on ONNX Runtime: the graph of {@link PolicyExport#onnx(Policy)} (observation
 * normalisation, the actor with its sampler unrolled, energy-based action selection, clipping) run by one ORT session.
 * The same API and contract as the libtorch {@link Policy}: {@link #act(float[][])} checks every observation (wrong
 * size, NaN or infinity are refused naming the row and index), calls are serialized on the policy's lock (one at a
 * time, in lock order), {@link #close()} waits for a call in progress and afterwards acting throws {@link
 * IllegalStateException} ("policy is closed"); closing twice does nothing.
 *
 * <p>Randomness: {@link #act(float[][])} draws the graph's {@code noise} (standard normal) and {@code uniform} (in
 * {@code (0, 1]}) inputs from a Java generator seeded by the policy's seed and the call count, so a sequence of calls
 * is deterministic; the draws differ from libtorch's, so the two backends' {@code act} agree in distribution, not
 * value. {@link #act(float[][], float[], float[])} takes them given and then agrees with {@link Policy#act(float[][],
 * float[], float[])} to float rounding.
 *
 * <p>Sessions use {@code threads} intra-op threads (default 1: one-state acting is too small to gain from more) and
 * ORT's full graph optimisations.
 */
public final class OnnxPolicy implements ActingPolicy {

    private final String source;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int observationDim;
    private final ActionBounds bounds;
    private final String datasetName;
    private final int candidates;
    private final boolean hasNoise;
    private final boolean hasUniform;
    /** The DDPM chain's steps {@code K} when the graph has a {@code step_noise} input, else 1. */
    private final int chainSteps;
    private final long seed;
    /** Guarded by {@code this}. */
    private long calls;
    /** Guarded by {@code this}. */
    private boolean closed;

    private OnnxPolicy(String source, byte[] model, int threads) throws OrtException {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX policy: threads must be >= 1, got " + threads);
        }
        this.source = source;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(model, opts);
        }
        try {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (!inputs.containsKey("observation") || !session.getOutputNames().contains("action")) {
                throw new IllegalArgumentException("not an EDP4J policy graph (it needs an input 'observation' and an"
                        + " output 'action'; it has inputs " + inputs.keySet() + " and outputs "
                        + session.getOutputNames() + ")");
            }
            this.observationDim = (int) ((TensorInfo) inputs.get("observation").getInfo()).getShape()[1];
            this.bounds = new ActionBounds(parse(meta, "edp4j.bounds_low"), parse(meta, "edp4j.bounds_high"));
            this.datasetName = meta.getOrDefault("edp4j.dataset", "unknown");
            this.hasNoise = inputs.containsKey("noise");
            this.hasUniform = inputs.containsKey("uniform");
            this.candidates = hasNoise ? (int) ((TensorInfo) inputs.get("noise").getInfo()).getShape()[1] : 0;
            this.chainSteps = inputs.containsKey("step_noise")
                    ? 1 + (int) ((TensorInfo) inputs.get("step_noise").getInfo()).getShape()[0] : 1;
            this.seed = Long.parseLong(meta.getOrDefault("edp4j.seed", "0"));
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }

    private static float[] parse(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("not an EDP4J policy graph (metadata " + key + " is missing)");
        }
        String[] parts = v.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }

    /**
     * Exports a policy in memory and opens it on ONNX Runtime with one intra-op thread.
     *
     * @param policy the policy (or a {@link Policy#withActing} view); it may be closed afterwards
     * @return the ONNX policy (close it when done)
     * @throws UnsupportedOperationException if the policy cannot be exported (see {@link PolicyExport})
     * @throws IllegalStateException if ONNX Runtime refuses the graph
     */
    public static OnnxPolicy of(Policy policy) {
        return of(policy, 1);
    }

    /**
     * @param policy the policy
     * @param threads ONNX Runtime intra-op threads, at least 1
     * @return the ONNX policy
     * @throws IllegalStateException if ONNX Runtime refuses the graph
     */
    public static OnnxPolicy of(Policy policy, int threads) {
        byte[] model = PolicyExport.onnx(policy);
        try {
            return new OnnxPolicy(policy.toString(), model, threads);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused the exported graph of " + policy + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Opens an ONNX model written by {@link PolicyExport#onnx(Policy, Path)} with one intra-op thread.
     *
     * @param file the model
     * @return the policy
     * @throws IOException if the file is missing or unreadable, or ONNX Runtime refuses it, naming the file
     */
    public static OnnxPolicy load(Path file) throws IOException {
        return load(file, 1);
    }

    /**
     * @param file the model
     * @param threads ONNX Runtime intra-op threads, at least 1
     * @return the policy
     * @throws IOException if the file is missing or unreadable, or ONNX Runtime refuses it, naming the file
     */
    public static OnnxPolicy load(Path file, int threads) throws IOException {
        byte[] model;
        try {
            model = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such ONNX model file", e);
        }
        try {
            return new OnnxPolicy(file.toString(), model, threads);
        } catch (OrtException e) {
            throw new IOException(file + ": ONNX Runtime cannot load this model: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int observationDim() {
        return observationDim;
    }

    @Override
    public ActionBounds actionBounds() {
        return bounds;
    }

    @Override
    public String datasetName() {
        return datasetName;
    }

    /** @return the candidates {@code N} per state of the graph's selection (0 for a deterministic actor) */
    public int candidates() {
        return candidates;
    }

    /**
     * @param batch number of observations
     * @return the number of noise values {@link #act(float[][], float[], float[])} takes: {@code B * N * actDim} ({@code
     *     K} times that for the DDPM chain), or 0
     */
    public int noiseSize(int batch) {
        return hasNoise ? batch * candidates * bounds.dim() * chainSteps : 0;
    }

    @Override
    public float[] act(float[] observation) {
        return act(new float[][] {observation})[0];
    }

    @Override
    public float[][] act(float[][] observations) {
        synchronized (this) {
            checkOpen();
            float[] flat = ActingInputs.rows(observations, observationDim, o -> o);
            int b = observations.length;
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * ++calls);
            float[] noise = new float[noiseSize(b)];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) rng.nextGaussian();
            }
            float[] uniform = hasUniform ? new float[b * candidates] : null;
            if (uniform != null) {
                for (int i = 0; i < uniform.length; i++) {
                    uniform[i] = 1f - (float) rng.nextDouble(0, 1); // (0, 1]
                }
            }
            return run(flat, b, noise, uniform);
        }
    }

    /**
     * Acts with the randomness given: the same layouts as {@link Policy#act(float[][], float[], float[])}, and the
     * same actions to float rounding for the policy this graph was exported from.
     *
     * @param observations raw observations
     * @param noise {@link #noiseSize(int)} standard normal values, row-major {@code (B, N, actDim)} (for the DDPM chain
     *     followed by {@code (K - 1, B, N, actDim)}, the noise of its steps), or null for a deterministic actor
     * @param uniform {@code (B, N)} values in {@code (0, 1]} for softmax selection, or null
     * @return one action per observation
     * @throws IllegalArgumentException if a size or value is wrong
     * @throws IllegalStateException if the policy is closed
     */
    public float[][] act(float[][] observations, float[] noise, float[] uniform) {
        synchronized (this) {
            checkOpen();
            float[] flat = ActingInputs.rows(observations, observationDim, o -> o);
            int b = observations.length;
            ActingInputs.randomness(noise, noiseSize(b), "noise", false);
            ActingInputs.randomness(uniform, hasUniform ? b * candidates : 0, "uniform", true);
            return run(flat, b, noise, uniform);
        }
    }

    private float[][] run(float[] flat, int b, float[] noise, float[] uniform) {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("observation", OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {b, observationDim}));
            if (hasNoise) {
                int start = b * candidates * bounds.dim();
                in.put("noise", OnnxTensor.createTensor(env, FloatBuffer.wrap(noise, 0, start),
                        new long[] {b, candidates, bounds.dim()}));
                if (chainSteps > 1) {
                    in.put("step_noise", OnnxTensor.createTensor(env, FloatBuffer.wrap(noise, start,
                            noise.length - start).slice(), new long[] {chainSteps - 1, b, candidates, bounds.dim()}));
                }
            }
            if (hasUniform) {
                in.put("uniform", OnnxTensor.createTensor(env, FloatBuffer.wrap(uniform), new long[] {b, candidates}));
            }
            try (OrtSession.Result r = session.run(in)) {
                FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
                int d = bounds.dim();
                float[][] rows = new float[b][d];
                for (int i = 0; i < b; i++) {
                    out.get(rows[i]);
                }
                return rows;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run " + source + ": " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : in.values()) {
                t.close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("policy is closed: " + this);
        }
    }

    /** @return whether {@link #close()} was called */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the ORT session, after a call in progress has finished. Closing again does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot close the ONNX Runtime session of " + source, e);
            }
        }
    }

    @Override
    public String toString() {
        return "OnnxPolicy{" + source + ", obs=" + observationDim + ", act=" + bounds.dim() + ", N=" + candidates
                + "}";
    }
}
