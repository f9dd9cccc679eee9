package io.github.edp4j.algos.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.TorchRuntime;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * DTQL's EDM preconditioning (arXiv 2405.19690, Sec. 2; Karras et al. 2022, Table 1): exact identities over the
 * whole training range of noise levels and data scales, the limits at small and large {@code sigma}, and the
 * float32 device path against the double formulas.
 */
class EdmPreconditioningProperties {

    private static NDManager manager;

    @BeforeContainer
    static void start() {
        manager = TorchRuntime.newManager();
    }

    @AfterContainer
    static void stop() {
        manager.close();
    }

    @Property(tries = 2000, seed = "20261204")
    void coefficientsSatisfyTheExactIdentities(@ForAll @DoubleRange(min = -7, max = 5) double log10Sigma,
            @ForAll @DoubleRange(min = 0.05, max = 5) double sigmaData) {
        double sigma = Math.pow(10, log10Sigma);
        EdmPreconditioning p = new EdmPreconditioning(sigmaData);
        double cSkip = p.cSkip(sigma);
        double cOut = p.cOut(sigma);
        double cIn = p.cIn(sigma);
        // c_skip + c_out^2 / sigma_d^2 = 1: the skip and output paths split the unit variance of the target
        assertEquals(1.0, cSkip + cOut * cOut / (sigmaData * sigmaData), 1e-12);
        // c_in normalises the noisy input to unit variance: c_in^2 (sigma^2 + sigma_d^2) = 1
        assertEquals(1.0, cIn * cIn * (sigma * sigma + sigmaData * sigmaData), 1e-12);
        // the Table 1 values at sigma = sigma_d: c_skip = 1/2, c_out = sigma_d / sqrt(2), c_in = 1 / (sigma_d sqrt(2))
        assertEquals(0.5, p.cSkip(sigmaData), 1e-15);
        assertEquals(sigmaData / Math.sqrt(2), p.cOut(sigmaData), 1e-15 * sigmaData);
        assertEquals(1 / (sigmaData * Math.sqrt(2)), p.cIn(sigmaData), 1e-15 / sigmaData);
        assertTrue(cSkip > 0 && cSkip <= 1 && cOut > 0 && cOut < sigmaData);
    }

    @Property(tries = 500, seed = "20261204")
    void limitsAtSmallAndLargeNoise(@ForAll @DoubleRange(min = 0.05, max = 5) double sigmaData) {
        EdmPreconditioning p = new EdmPreconditioning(sigmaData);
        double tiny = 1e-9 * sigmaData;
        double huge = 1e9 * sigmaData;
        // sigma -> 0: the denoiser passes the input through (c_skip -> 1, c_out -> 0, c_out / sigma -> 1)
        assertEquals(1.0, p.cSkip(tiny), 1e-15);
        assertEquals(0.0, p.cOut(tiny), 1e-8 * sigmaData);
        assertEquals(1.0, p.cOut(tiny) / tiny, 1e-12);
        assertEquals(1 / sigmaData, p.cIn(tiny), 1e-9 / sigmaData);
        // sigma -> infinity: the network predicts the data (c_skip -> 0, c_out -> sigma_d, c_in sigma -> 1)
        assertEquals(0.0, p.cSkip(huge), 1e-17);
        assertEquals(sigmaData, p.cOut(huge), 1e-12 * sigmaData);
        assertEquals(1.0, p.cIn(huge) * huge, 1e-12);
    }

    @Property(tries = 200, seed = "20261204")
    void deviceCoefficientsMatchTheDoubleFormulas(
            @ForAll @DoubleRange(min = 0.002, max = 80) @Scale(6) double sigma) {
        EdmPreconditioning p = new EdmPreconditioning(EdmPreconditioning.SIGMA_DATA);
        try (NDManager m = manager.newSubManager()) {
            NDArray[] c = p.coefficients(m.create(new float[] {(float) sigma}, new Shape(1, 1)));
            double s = (float) sigma;
            assertEquals(p.cSkip(s), c[0].getFloat(), 1e-6 * Math.max(1, p.cSkip(s)));
            assertEquals(p.cOut(s), c[1].getFloat(), 1e-6 * p.cOut(s));
            assertEquals(p.cIn(s), c[2].getFloat(), 1e-6 * p.cIn(s));
        }
    }

    @Example
    void timeInputIsAQuarterOfTheLogNoiseAtKnownPoints() {
        // c_noise = ln(sigma) / 4 (Karras et al. 2022, Table 1) at points whose value is known without the formula
        assertEquals(0.0, EdmPreconditioning.timeInput(1.0), 0.0);
        assertEquals(1.0, EdmPreconditioning.timeInput(Math.exp(4)), 1e-15);
        assertEquals(-0.5, EdmPreconditioning.timeInput(Math.exp(-2)), 1e-15);
        assertEquals(0.25 * 4.382026634673881, EdmPreconditioning.timeInput(80), 1e-15); // ln 80 to 16 digits
    }

    @Property(tries = 200, seed = "20261204")
    void timeInputAddsAQuarterPerFactorE(@ForAll @DoubleRange(min = 0.002, max = 80) @Scale(6) double sigma) {
        assertEquals(EdmPreconditioning.timeInput(sigma) + 0.25, EdmPreconditioning.timeInput(sigma * Math.E), 1e-14);
    }
}
