package io.github.edp4j.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Pins the schedules' actual values at K = 1000 against numbers computed independently of this code: the output of
 * {@code docs/schedule_reference.py} (numpy, float64, the published formulas written the way the official code
 * writes them), and for vp also its closed form {@code abar_K = exp(-b_min - (b_max - b_min)/2)}, since
 * {@code sum_k (2k - 1) = K^2}. Printed by that script:
 *
 * <pre>
 * linear K=1000 beta_1=0.0001 beta_K=0.02 abar_K=4.035829765375676e-05 abar_500=0.07858724288177824
 * cosine K=1000 beta_1=4.128422482196914e-05 beta_K=0.999 abar_K=2.4287669070348542e-09 abar_500=0.49384359044063775
 * vp K=1000 beta_1=0.00010494449294140562 beta_K=0.009945265492025568 abar_K=0.006409333446256366 abar_500=0.27595982098597305
 * </pre>
 */
class ScheduleValuesTest {

    private static void assertRel(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.abs(expected), what);
    }

    private static void check(NoiseSchedule s, double beta1, double betaK, double abarK, double abar500) {
        String k = s.kind() + " ";
        assertEquals(1000, s.steps());
        assertRel(beta1, s.beta(1), k + "beta_1");
        assertRel(betaK, s.beta(1000), k + "beta_K");
        // a product of 1000 factors: allow a few ulps per factor
        assertEquals(abarK, s.alphaBar(1000), 1e-11 * abarK, k + "abar_K");
        assertEquals(abar500, s.alphaBar(500), 1e-11 * abar500, k + "abar_500");
    }

    @Test
    void linearMatchesTheOfficialFormula() {
        check(NoiseSchedule.linear(1000), 0.0001, 0.02, 4.035829765375676e-05, 0.07858724288177824);
    }

    @Test
    void cosineMatchesTheOfficialFormula() {
        check(NoiseSchedule.cosine(1000), 4.128422482196914e-05, 0.999, 2.4287669070348542e-09, 0.49384359044063775);
    }

    @Test
    void vpMatchesTheOfficialFormulaAndItsClosedForm() {
        check(NoiseSchedule.vp(1000), 0.00010494449294140562, 0.009945265492025568, 0.006409333446256366,
                0.27595982098597305);
        assertEquals(Math.exp(-0.1 - 0.5 * (10 - 0.1)), NoiseSchedule.vp(1000).alphaBar(1000), 1e-12,
                "closed form of abar_K");
        assertEquals(-Math.expm1(-0.1 / 1000 - 0.5 * 9.9 / 1e6), NoiseSchedule.vp(1000).beta(1), 1e-18, "beta_1");
    }
}
