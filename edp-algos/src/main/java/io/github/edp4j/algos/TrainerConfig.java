package io.github.edp4j.algos;

import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.core.schedule.ScheduleKind;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of an EDP training run, immutable and validated on construction; defaults are the official EDP
 * code's (docs/design.md, section 5). Built by {@link EdpTrainer.Builder}; serialised to and from a string map for
 * checkpoints, saved policies and provenance.
 *
 * @param algorithm TD3, CRR, IQL, DQL (Diffusion-QL) or DTQL
 * @param policyClass diffusion (EDP) or the feed-forward baseline; DQL and DTQL need a diffusion policy
 * @param steps K, diffusion steps, at least 1 (builder default: the algorithm's, 1000; 5 for DQL)
 * @param schedule noise schedule (builder default: the algorithm's, linear; vp for DQL)
 * @param iterations gradient updates, at least 1
 * @param batchSize minibatch size, at least 1 (default 256)
 * @param actorLearningRate Adam learning rate of the policy (default 3e-4)
 * @param criticLearningRate Adam learning rate of the critics and value network (default 3e-4)
 * @param maxGradNorm global gradient-norm clip of every network, or 0 for none (default 5, the paper's)
 * @param discount gamma in [0, 1] (default 0.99)
 * @param tau Polyak rate of the target critics in (0, 1] (default 0.005)
 * @param emaTau EMA rate of the target policy in (0, 1] (default 0.005)
 * @param hidden hidden widths of every network (default 256, 256, 256)
 * @param activation hidden activation (default Mish)
 * @param td3Alpha TD3+BC's alpha (default 2.0)
 * @param td3Eta weight of the Q term of TD3+BC and of Diffusion-QL (default 1.0)
 * @param crrSamples CRR's baseline samples (default 10)
 * @param crrBeta CRR's temperature (default 1.0)
 * @param crrWeightCap CRR's weight cap (default 20)
 * @param iqlExpectile IQL's expectile (default 0.7)
 * @param iqlTemperature IQL's inverse temperature (default 3.0)
 * @param iqlWeightCap IQL's weight cap (default 100)
 * @param dtqlAlpha DTQL's weight {@code alpha} of the trust-region loss (arXiv 2405.19690, Sec. 2), positive
 *     (default 1)
 * @param dtqlNllWeight DTQL's weight {@code gamma} of the likelihood term, non-negative (default 0; 1 for antmaze)
 * @param dtqlPretrainIterations DTQL's pre-training iterations (critics and diffusion model only), in {@code [0,
 *     iterations)} for DTQL (default 50,000, the paper's 50 epochs of 1000 steps); DTQL also uses {@code
 *     iqlExpectile} for its value regression and the EAS settings to pick among one-step candidates
 * @param samplerCalls DPM-Solver model calls (default 15); the sampler settings do not apply to DQL, which samples
 *     with the full DDPM chain
 * @param samplerOrder DPM-Solver order 1-3 (default 3)
 * @param samplerGrid DPM-Solver time grid (default time-uniform)
 * @param easCandidates candidates of energy-based action selection (default 10, the paper's)
 * @param easTemperature softmax temperature of the selection (default 1)
 * @param easArgmax pick the best candidate instead of sampling (default false)
 * @param normalizeObservations standardise observations with dataset statistics (default true)
 * @param seed seed of initialisation, batches and noise
 * @param threads libtorch threads, or 0 to leave the engine's setting (default 0)
 * @param gpu train on the first GPU (needs the CUDA native artifact) (default false)
 * @param evalEvery iterations between evaluations, at least 1 (default 5000)
 * @param evalEpisodes episodes per evaluation, at least 1 (default 10)
 * @param logEvery iterations between training-curve records, at least 1 (default 1000)
 * @param checkpointEvery iterations between checkpoints, or 0 for none (default 0)
 */
public record TrainerConfig(Algorithm algorithm, PolicyClass policyClass, int steps, ScheduleKind schedule,
        int iterations, int batchSize, double actorLearningRate, double criticLearningRate, double maxGradNorm,
        double discount, double tau, double emaTau, int[] hidden, Activation activation, double td3Alpha,
        double td3Eta, int crrSamples, double crrBeta, double crrWeightCap, double iqlExpectile,
        double iqlTemperature, double iqlWeightCap, double dtqlAlpha, double dtqlNllWeight,
        int dtqlPretrainIterations, int samplerCalls, int samplerOrder, TimeGrid samplerGrid,
        int easCandidates, double easTemperature, boolean easArgmax, boolean normalizeObservations, long seed,
        int threads, boolean gpu, int evalEvery, int evalEpisodes, int logEvery, int checkpointEvery) {

    /** Validates every field; messages name the field, the value and the allowed range. */
    public TrainerConfig {
        require(algorithm != null, "algorithm", algorithm, "TD3, CRR, IQL, DQL or DTQL");
        require(policyClass != null, "policyClass", policyClass, "DIFFUSION or GAUSSIAN");
        require(algorithm != Algorithm.DQL || policyClass == PolicyClass.DIFFUSION, "policyClass", policyClass,
                "DIFFUSION with algorithm DQL (Diffusion-QL differentiates through the diffusion chain)");
        require(algorithm != Algorithm.DTQL || policyClass == PolicyClass.DIFFUSION, "policyClass", policyClass,
                "DIFFUSION with algorithm DTQL (DTQL trains its one-step policy against a diffusion model)");
        require(steps >= 1, "steps", steps, ">= 1");
        require(schedule != null, "schedule", schedule, "LINEAR, COSINE or VP");
        require(iterations >= 1, "iterations", iterations, ">= 1");
        require(batchSize >= 1, "batchSize", batchSize, ">= 1");
        require(positiveFloat(actorLearningRate), "actorLearningRate", actorLearningRate, POSITIVE_FLOAT);
        require(positiveFloat(criticLearningRate), "criticLearningRate", criticLearningRate, POSITIVE_FLOAT);
        require(maxGradNorm == 0 || positiveFloat(maxGradNorm), "maxGradNorm", maxGradNorm,
                ">= 0 (0 = no clip), at most " + Float.MAX_VALUE + " (float32)");
        require(discount >= 0 && discount <= 1, "discount", discount, "[0, 1]");
        require(tau > 0 && tau <= 1, "tau", tau, "(0, 1]");
        require(emaTau > 0 && emaTau <= 1, "emaTau", emaTau, "(0, 1]");
        require(hidden != null && hidden.length >= 1 && Arrays.stream(hidden).allMatch(h -> h >= 1), "hidden",
                hidden == null ? null : Arrays.toString(hidden), "at least one width, each >= 1");
        hidden = hidden.clone();
        require(activation != null, "activation", activation, "MISH, RELU, TANH or SILU");
        require(td3Alpha > 0 && Double.isFinite(td3Alpha), "td3Alpha", td3Alpha, "> 0");
        require(td3Eta >= 0 && Double.isFinite(td3Eta), "td3Eta", td3Eta, ">= 0");
        require(crrSamples >= 1, "crrSamples", crrSamples, ">= 1");
        require(crrBeta > 0 && Double.isFinite(crrBeta), "crrBeta", crrBeta, "> 0");
        require(crrWeightCap > 0, "crrWeightCap", crrWeightCap, "> 0");
        require(iqlExpectile > 0 && iqlExpectile < 1, "iqlExpectile", iqlExpectile, "(0, 1)");
        require(iqlTemperature > 0 && Double.isFinite(iqlTemperature), "iqlTemperature", iqlTemperature, "> 0");
        require(iqlWeightCap > 0, "iqlWeightCap", iqlWeightCap, "> 0");
        require(dtqlAlpha > 0 && Double.isFinite(dtqlAlpha), "dtqlAlpha", dtqlAlpha, "> 0");
        require(dtqlNllWeight >= 0 && Double.isFinite(dtqlNllWeight), "dtqlNllWeight", dtqlNllWeight, ">= 0");
        require(dtqlPretrainIterations >= 0, "dtqlPretrainIterations", dtqlPretrainIterations, ">= 0");
        require(algorithm != Algorithm.DTQL || dtqlPretrainIterations < iterations, "dtqlPretrainIterations",
                dtqlPretrainIterations, "fewer than iterations = " + iterations + " with algorithm DTQL (the "
                        + "one-step policy is trained after the pre-training)");
        require(samplerCalls >= 1, "samplerCalls", samplerCalls, ">= 1");
        require(samplerOrder >= 1 && samplerOrder <= 3, "samplerOrder", samplerOrder, "[1, 3]");
        require(samplerGrid != null, "samplerGrid", samplerGrid, "TIME_UNIFORM, LOGSNR or TIME_QUADRATIC");
        require(easCandidates >= 1, "easCandidates", easCandidates, ">= 1");
        require(easTemperature > 0 && Double.isFinite(easTemperature), "easTemperature", easTemperature, "> 0");
        require(threads >= 0, "threads", threads, ">= 0 (0 = engine default)");
        require(evalEvery >= 1, "evalEvery", evalEvery, ">= 1");
        require(evalEpisodes >= 1, "evalEpisodes", evalEpisodes, ">= 1");
        require(logEvery >= 1, "logEvery", logEvery, ">= 1");
        require(checkpointEvery >= 0, "checkpointEvery", checkpointEvery, ">= 0 (0 = no checkpoints)");
    }

    /** Defaults of fields added after the first file format, so that older checkpoints and policies still load. */
    private static final Map<String, String> ADDED_LATER = Map.of("dtqlAlpha", "1.0", "dtqlNllWeight", "0.0",
            "dtqlPretrainIterations", "50000");

    /** The range of a setting used as a positive float32 by the networks and optimizers. */
    private static final String POSITIVE_FLOAT = "> 0, between " + Float.MIN_VALUE + " and " + Float.MAX_VALUE
            + " (the networks compute in float32)";

    /** @return whether {@code v} is positive and stays positive and finite as a float32 */
    private static boolean positiveFloat(double v) {
        float f = (float) v;
        return v > 0 && f > 0 && Float.isFinite(f);
    }

    private static void require(boolean ok, String field, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(field + " = " + value + " is invalid: allowed " + allowed);
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** @return the string form of every field, in declaration order */
    public Map<String, String> toMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : TrainerConfig.class.getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(this);
                out.put(c.getName(), v instanceof int[] a ? join(a) : String.valueOf(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /**
     * Parses the form written by {@link #toMap()}.
     *
     * @param map field name to value
     * @return the configuration
     * @throws IllegalArgumentException naming a missing or unparsable field
     */
    public static TrainerConfig fromMap(Map<String, String> map) {
        RecordComponent[] cs = TrainerConfig.class.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            String name = cs[i].getName();
            String s = map.getOrDefault(name, ADDED_LATER.get(name));
            if (s == null) {
                throw new IllegalArgumentException("trainer configuration lacks field '" + name + "'");
            }
            types[i] = cs[i].getType();
            try {
                args[i] = parse(types[i], s);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("trainer configuration field '" + name + "' has invalid value '" + s
                        + "'", e);
            }
        }
        try {
            return TrainerConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String s) {
        if (type == int.class) {
            return Integer.parseInt(s);
        } else if (type == long.class) {
            return Long.parseLong(s);
        } else if (type == double.class) {
            return Double.parseDouble(s);
        } else if (type == boolean.class) {
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException("not a boolean: " + s);
            }
            return Boolean.parseBoolean(s);
        } else if (type == int[].class) {
            return s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
        } else if (type.isEnum()) {
            return Enum.valueOf((Class<Enum>) type, s);
        }
        throw new IllegalStateException("unsupported field type " + type);
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ",").append(a[i]);
        }
        return sb.toString();
    }

    /**
     * Whether a checkpoint written under {@code other} can continue under this configuration: everything equal
     * except the iteration budget and the cadence of logs, evaluations and checkpoints.
     *
     * @param other the checkpoint's configuration
     * @return the name of the first differing field, or {@code null} when compatible
     */
    public String incompatibility(TrainerConfig other) {
        Map<String, String> a = toMap();
        Map<String, String> b = other.toMap();
        for (String k : a.keySet()) {
            if (k.equals("iterations") || k.equals("evalEvery") || k.equals("evalEpisodes") || k.equals("logEvery")
                    || k.equals("checkpointEvery") || k.equals("threads")) {
                continue;
            }
            if (!a.get(k).equals(b.get(k))) {
                return k + " (" + b.get(k) + " in the checkpoint, " + a.get(k) + " now)";
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerConfig c && toMap().equals(c.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "TrainerConfig" + toMap();
    }
}
