package io.github.edp4j.algos.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.edp4j.core.TorchRuntime;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * The truncated log-logistic sampler of DTQL's training noise levels (arXiv 2405.19690, official code): its quantile
 * function spans exactly the range, the median of DTQL's setting is {@code sigma_d = 0.5} up to the slightly
 * asymmetric truncation, and device draws stay in the range and follow the quantiles.
 */
class LogLogisticSigmaSamplerTest {

    @Property(tries = 500, seed = "20261204")
    void quantileIsMonotoneAndSpansTheRange(@ForAll @DoubleRange(min = 0, max = 1) double p,
            @ForAll @DoubleRange(min = 0, max = 1) double q) {
        LogLogisticSigmaSampler s = LogLogisticSigmaSampler.dtql();
        double a = s.quantile(Math.min(p, q));
        double b = s.quantile(Math.max(p, q));
        assertTrue(a <= b && a >= 0.002 && b <= 80, a + " " + b);
    }

    @Test
    void endsAndMedianOfTheQuantileFunction() {
        LogLogisticSigmaSampler s = LogLogisticSigmaSampler.dtql();
        assertEquals(0.002, s.quantile(0), 1e-12);
        assertEquals(80, s.quantile(1), 1e-9);
        // untruncated median exp(loc) = 0.5; the truncation points sit at logistic CDF values 1.58e-5 and
        // 1 - 3.92e-5, so the median moves to exp(log 0.5 + 0.5 logit((cdfMin + cdfMax) / 2))
        double lo = 1 / (1 + Math.exp(-(Math.log(0.002) - Math.log(0.5)) / 0.5));
        double hi = 1 / (1 + Math.exp(-(Math.log(80) - Math.log(0.5)) / 0.5));
        double mid = (lo + hi) / 2;
        double median = Math.exp(Math.log(0.5) + 0.5 * Math.log(mid / (1 - mid)));
        assertEquals(median, s.quantile(0.5), 1e-12);
        assertEquals(0.5, median, 2e-5);
    }

    @Test
    void deviceDrawsStayInRangeAndFollowTheQuantiles() {
        LogLogisticSigmaSampler s = LogLogisticSigmaSampler.dtql();
        int n = 40_000;
        float[] draws;
        try (NDManager m = TorchRuntime.newManager()) {
            TorchRuntime.seed(17);
            draws = s.sample(m, n).toFloatArray();
        }
        assertEquals(n, draws.length);
        for (float d : draws) {
            assertTrue(d >= 0.002f && d <= 80f, "draw " + d);
        }
        Arrays.sort(draws);
        // order statistics at p = 0.1, 0.5, 0.9 within 3 standard errors of the quantiles (in probability)
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            double se = Math.sqrt(p * (1 - p) / n);
            double lo = s.quantile(p - 3 * se);
            double hi = s.quantile(p + 3 * se);
            float x = draws[(int) (p * n)];
            assertTrue(x >= lo && x <= hi, "p = " + p + ": " + x + " outside [" + lo + ", " + hi + "]");
        }
        assertEquals(0.5, draws[n / 2], 0.02);
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThrows(IllegalArgumentException.class, () -> new LogLogisticSigmaSampler(0, 0.5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LogLogisticSigmaSampler(0, 0, 0.1, 1));
    }
}
