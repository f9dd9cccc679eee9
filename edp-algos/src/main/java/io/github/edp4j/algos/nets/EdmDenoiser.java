package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.nn.Mlp;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.nn.ParameterSet;
import io.github.edp4j.core.nn.SinusoidalEmbedding;
import java.util.SplittableRandom;

/**
 * DTQL's behaviour-cloning diffusion model in EDM form (arXiv 2405.19690, Sec. 2: the diffusion loss): on actions
 * scaled to the unit box, {@code D(x; sigma, s) = c_skip x + c_out F(c_in x, log(sigma) / 4, s)} (see {@link
 * EdmPreconditioning}), with {@code F} an MLP on {@code concat(input, time embedding, state)} and the time embedding
 * sinusoidal(16), Linear to 32, Mish, Linear to 16. Its denoising loss at an action {@code a} is
 * {@code mean(((clamp(D(a + sigma eps), -1, 1) - a) / c_out)^2)} with {@code sigma} from {@link
 * LogLogisticSigmaSampler} and {@code eps ~ N(0, I)}; trained on dataset actions this is behaviour cloning, and
 * evaluated at the one-step policy's action it is DTQL's diffusion trust-region loss.
 */
final class EdmDenoiser {

    private static final int TIME_DIM = 16;

    private final ParameterSet params;
    private final SinusoidalEmbedding sinusoid;
    private final Mlp timeMlp;
    private final Mlp body;
    private final EdmPreconditioning pre = new EdmPreconditioning(EdmPreconditioning.SIGMA_DATA);
    private final LogLogisticSigmaSampler sigmas = LogLogisticSigmaSampler.dtql();

    EdmDenoiser(ParameterSet params, int observationDim, int actionDim, int[] hidden, Activation activation,
            long seed) {
        this.params = params;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x3c6ef372fe94f82bL);
        this.sinusoid = new SinusoidalEmbedding(params.manager(), TIME_DIM);
        this.timeMlp = new Mlp(params, "edm.time", TIME_DIM, new int[] {2 * TIME_DIM}, TIME_DIM, Activation.MISH, rng);
        this.body = new Mlp(params, "edm.f", actionDim + TIME_DIM + observationDim, hidden, actionDim, activation,
                rng);
    }

    ParameterSet parameters() {
        return params;
    }

    EdmPreconditioning preconditioning() {
        return pre;
    }

    LogLogisticSigmaSampler sigmaSampler() {
        return sigmas;
    }

    /**
     * The denoised action {@code D(x; sigma, s)}, clamped to the unit box.
     *
     * @param noisy {@code (B, actDim)} noisy unit-box actions; its manager owns the result
     * @param sigma {@code (B, 1)} noise levels
     * @param states {@code (B, obsDim)}
     * @return {@code (B, actDim)}
     */
    NDArray denoise(NDArray noisy, NDArray sigma, NDArray states) {
        NDArray[] c = pre.coefficients(sigma);
        return NativeConstants.clamp(denoise(noisy, sigma, states, c), -1f, 1f);
    }

    private NDArray denoise(NDArray noisy, NDArray sigma, NDArray states, NDArray[] c) {
        NDArray time = NativeConstants.div(sigma.log(), 4f).reshape(-1);
        NDArray emb = timeMlp.forward(sinusoid.embed(time));
        NDArray f = body.forward(noisy.mul(c[2]).concat(emb, 1).concat(states, 1));
        return noisy.mul(c[0]).add(f.mul(c[1]));
    }

    /**
     * The denoising loss at given noise levels and noise (exposed for tests).
     *
     * @param states {@code (B, obsDim)}; its manager owns the result
     * @param actions {@code (B, actDim)} unit-box actions
     * @param sigma {@code (B, 1)} noise levels
     * @param noise {@code (B, actDim)} standard normal noise
     * @return the scalar loss
     */
    NDArray loss(NDArray states, NDArray actions, NDArray sigma, NDArray noise) {
        NDArray[] c = pre.coefficients(sigma);
        NDArray noisy = actions.add(noise.mul(sigma));
        NDArray denoised = NativeConstants.clamp(denoise(noisy, sigma, states, c), -1f, 1f);
        return denoised.sub(actions).div(c[1]).square().mean();
    }

    /**
     * The denoising loss with noise levels from the truncated log-logistic sampler and Gaussian noise drawn from
     * the engine's generator.
     *
     * @param states {@code (B, obsDim)}; its manager owns the result
     * @param actions {@code (B, actDim)} unit-box actions
     * @return the scalar loss
     */
    NDArray loss(NDArray states, NDArray actions) {
        NDManager m = states.getManager();
        NDArray sigma = sigmas.sample(m, actions.getShape().get(0));
        NDArray noise = m.randomNormal(0f, 1f, actions.getShape(), DataType.FLOAT32);
        return loss(states, actions, sigma, noise);
    }
}
