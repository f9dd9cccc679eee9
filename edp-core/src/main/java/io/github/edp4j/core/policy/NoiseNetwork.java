package io.github.edp4j.core.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.Mlp;
import io.github.edp4j.core.nn.ParameterSet;
import io.github.edp4j.core.nn.SinusoidalEmbedding;
import java.util.SplittableRandom;

/**
 * The noise-prediction network {@code eps_theta(a_k, k; s)}: input {@code concat(noisy action, time embedding,
 * state)}, the time embedding being sinusoidal -> Linear -> Mish -> Linear.
 */
final class NoiseNetwork {

    private final SinusoidalEmbedding sinusoid;
    private final Mlp timeMlp;
    private final Mlp body;

    NoiseNetwork(DiffusionPolicyConfig cfg, ParameterSet params) {
        SplittableRandom rng = new SplittableRandom(cfg.seed());
        this.sinusoid = new SinusoidalEmbedding(params.manager(), cfg.timeEmbeddingDim());
        this.timeMlp = new Mlp(params, "time", cfg.timeEmbeddingDim(), new int[] {cfg.timeHiddenDim()},
                cfg.timeEmbeddingDim(), Activation.MISH, rng);
        int in = cfg.actionDim() + cfg.timeEmbeddingDim() + cfg.observationDim();
        this.body = new Mlp(params, "eps", in, cfg.hidden(), cfg.actionDim(), cfg.activation(), rng);
    }

    /** Per-sample time indices {@code (B,)}. */
    NDArray forward(NDArray noisy, NDArray timeIndex, NDArray states) {
        NDArray emb = timeMlp.forward(sinusoid.embed(timeIndex.toType(noisy.getDataType(), false)));
        return body.forward(noisy.concat(emb, 1).concat(states, 1));
    }

    /** One time index shared by the batch. */
    NDArray forward(NDArray noisy, double timeIndex, NDArray states) {
        long b = noisy.getShape().get(0);
        NDArray emb = timeMlp.forward(sinusoid.embed(noisy.getManager(), timeIndex));
        NDArray tiled = emb.broadcast(new Shape(b, emb.getShape().get(1)));
        return body.forward(noisy.concat(tiled, 1).concat(states, 1));
    }
}
