package io.github.edp4j.algos;

import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.DiffusionActor;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.ParameterSet;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.sampling.DpmSolver;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Builds the ONNX graph of a {@link Policy}: observation normalisation, the actor (for a diffusion policy the whole
 * DPM-Solver unrolled: every model call with its time embedding, noise clipping and combination coefficients baked
 * in, EDP arXiv 2305.20081 Sec. 4.2), energy-based action selection (Sec. 4.3, Eq. 14: {@code N} candidates, the
 * minimum of the twin critics, softmax sampling by the Gumbel-max trick on an explicit uniform input, or argmax) and
 * the final clipping to the action bounds. Randomness is an input: {@code noise (batch, N, actDim)} and {@code
 * uniform (batch, N)}.
 *
 * <p>The graph is built for few nodes, since a one-state call pays per node: linear layers are single {@code Gemm}
 * nodes; the state and time parts of the noise network's first layer for every model call come from one {@code
 * Gemm} and one {@code Split}; each call's last layer is pre-scaled by {@code sigma_t}; the solver's linear
 * combinations are {@code Gemm} nodes against an identity matrix ({@code alpha d I + beta x}); the twin critics run
 * as one batched {@code MatMul} over stacked weights with {@code ReduceMin} across them.
 */
final class PolicyGraph {

    /** Everything the graph needs, read under the policy's lock. */
    record Parts(ActingSettings acting, ActionSampler sampler, Actor actor, TwinCritic critic,
            ObservationNormalizer normalizer, ActionBounds bounds, int observationDim) {}

    private final OnnxGraph g = new OnnxGraph("edp4j_policy");
    private final Parts p;
    private final int obsDim;
    private final int actDim;
    private String identity;
    private String cap;
    private String two;

    private PolicyGraph(Parts parts) {
        this.p = parts;
        this.obsDim = parts.observationDim();
        this.actDim = parts.bounds().dim();
    }

    /**
     * @param parts the policy's parts
     * @param doc the model's doc string
     * @param metadata metadata_props of the model
     * @return the serialized ONNX model
     * @throws UnsupportedOperationException for a diffusion policy acting with the DDPM chain
     */
    static byte[] build(Parts parts, String doc, Map<String, String> metadata) {
        PolicyGraph pg = new PolicyGraph(parts);
        pg.graph();
        metadata.forEach(pg.g::metadata);
        return pg.g.toBytes(PolicyExport.producerVersion(), doc);
    }

    private void graph() {
        g.input("observation", OnnxGraph.FLOAT, "batch", (long) obsDim);
        float[] mean = p.normalizer().mean();
        float[] std = p.normalizer().std();
        float[] scale = new float[obsDim];
        for (int i = 0; i < obsDim; i++) {
            scale[i] = (float) (std[i] + p.normalizer().epsilon());
        }
        String s = g.op("Div", g.op("Sub", "observation", g.constant("obs_mean", mean, 1, obsDim)),
                g.constant("obs_scale", scale, 1, obsDim));
        Actor actor = p.actor();
        String action = switch (actor.kind()) {
            case DIFFUSION -> selected(s, this::diffusion);
            case ONE_STEP -> selected(s, this::oneStep);
            case GAUSSIAN -> boundsFromUnit(g.op("Tanh", mlp(s, actor.parameters(), "mean", activation())));
            case DETERMINISTIC -> boundsFromUnit(g.op("Tanh", mlp(s, actor.parameters(), "pi", activation())));
        };
        g.identity(clip(action, p.bounds().low(), p.bounds().high()), "action");
        g.output("action", OnnxGraph.FLOAT, "batch", (long) actDim);
    }

    private Activation activation() {
        return p.critic().shape().activation();
    }

    /** A generator of candidate actions from repeated states and their noise, both {@code (B N, .)}. */
    @FunctionalInterface
    private interface Generator {
        String generate(String states, String noise);
    }

    /** Candidates for each state, then energy-based selection among them (EDP Sec. 4.3). */
    private String selected(String s, Generator generator) {
        int n = p.acting().easCandidates();
        g.input("noise", OnnxGraph.FLOAT, "batch", (long) n, (long) actDim);
        String rep = n == 1 ? s : reshape(g.op("Tile", s, g.longs("reps", new long[] {1, n}, 2)), -1, obsDim);
        String x = reshape("noise", -1, actDim);
        String actions = generator.generate(rep, x);
        if (n == 1) {
            return actions;
        }
        String scores = reshape(critic(rep, actions), -1, n);
        if (!p.acting().easArgmax()) {
            g.input("uniform", OnnxGraph.FLOAT, "batch", (long) n);
            // Gumbel-max: argmax(Q / T - log(-log U)) samples softmax(Q / T)
            String gumbel = g.op("Log", g.op("Neg", g.op("Log", "uniform")));
            scores = g.op("Sub", g.op("Div", scores, g.scalar("temperature", (float) p.acting().easTemperature())),
                    gumbel);
        }
        String choice = g.op("ArgMax", new String[] {scores}, "axis", 1L, "keepdims", 1L);
        String index = g.op("Expand", g.op("Unsqueeze", choice, g.longs("axes", new long[] {2}, 1)),
                g.longs("shape", new long[] {1, 1, actDim}, 3));
        String picked = g.op("GatherElements", new String[] {reshape(actions, -1, n, actDim), index}, "axis", 1L);
        return reshape(picked, -1, actDim);
    }

    /** The DPM-Solver of the policy (or of its acting settings), unrolled over its model calls. */
    private String diffusion(String states, String noise) {
        DiffusionActor actor = (DiffusionActor) p.actor();
        ActionSampler sampler = p.sampler() == null ? actor.sampler() : p.sampler();
        if (sampler instanceof DdpmSampler chain) {
            return ddpm(states, noise, chain);
        }
        if (!(sampler instanceof DpmSolver solver)) {
            throw new UnsupportedOperationException("ONNX export of a diffusion policy sampled by " + sampler
                    + " is not supported: export it with DPM-Solver or DDPM acting settings (withActing)");
        }
        ParameterSet ps = actor.parameters();
        List<DpmSolver.StepPlan> plan = solver.plan();
        int calls = plan.stream().mapToInt(DpmSolver.StepPlan::order).sum();
        float[] w0 = host(ps, "eps.0.weight");
        float[] b0 = host(ps, "eps.0.bias");
        int h0 = b0.length;
        int timeDim = (int) ps.get("time.1.bias").size();
        int layers = layerCount(ps);
        if (layers < 2) {
            throw new UnsupportedOperationException("ONNX export needs a noise network with a hidden layer");
        }
        // rows of the first layer: noisy action, time embedding, state
        float[] wAction = rows(w0, h0, 0, actDim);
        float[] wTime = rows(w0, h0, actDim, actDim + timeDim);
        float[] wState = rows(w0, h0, actDim + timeDim, actDim + timeDim + obsDim);
        double[] times = plan.stream().flatMapToDouble(st -> Arrays.stream(st.modelTimes())).toArray();
        // state part of every call in one Gemm: states W_s tiled, with the first bias and each call's time row
        float[] stateTiled = new float[obsDim * calls * h0];
        float[] biasTiled = new float[calls * h0];
        for (int j = 0; j < calls; j++) {
            double[] timeRow = timeRow(ps, times[j], wTime, h0, timeDim);
            for (int k = 0; k < h0; k++) {
                biasTiled[j * h0 + k] = (float) (b0[k] + (double) (float) timeRow[k]);
            }
            for (int r = 0; r < obsDim; r++) {
                System.arraycopy(wState, r * h0, stateTiled, r * calls * h0 + j * h0, h0);
            }
        }
        String all = g.op("Gemm", states, g.constant("w_state", stateTiled, obsDim, (long) calls * h0),
                g.constant("b_call", biasTiled, (long) calls * h0));
        String[] perCall = new String[calls];
        if (calls == 1) {
            perCall[0] = all;
        } else {
            for (int j = 0; j < calls; j++) {
                perCall[j] = g.fresh("call_bias");
            }
            g.node("Split", new String[] {all}, perCall, "axis", 1L);
        }
        String wA = g.constant("w_action", wAction, actDim, h0);
        String[] hiddenW = new String[layers - 2];
        String[] hiddenB = new String[layers - 2];
        for (int i = 1; i < layers - 1; i++) {
            hiddenW[i - 1] = weight(ps, "eps." + i);
            hiddenB[i - 1] = g.constant("b", host(ps, "eps." + i + ".bias"), ps.get("eps." + i + ".bias").size());
        }
        float[] wLast = host(ps, "eps." + (layers - 1) + ".weight");
        float[] bLast = host(ps, "eps." + (layers - 1) + ".bias");
        int hLast = wLast.length / actDim;
        Activation act = actor.policy().config().activation();
        ActionBounds clipBounds = solver.bounds();
        String x = noise;
        int slot = 0;
        for (DpmSolver.StepPlan st : plan) {
            double[] c = st.combination();
            double[] sg = st.sigmas();
            double[] al = st.alphas();
            String[] d = new String[st.order()];
            final int base = slot;
            // returns sigma * e' for call j of this step at input u
            BiFunction<String, Integer, String> call = (u, j) -> {
                String h = g.op("Gemm", u, wA, perCall[base + j]);
                h = activate(h, act);
                for (int i = 0; i < hiddenW.length; i++) {
                    h = activate(g.op("Gemm", h, hiddenW[i], hiddenB[i]), act);
                }
                float[] ws = new float[wLast.length];
                float[] bs = new float[bLast.length];
                for (int i = 0; i < ws.length; i++) {
                    ws[i] = (float) (wLast[i] * sg[j]);
                }
                for (int i = 0; i < bs.length; i++) {
                    bs[i] = (float) (bLast[i] * sg[j]);
                }
                String se = g.op("Gemm", h, g.constant("w_out", ws, hLast, actDim), g.constant("b_out", bs, actDim));
                if (clipBounds == null) {
                    return se;
                }
                float[] lo = clipBounds.low();
                float[] hi = clipBounds.high();
                float[] alo = new float[actDim];
                float[] ahi = new float[actDim];
                for (int i = 0; i < actDim; i++) {
                    alo[i] = (float) (al[j] * lo[i]);
                    ahi[i] = (float) (al[j] * hi[i]);
                }
                String z = clip(g.op("Sub", u, se), alo, ahi);
                return g.op("Sub", u, z);
            };
            d[0] = call.apply(x, 0);
            if (st.order() == 1) {
                x = combine(x, c[0], new String[] {d[0]}, new double[] {c[1] / sg[0]});
            } else if (st.order() == 2) {
                String u = combine(x, c[0], new String[] {d[0]}, new double[] {c[1] / sg[0]});
                d[1] = call.apply(u, 1);
                x = combine(x, c[2], new String[] {d[0], d[1]}, new double[] {c[3] / sg[0], c[4] / sg[1]});
            } else {
                String u1 = combine(x, c[0], new String[] {d[0]}, new double[] {c[1] / sg[0]});
                d[1] = call.apply(u1, 1);
                String u2 = combine(x, c[2], new String[] {d[0], d[1]}, new double[] {c[3] / sg[0], c[4] / sg[1]});
                d[2] = call.apply(u2, 2);
                x = combine(x, c[5], new String[] {d[0], d[2]}, new double[] {c[6] / sg[0], c[7] / sg[2]});
            }
            slot += st.order();
        }
        if (clipBounds != null) {
            x = clip(x, clipBounds.low(), clipBounds.high());
        }
        return x;
    }

    /**
     * The full DDPM chain (Ho et al. 2020, Algorithm 2, with the clean-action clipping of {@link DdpmSampler}),
     * unrolled over its {@code K} steps: the state part of the first layer is computed once, each step adds its
     * time row; the noise of steps {@code K..2} is the input {@code step_noise (K - 1, batch, N, actDim)}.
     */
    private String ddpm(String states, String noise, DdpmSampler chain) {
        DiffusionActor actor = (DiffusionActor) p.actor();
        ParameterSet ps = actor.parameters();
        int steps = chain.schedule().steps();
        int n = p.acting().easCandidates();
        float[] w0 = host(ps, "eps.0.weight");
        float[] b0 = host(ps, "eps.0.bias");
        int h0 = b0.length;
        int timeDim = (int) ps.get("time.1.bias").size();
        int layers = layerCount(ps);
        float[] wTime = rows(w0, h0, actDim, actDim + timeDim);
        String stateTerm = g.op("Gemm", states, g.constant("w_state",
                rows(w0, h0, actDim + timeDim, actDim + timeDim + obsDim), obsDim, h0), g.constant("b0", b0, h0));
        String wA = g.constant("w_action", rows(w0, h0, 0, actDim), actDim, h0);
        String[] hw = new String[layers - 1];
        String[] hb = new String[layers - 1];
        for (int i = 1; i < layers; i++) {
            hw[i - 1] = weight(ps, "eps." + i);
            hb[i - 1] = g.constant("b", host(ps, "eps." + i + ".bias"), ps.get("eps." + i + ".bias").size());
        }
        Activation act = actor.policy().config().activation();
        String stepNoise = null;
        if (steps > 1) {
            g.input("step_noise", OnnxGraph.FLOAT, (long) steps - 1, "batch", (long) n, (long) actDim);
            stepNoise = reshape("step_noise", steps - 1, -1, actDim);
        }
        ActionBounds clipBounds = chain.bounds();
        String x = noise;
        for (int k = steps; k >= 1; k--) {
            double[] row = timeRow(ps, k - 1, wTime, h0, timeDim);
            float[] rowF = new float[h0];
            for (int i = 0; i < h0; i++) {
                rowF[i] = (float) row[i];
            }
            String h = g.op("Add", g.op("Gemm", x, wA, stateTerm), g.constant("t_row", rowF, 1, h0));
            for (int i = 0; i < hw.length; i++) {
                h = g.op("Gemm", activate(h, act), hw[i], hb[i]);
            }
            double[] c = chain.stepCoefficients(k);
            // a0 = c0 x - c1 eps, clipped; x <- c2 a0 + c3 x (+ c4 z)
            String a0 = g.op("Gemm", new String[] {h, identity(), x}, "alpha", (float) -c[1], "beta", (float) c[0]);
            if (clipBounds != null) {
                a0 = clip(a0, clipBounds.low(), clipBounds.high());
            }
            String next = g.op("Gemm", new String[] {a0, identity(), x}, "alpha", (float) c[2], "beta", (float) c[3]);
            if (k > 1) {
                String z = g.op("Gather", new String[] {stepNoise, g.longs("step", new long[] {steps - k})}, "axis",
                        0L);
                next = g.op("Gemm", new String[] {z, identity(), next}, "alpha", (float) c[4], "beta", 1f);
            }
            x = next;
        }
        return x;
    }

    /** {@code a x + sum_k c_k d_k} as Gemm nodes {@code alpha d I + beta C}. */
    private String combine(String x, double a, String[] d, double[] c) {
        String out = g.op("Gemm", new String[] {d[0], identity(), x}, "alpha", (float) c[0], "beta", (float) a);
        for (int k = 1; k < d.length; k++) {
            out = g.op("Gemm", new String[] {d[k], identity(), out}, "alpha", (float) c[k], "beta", 1f);
        }
        return out;
    }

    private String identity() {
        if (identity == null) {
            float[] eye = new float[actDim * actDim];
            for (int i = 0; i < actDim; i++) {
                eye[i * actDim + i] = 1f;
            }
            identity = g.constant("eye", eye, actDim, actDim);
        }
        return identity;
    }

    /**
     * The time part of the first layer for one model time index: {@code timeMlp(sinusoid(t)) W_t}, computed on the
     * host from the float weights (sinusoidal frequencies as in {@code SinusoidalEmbedding}, Mish between the two
     * linear layers).
     */
    private double[] timeRow(ParameterSet ps, double t, float[] wTime, int h0, int timeDim) {
        int half = timeDim / 2;
        double scale = Math.log(10000) / (half - 1);
        double[] emb = new double[timeDim];
        for (int i = 0; i < half; i++) {
            float f = (float) Math.exp(-scale * i);
            emb[i] = (float) Math.sin(t * f);
            emb[half + i] = (float) Math.cos(t * f);
        }
        double[] h = affine(emb, host(ps, "time.0.weight"), host(ps, "time.0.bias"));
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) (h[i] * Math.tanh(softplus(h[i])));
        }
        double[] e = affine(h, host(ps, "time.1.weight"), host(ps, "time.1.bias"));
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) e[i];
        }
        double[] out = new double[h0];
        for (int r = 0; r < timeDim; r++) {
            for (int k = 0; k < h0; k++) {
                out[k] += e[r] * wTime[r * h0 + k];
            }
        }
        return out;
    }

    private static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    /** {@code x W + b} for W stored (in, out). */
    private static double[] affine(double[] x, float[] w, float[] b) {
        int out = b.length;
        double[] y = new double[out];
        for (int k = 0; k < out; k++) {
            y[k] = b[k];
        }
        for (int r = 0; r < x.length; r++) {
            for (int k = 0; k < out; k++) {
                y[k] += x[r] * w[r * out + k];
            }
        }
        for (int k = 0; k < out; k++) {
            y[k] = (float) y[k];
        }
        return y;
    }

    /** DTQL's one-step policy (arXiv 2405.19690): {@code tanh(mu + exp(clamp(log sd)) eps)} scaled to the bounds. */
    private String oneStep(String states, String noise) {
        ParameterSet ps = p.actor().parameters();
        String h = states;
        int layers = 0;
        while (ps.names().contains("policy." + layers + ".weight")) {
            layers++;
        }
        for (int i = 0; i < layers; i++) {
            h = g.op("Gemm", new String[] {h, weight(ps, "policy." + i),
                g.constant("b", host(ps, "policy." + i + ".bias"), ps.get("policy." + i + ".bias").size())},
                    "transB", 1L);
            if (i < layers - 1) {
                h = g.op("Relu", h);
            }
        }
        String mu = g.fresh("mu");
        String logStd = g.fresh("log_std");
        g.node("Split", new String[] {h}, new String[] {mu, logStd}, "axis", 1L);
        String sd = g.op("Exp", g.op("Clip", logStd, g.scalar("lo", -5f), g.scalar("hi", 2f)));
        String unit = g.op("Tanh", g.op("Add", mu, g.op("Mul", sd, noise)));
        return unitBox() ? unit : boundsFromUnit(unit);
    }

    private boolean unitBox() {
        for (int i = 0; i < actDim; i++) {
            if (p.bounds().low(i) != -1f || p.bounds().high(i) != 1f) {
                return false;
            }
        }
        return true;
    }

    /** {@code centre + halfWidth * u}. */
    private String boundsFromUnit(String unit) {
        float[] lo = p.bounds().low();
        float[] hi = p.bounds().high();
        float[] c = new float[actDim];
        float[] h = new float[actDim];
        for (int i = 0; i < actDim; i++) {
            c[i] = (lo[i] + hi[i]) / 2;
            h[i] = (hi[i] - lo[i]) / 2;
        }
        return g.op("Add", g.op("Mul", unit, g.constant("half_width", h, 1, actDim)),
                g.constant("centre", c, 1, actDim));
    }

    /** An MLP with weights stored (in, out) under {@code prefix.i.weight}. */
    private String mlp(String x, ParameterSet ps, String prefix, Activation act) {
        int layers = 0;
        while (ps.names().contains(prefix + "." + layers + ".weight")) {
            layers++;
        }
        String h = x;
        for (int i = 0; i < layers; i++) {
            h = g.op("Gemm", h, weight(ps, prefix + "." + i),
                    g.constant("b", host(ps, prefix + "." + i + ".bias"), ps.get(prefix + "." + i + ".bias").size()));
            if (i < layers - 1) {
                h = activate(h, act);
            }
        }
        return h;
    }

    /**
     * {@code min(Q1, Q2)} of the twin critics on {@code concat(s, a)}, both run as one batched MatMul over stacked
     * weights {@code (2, in, out)}; DTQL's critics have a LayerNorm after each hidden linear layer.
     */
    private String critic(String states, String actions) {
        TwinCritic critic = p.critic();
        ParameterSet ps = critic.parameters();
        boolean layerNorm = ps.names().contains("q1.norm0.gain");
        Activation act = critic.shape().activation();
        int layers = 0;
        while (ps.names().contains("q1." + layers + ".weight")) {
            layers++;
        }
        String h = g.op("Concat", new String[] {states, actions}, "axis", 1L);
        for (int i = 0; i < layers; i++) {
            long[] shape = ps.get("q1." + i + ".weight").getShape().getShape();
            long in = layerNorm ? shape[1] : shape[0];
            long out = layerNorm ? shape[0] : shape[1];
            float[] w = new float[(int) (2 * in * out)];
            float[] b = new float[(int) (2 * out)];
            for (int q = 0; q < 2; q++) {
                String name = "q" + (q + 1) + "." + i;
                float[] wq = host(ps, name + ".weight");
                if (layerNorm) {
                    wq = transpose(wq, (int) out, (int) in);
                }
                System.arraycopy(wq, 0, w, (int) (q * in * out), wq.length);
                System.arraycopy(host(ps, name + ".bias"), 0, b, (int) (q * out), (int) out);
            }
            h = g.op("Add", g.op("MatMul", h, g.constant("w_q", w, 2, in, out)), g.constant("b_q", b, 2, 1, out));
            if (i < layers - 1) {
                if (layerNorm) {
                    float[] ones = new float[(int) out];
                    Arrays.fill(ones, 1f);
                    h = g.op("LayerNormalization", new String[] {h, g.constant("ln_one", ones, out),
                        g.constant("ln_zero", new float[(int) out], out)}, "axis", -1L, "epsilon", 1e-5f);
                    float[] gain = new float[(int) (2 * out)];
                    float[] off = new float[(int) (2 * out)];
                    for (int q = 0; q < 2; q++) {
                        System.arraycopy(host(ps, "q" + (q + 1) + ".norm" + i + ".gain"), 0, gain, (int) (q * out),
                                (int) out);
                        System.arraycopy(host(ps, "q" + (q + 1) + ".norm" + i + ".bias"), 0, off, (int) (q * out),
                                (int) out);
                    }
                    h = g.op("Add", g.op("Mul", h, g.constant("ln_gain", gain, 2, 1, out)),
                            g.constant("ln_bias", off, 2, 1, out));
                }
                h = activate(h, act);
            }
        }
        return g.op("ReduceMin", new String[] {h}, "axes", new long[] {0}, "keepdims", 0L);
    }

    private String activate(String x, Activation act) {
        return switch (act) {
            case MISH, MISH_REFERENCE -> mish(x);
            case RELU -> g.op("Relu", x);
            case TANH -> g.op("Tanh", x);
            case SILU -> g.op("Mul", x, g.op("Sigmoid", x));
        };
    }

    /**
     * Mish in its one-exponential form, {@code x n / (n + 2)} with {@code n = e (e + 2)}, {@code e = exp(min(x,
     * 20))} (the form libtorch acting uses for large arrays, {@code Activation.oneExpFormOfMish}): seven cheap nodes,
     * measured 2x (one state) to 12x (batch 2,560) faster on ONNX Runtime than {@code Softplus, Tanh, Mul}, whose
     * Softplus kernel is not vectorised.
     */
    private String mish(String x) {
        if (cap == null) {
            cap = g.scalar("cap", 20f);
            two = g.scalar("two", 2f);
        }
        String e = g.op("Exp", g.op("Min", x, cap));
        String n = g.op("Mul", g.op("Add", e, two), e);
        return g.op("Mul", x, g.op("Div", n, g.op("Add", n, two)));
    }

    /** Clips to per-dimension limits: one Clip node when every dimension has the same limits. */
    private String clip(String x, float[] lo, float[] hi) {
        boolean uniform = true;
        for (int i = 1; i < lo.length; i++) {
            uniform &= lo[i] == lo[0] && hi[i] == hi[0];
        }
        if (uniform) {
            return g.op("Clip", x, g.scalar("lo", lo[0]), g.scalar("hi", hi[0]));
        }
        return g.op("Min", g.op("Max", x, g.constant("lo", lo, 1, lo.length)), g.constant("hi", hi, 1, hi.length));
    }

    private String reshape(String x, long... dims) {
        return g.op("Reshape", x, g.longs("shape", dims, dims.length));
    }

    /** A weight as an initializer with its stored shape. */
    private String weight(ParameterSet ps, String layer) {
        long[] shape = ps.get(layer + ".weight").getShape().getShape();
        return g.constant("w", host(ps, layer + ".weight"), shape[0], shape[1]);
    }

    private static float[] host(ParameterSet ps, String name) {
        return ps.get(name).toFloatArray();
    }

    /** @return the number of linear layers of the noise network's body ({@code eps.0}, {@code eps.1}, ...) */
    private static int layerCount(ParameterSet ps) {
        int layers = 0;
        while (ps.names().contains("eps." + layers + ".weight")) {
            layers++;
        }
        return layers;
    }

    private static float[] rows(float[] w, int cols, int from, int to) {
        return Arrays.copyOfRange(w, from * cols, to * cols);
    }

    private static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    /** @return the number of nodes of the graph for these parts (for tests of the node budget) */
    static int nodeCount(Parts parts) {
        PolicyGraph pg = new PolicyGraph(parts);
        pg.graph();
        return pg.g.nodeCount();
    }
}
