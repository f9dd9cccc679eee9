package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * The EDM preconditioning of DTQL's behaviour-cloning diffusion model (Chen, Wang, Zhou 2024, arXiv 2405.19690,
 * Sec. 2 and the official code, following Karras et al. 2022, Table 1): for noise level {@code sigma} and data
 * scale {@code
 * sigma_d}, {@code c_skip = sigma_d^2 / (sigma^2 + sigma_d^2)}, {@code c_out = sigma sigma_d / sqrt(sigma^2 +
 * sigma_d^2)}, {@code c_in = 1 / sqrt(sigma^2 + sigma_d^2)} and the network's time input {@code log(sigma) / 4}, so
 * that the denoiser is {@code D(x) = c_skip x + c_out F(c_in x, log(sigma) / 4, s)}.
 *
 * <p>Exact identities (tested): {@code c_skip + c_out^2 / sigma_d^2 = 1}, {@code c_in^2 (sigma^2 + sigma_d^2) = 1},
 * {@code c_out = sigma sigma_d c_in}, {@code c_skip = sigma_d^2 c_in^2}.
 */
final class EdmPreconditioning {

    /** DTQL's data scale {@code sigma_d} (actions scaled to {@code [-1, 1]}). */
    static final double SIGMA_DATA = 0.5;
    /** Smallest training noise level. */
    static final double SIGMA_MIN = 0.002;
    /** Largest training noise level. */
    static final double SIGMA_MAX = 80.0;

    private final double sigmaData;

    EdmPreconditioning(double sigmaData) {
        if (!(sigmaData > 0) || !Double.isFinite(sigmaData)) {
            throw new IllegalArgumentException("sigma_data must be finite and > 0, got " + sigmaData);
        }
        this.sigmaData = sigmaData;
    }

    double sigmaData() {
        return sigmaData;
    }

    double cSkip(double sigma) {
        return sigmaData * sigmaData / (sigma * sigma + sigmaData * sigmaData);
    }

    double cOut(double sigma) {
        return sigma * sigmaData / Math.sqrt(sigma * sigma + sigmaData * sigmaData);
    }

    double cIn(double sigma) {
        return 1 / Math.sqrt(sigma * sigma + sigmaData * sigmaData);
    }

    /** The network's time input {@code log(sigma) / 4}. */
    static double timeInput(double sigma) {
        return Math.log(sigma) / 4;
    }

    /**
     * The three coefficients for a column of noise levels, computed on the device.
     *
     * @param sigma {@code (B, 1)} noise levels; its manager owns the results
     * @return {@code {c_skip, c_out, c_in}}, each {@code (B, 1)}
     */
    NDArray[] coefficients(NDArray sigma) {
        float sd2 = (float) (sigmaData * sigmaData);
        NDArray total = NativeConstants.add(sigma.square(), sd2);
        NDArray cIn = NativeConstants.pow(total, -0.5f);
        NDArray cSkip = NativeConstants.mul(NativeConstants.pow(total, -1f), sd2);
        NDArray cOut = NativeConstants.mul(sigma.mul(cIn), (float) sigmaData);
        return new NDArray[] {cSkip, cOut, cIn};
    }
}
