package io.github.edp4j.algos;

import io.github.edp4j.algos.nets.ActorKind;
import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.nn.ParameterSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Exports a trained {@link Policy} for use outside this library: as an ONNX model that acts exactly like the policy
 * (given the same randomness), and as safetensors weights for plain PyTorch.
 *
 * <p><b>ONNX</b> (opset 17, IR version 8; ONNX Runtime 1.2x runs it). Inputs: {@code observation (batch, obsDim)}
 * float32 raw observations; for a policy that samples (diffusion policies and DTQL's one-step policy) {@code noise
 * (batch, N, actDim)} standard normal values, the starting noise {@code x_T} of each of the {@code N} candidates of
 * energy-based action selection (EDP arXiv 2305.20081, Sec. 4.3) or DTQL's reparameterisation noise; with {@code N >
 * 1} and softmax selection, {@code uniform (batch, N)} values in {@code (0, 1]}, the Gumbel-max draw. Output: {@code
 * action (batch, actDim)}. Inside the graph: observation normalisation, the actor (a diffusion policy's DPM-Solver
 * unrolled over its model calls with its order and time grid, Sec. 4.2), the twin critics' minimum and the selection,
 * and clipping to the action bounds. {@link Policy#act(float[][], float[], float[])} computes the same with
 * libtorch. The model's metadata ({@code metadata_props}) records the acting settings and the policy's provenance.
 * A diffusion policy acting with the full DDPM chain (Diffusion-QL, or {@code withActing(acting().withDdpm())}) is
 * unrolled over its {@code K} steps and takes one more input, {@code step_noise (K - 1, batch, N, actDim)}, the noise
 * of steps {@code K..2}; at {@code K = 1000} the graph has about 30,000 nodes.
 *
 * <p><b>safetensors</b> (the format of Hugging Face's {@code safetensors}: an 8-byte little-endian header length, a
 * JSON header, then the raw little-endian tensors). Every tensor is float32. Names: {@code actor.<name>} for the acting
 * network's parameters, {@code behaviour.<name>} for DTQL's behaviour-cloning diffusion model, {@code
 * critic.<name>} for the twin critics ({@code q1.*}, {@code q2.*}), {@code normalizer.mean}, {@code normalizer.std},
 * {@code bounds.low}, {@code bounds.high}. Parameter names are the library's: {@code eps.i} (noise network body),
 * {@code time.i} (time embedding MLP), {@code mean.i} and {@code log_std} (Gaussian actor), {@code pi.i}
 * (deterministic actor), {@code policy.i} (DTQL's one-step policy), {@code qk.i} and {@code qk.normi.gain/bias}
 * (critics), {@code edm.*} (DTQL's EDM model); {@code i} counts linear layers from 0. Every linear weight is stored
 * in PyTorch's {@code nn.Linear} layout {@code (out, in)}, so it loads into {@code nn.Linear} as it is. The header's
 * {@code __metadata__} holds the acting settings, the observation epsilon, the activation and the policy's
 * provenance ({@code config.*} keys, as in the policy file). A reference batch acted by this library with given
 * randomness is included for checking a reimplementation: {@code reference.observation (8, obsDim)}, {@code
 * reference.noise (8, N, actDim)} (policies that sample; {@code (K, 8, N, actDim)} for the DDPM chain: the starting
 * noise, then the noise of steps {@code K..2}), {@code reference.uniform (8, N)} (softmax selection) and {@code
 * reference.action (8, actDim)}. For the DDPM chain the metadata {@code edp4j.ddpm_coefficients} lists, for {@code k
 * = K..1}, {@code [c0, c1, c2, c3, c4]}: {@code a0 = clip(c0 x - c1 eps)}, {@code x <- c2 a0 + c3 x + c4 z}.
 *
 * <p>Both writers are atomic: the file appears complete or not at all.
 */
public final class PolicyExport {

    private PolicyExport() {
    }

    /**
     * The ONNX model of the policy (see the class description).
     *
     * @param policy the policy (or a {@link Policy#withActing} view, whose acting settings are exported)
     * @return the serialized ModelProto
     * @throws IllegalStateException if the policy is closed
     */
    public static byte[] onnx(Policy policy) {
        Map<String, String> meta = metadata(policy);
        return policy.withParts(parts -> PolicyGraph.build(parts, "EDP4J policy " + policy
                + ": observation (batch, obsDim) -> action (batch, actDim)", meta));
    }

    /**
     * Writes {@link #onnx(Policy)} atomically.
     *
     * @param policy the policy
     * @param file the destination
     * @throws IOException if the file cannot be written, naming it
     */
    public static void onnx(Policy policy, Path file) throws IOException {
        byte[] bytes = onnx(policy);
        write(file, bytes);
    }

    /**
     * The safetensors serialization of every network's weights, the normaliser and the bounds.
     *
     * @param policy the policy
     * @return the file's bytes
     * @throws IllegalStateException if the policy is closed
     */
    public static byte[] safetensors(Policy policy) {
        Map<String, String> meta = metadata(policy);
        List<Tensor> reference = reference(policy);
        return policy.withParts(parts -> {
            List<Tensor> tensors = new ArrayList<>();
            tensors.add(new Tensor("normalizer.mean", parts.normalizer().mean(), parts.observationDim()));
            tensors.add(new Tensor("normalizer.std", parts.normalizer().std(), parts.observationDim()));
            tensors.add(new Tensor("bounds.low", parts.bounds().low(), parts.bounds().dim()));
            tensors.add(new Tensor("bounds.high", parts.bounds().high(), parts.bounds().dim()));
            boolean actorInOut = parts.actor().kind() != ActorKind.ONE_STEP;
            add(tensors, "actor.", parts.actor().parameters(), actorInOut);
            if (parts.actor().behaviourParameters() != null) {
                add(tensors, "behaviour.", parts.actor().behaviourParameters(), true);
            }
            boolean criticInOut = !parts.critic().parameters().names().contains("q1.norm0.gain");
            add(tensors, "critic.", parts.critic().parameters(), criticInOut);
            Map<String, String> all = new LinkedHashMap<>(meta);
            all.put("edp4j.actor_kind", parts.actor().kind().toString());
            all.put("edp4j.critic_layer_norm", Boolean.toString(!criticInOut));
            String plan = solverPlan(parts);
            if (plan != null) {
                all.put("edp4j.solver_plan", plan);
            }
            String chain = ddpmCoefficients(parts);
            if (chain != null) {
                all.put("edp4j.ddpm_coefficients", chain);
            }
            tensors.addAll(reference);
            return serialize(tensors, all);
        });
    }

    /** Rows of the reference batch stored with the weights. */
    static final int REFERENCE_ROWS = 8;

    /**
     * A reference batch acted by this library with given randomness ({@link Policy#act(float[][], float[],
     * float[])}): observations around the normaliser's mean (mean + std * N(0, 1), seeded), the noise, the uniform
     * draw and the actions, so that another implementation can check that it reproduces the policy.
     */
    private static List<Tensor> reference(Policy policy) {
        int b = REFERENCE_ROWS;
        int d = policy.observationDim();
        int a = policy.actionBounds().dim();
        SplittableRandom r = new SplittableRandom(0x5eedL);
        float[] mean = policy.normalizer().mean();
        float[] std = policy.normalizer().std();
        float[][] obs = new float[b][d];
        float[] flat = new float[b * d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < d; j++) {
                obs[i][j] = (float) (mean[j] + (std[j] + policy.normalizer().epsilon()) * r.nextGaussian());
                flat[i * d + j] = obs[i][j];
            }
        }
        int n = policy.acting().easCandidates();
        float[] noise = new float[policy.noiseSize(b)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.nextGaussian();
        }
        boolean uniform = noise.length > 0 && n > 1 && !policy.acting().easArgmax();
        float[] u = uniform ? new float[b * n] : null;
        if (u != null) {
            for (int i = 0; i < u.length; i++) {
                u[i] = (float) (1 - r.nextDouble());
            }
        }
        List<Tensor> out = new ArrayList<>();
        out.add(new Tensor("reference.observation", flat, b, d));
        if (noise.length > 0) {
            int k = noise.length / (b * n * a);
            out.add(k == 1 ? new Tensor("reference.noise", noise, b, n, a)
                    : new Tensor("reference.noise", noise, k, b, n, a));
        }
        if (u != null) {
            out.add(new Tensor("reference.uniform", u, b, n));
        }
        float[][] act = policy.act(obs, noise.length > 0 ? noise : null, u);
        float[] acts = new float[b * a];
        for (int i = 0; i < b; i++) {
            System.arraycopy(act[i], 0, acts, i * a, a);
        }
        out.add(new Tensor("reference.action", acts, b, a));
        return out;
    }

    /**
     * Writes {@link #safetensors(Policy)} atomically.
     *
     * @param policy the policy
     * @param file the destination
     * @throws IOException if the file cannot be written, naming it
     */
    public static void safetensors(Policy policy, Path file) throws IOException {
        byte[] bytes = safetensors(policy);
        write(file, bytes);
    }

    static String producerVersion() {
        return Provenance.LIBRARY_VERSION;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try {
            AtomicFile.write(file, bytes);
        } catch (IOException e) {
            throw new IOException(file + ": cannot write (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ")", e);
        }
    }

    private static Map<String, String> metadata(Policy policy) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("edp4j.acting", policy.acting().describe());
        m.put("edp4j.policy", policy.toString());
        m.put("edp4j.observation_epsilon", Double.toString(policy.normalizer().epsilon()));
        m.put("edp4j.activation", policy.config().activation().toString());
        m.put("edp4j.eas_candidates", Integer.toString(policy.acting().easCandidates()));
        m.put("edp4j.eas_temperature", Double.toString(policy.acting().easTemperature()));
        m.put("edp4j.eas_argmax", Boolean.toString(policy.acting().easArgmax()));
        m.put("edp4j.observation_dim", Integer.toString(policy.observationDim()));
        m.put("edp4j.bounds_low", floats(policy.actionBounds().low()));
        m.put("edp4j.bounds_high", floats(policy.actionBounds().high()));
        m.put("edp4j.seed", Long.toString(policy.config().seed()));
        m.put("edp4j.dataset", policy.datasetName());
        policy.provenance().toMap().forEach((k, v) -> m.put(k, v == null ? "" : v));
        return m;
    }

    /**
     * The DPM-Solver plan of a diffusion policy as JSON ({@code DpmSolver.plan()}: per outer step its order, model
     * time indices, sigmas, alphas and combination coefficients), or null.
     */
    private static String solverPlan(PolicyGraph.Parts parts) {
        if (!(parts.actor() instanceof io.github.edp4j.algos.nets.DiffusionActor d)) {
            return null;
        }
        io.github.edp4j.core.sampling.ActionSampler sampler = parts.sampler() == null ? d.sampler() : parts.sampler();
        if (!(sampler instanceof io.github.edp4j.core.sampling.DpmSolver solver)) {
            return null;
        }
        StringBuilder b = new StringBuilder("[");
        for (io.github.edp4j.core.sampling.DpmSolver.StepPlan st : solver.plan()) {
            b.append(b.length() == 1 ? "" : ",").append("{\"order\":").append(st.order())
                    .append(",\"model_times\":").append(doubles(st.modelTimes()))
                    .append(",\"sigmas\":").append(doubles(st.sigmas()))
                    .append(",\"alphas\":").append(doubles(st.alphas()))
                    .append(",\"combination\":").append(doubles(st.combination())).append('}');
        }
        return b.append(']').toString();
    }

    /** The DDPM chain's coefficients as JSON, {@code [[c0..c4] for k = K..1]}, or null. */
    private static String ddpmCoefficients(PolicyGraph.Parts parts) {
        if (!(parts.actor() instanceof io.github.edp4j.algos.nets.DiffusionActor d)) {
            return null;
        }
        io.github.edp4j.core.sampling.ActionSampler sampler = parts.sampler() == null ? d.sampler() : parts.sampler();
        if (!(sampler instanceof io.github.edp4j.core.sampling.DdpmSampler chain)) {
            return null;
        }
        StringBuilder b = new StringBuilder("[");
        for (int k = chain.schedule().steps(); k >= 1; k--) {
            b.append(b.length() == 1 ? "" : ",").append(doubles(chain.stepCoefficients(k)));
        }
        return b.append(']').toString();
    }

    private static String doubles(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.append(']').toString();
    }

    private static String floats(float[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.toString();
    }

    /** One float32 tensor of the safetensors file. */
    private record Tensor(String name, float[] values, long... shape) {}

    private static void add(List<Tensor> out, String prefix, ParameterSet ps, boolean storedInOut) {
        for (String name : ps.names()) {
            float[] v = ps.get(name).toFloatArray();
            long[] shape = ps.get(name).getShape().getShape();
            if (storedInOut && shape.length == 2 && name.endsWith(".weight")) {
                int in = (int) shape[0];
                int o = (int) shape[1];
                float[] t = new float[v.length];
                for (int r = 0; r < in; r++) {
                    for (int c = 0; c < o; c++) {
                        t[c * in + r] = v[r * o + c];
                    }
                }
                out.add(new Tensor(prefix + name, t, o, in));
            } else {
                out.add(new Tensor(prefix + name, v, shape));
            }
        }
    }

    /** The safetensors layout: header length (u64 LE), JSON header padded with spaces to 8 bytes, the data. */
    static byte[] serialize(List<Tensor> tensors, Map<String, String> metadata) {
        StringBuilder h = new StringBuilder("{\"__metadata__\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            h.append(first ? "" : ",").append(json(e.getKey())).append(':').append(json(e.getValue()));
            first = false;
        }
        h.append('}');
        long offset = 0;
        for (Tensor t : tensors) {
            long end = offset + 4L * t.values().length;
            h.append(',').append(json(t.name())).append(":{\"dtype\":\"F32\",\"shape\":[");
            for (int i = 0; i < t.shape().length; i++) {
                h.append(i == 0 ? "" : ",").append(t.shape()[i]);
            }
            h.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        h.append('}');
        while ((h.toString().getBytes(StandardCharsets.UTF_8).length) % 8 != 0) {
            h.append(' ');
        }
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate((int) (8 + header.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length);
        buf.put(header);
        for (Tensor t : tensors) {
            for (float v : t.values()) {
                buf.putFloat(v);
            }
        }
        return buf.array();
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
