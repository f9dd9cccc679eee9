package io.github.edp4j.core.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.Mlp;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.nn.ParameterSet;
import io.github.edp4j.core.nn.SinusoidalEmbedding;
import io.github.edp4j.core.sampling.NoisePredictor;
import java.util.SplittableRandom;

/**
 * The noise-prediction network {@code eps_theta(a_k, k; s)}: input {@code concat(noisy action, time embedding,
 * state)}, the time embedding being sinusoidal -> Linear -> Mish -> Linear.
 */
final class NoiseNetwork {

    private final SinusoidalEmbedding sinusoid;
    private final Mlp timeMlp;
    private final Mlp body;
    private final int actionDim;
    private final int timeDim;

    NoiseNetwork(DiffusionPolicyConfig cfg, ParameterSet params) {
        SplittableRandom rng = new SplittableRandom(cfg.seed());
        this.sinusoid = new SinusoidalEmbedding(params.manager(), cfg.timeEmbeddingDim());
        this.timeMlp = new Mlp(params, "time", cfg.timeEmbeddingDim(), new int[] {cfg.timeHiddenDim()},
                cfg.timeEmbeddingDim(), Activation.MISH, rng);
        int in = cfg.actionDim() + cfg.timeEmbeddingDim() + cfg.observationDim();
        this.body = new Mlp(params, "eps", in, cfg.hidden(), cfg.actionDim(), cfg.activation(), rng);
        this.actionDim = cfg.actionDim();
        this.timeDim = cfg.timeEmbeddingDim();
    }

    /** Per-sample time indices {@code (B,)}. */
    NDArray forward(NDArray noisy, NDArray timeIndex, NDArray states) {
        NDArray emb = timeMlp.forward(sinusoid.embed(NativeConstants.convert(timeIndex, noisy.getDataType())));
        return body.forward(noisy.concat(emb, 1).concat(states, 1));
    }

    /** One time index shared by the batch. */
    NDArray forward(NDArray noisy, double timeIndex, NDArray states) {
        long b = noisy.getShape().get(0);
        NDArray emb = timeMlp.forward(sinusoid.embed(noisy.getManager(), timeIndex));
        NDArray tiled = emb.broadcast(new Shape(b, emb.getShape().get(1)));
        return body.forward(noisy.concat(tiled, 1).concat(states, 1));
    }

    /**
     * Precomputes, for a sampler's fixed list of time indices, what does not depend on the noisy action. The first
     * body layer is affine in {@code concat(noisy, emb, states)}, so its output splits into {@code noisy W_a +
     * (states W_s + b) + emb_t W_t}: the state part is computed once per sample, the time embeddings of all slots
     * in one batched pass of the time network, and each model call is left with {@code noisy W_a} and the rest of
     * the body. The same values as {@link #forward(NDArray, double, NDArray)} up to float rounding.
     *
     * @param manager owner of the precomputed arrays (and of nothing else)
     * @param states {@code (B, obsDim)}
     * @param times the time indices, by slot
     * @return the prepared predictor
     */
    NoisePredictor.Prepared prepare(NDManager manager, NDArray states, double[] times) {
        if (body.layers() < 2) {
            return (x, slot) -> forward(x, times[slot], states);
        }
        NDArray w0 = body.layer(0).weight();
        NDArray wAction = w0.get(new NDIndex(":" + actionDim));
        wAction.attach(manager);
        NDArray wTime = w0.get(new NDIndex(actionDim + ":" + (actionDim + timeDim)));
        wTime.attach(manager);
        NDArray wState = w0.get(new NDIndex((actionDim + timeDim) + ":"));
        wState.attach(manager);
        NDArray stateTerm = states.matMul(wState);
        stateTerm.attach(manager);
        stateTerm = stateTerm.add(body.layer(0).bias());
        NDArray emb = timeMlp.forward(sinusoid.embed(manager, times));
        NDList timeRows = emb.matMul(wTime).split(times.length);
        NDArray[] perSlot = new NDArray[times.length];
        for (int i = 0; i < perSlot.length; i++) {
            perSlot[i] = stateTerm.add(timeRows.get(i));
        }
        return (x, slot) -> {
            NDArray h = x.matMul(wAction);
            NDArray first = h.add(perSlot[slot]);
            h.close();
            NDArray out = body.forwardFromFirst(first);
            first.close(); // (B, hidden): freed now rather than when the sample's manager closes
            return out;
        };
    }
}
