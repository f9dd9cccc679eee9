package io.github.edp4j.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * Property-based tests of the schedule mathematics (docs/design.md, section 4) over K in [1, 2000] and all three
 * schedules, in double precision.
 */
class NoiseScheduleProperties {

    @Property(tries = 1000, seed = "20261204")
    void betasLieStrictlyInsideTheUnitInterval(@ForAll ScheduleKind kind, @ForAll @IntRange(min = 1, max = 2000) int k) {
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        for (int i = 1; i <= k; i++) {
            double b = s.beta(i);
            assertTrue(b > 0 && b < 1, kind + " K=" + k + ": beta_" + i + " = " + b);
        }
    }

    @Property(tries = 1000, seed = "20261204")
    void alphaBarIsStrictlyDecreasingInsideTheUnitIntervalAndIsTheProductOfAlphas(@ForAll ScheduleKind kind,
            @ForAll @IntRange(min = 1, max = 2000) int k) {
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        double prev = 1.0;
        double product = 1.0;
        for (int i = 1; i <= k; i++) {
            double ab = s.alphaBar(i);
            product *= s.alpha(i);
            assertTrue(ab > 0 && ab < 1, kind + " K=" + k + ": abar_" + i + " = " + ab);
            assertTrue(ab < prev, kind + " K=" + k + ": abar not decreasing at " + i);
            assertEquals(product, ab, 1e-12 * product, kind + " K=" + k + ": abar_" + i + " vs product of alphas");
            prev = ab;
        }
    }

    @Provide
    Arbitrary<double[]> timePairs() {
        Arbitrary<Double> t = Arbitraries.doubles().between(1e-3, 1.0).ofScale(12);
        return Combinators.combine(t, t).as((a, b) -> new double[] {Math.min(a, b), Math.max(a, b)})
                .filter(p -> p[1] - p[0] > 1e-12);
    }

    @Property(tries = 1000, seed = "20261204")
    void lambdaIsStrictlyDecreasing(@ForAll ScheduleKind kind, @ForAll @IntRange(min = 1, max = 2000) int k,
            @ForAll("timePairs") double[] ts) {
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        double l0 = s.lambda(ts[0]);
        double l1 = s.lambda(ts[1]);
        assertTrue(Double.isFinite(l0) && Double.isFinite(l1), kind + " K=" + k);
        assertTrue(l0 > l1, kind + " K=" + k + ": lambda(" + ts[0] + ")=" + l0 + " <= lambda(" + ts[1] + ")=" + l1);
    }

    @Property(tries = 1000, seed = "20261204")
    void inverseLambdaReturnsTime(@ForAll ScheduleKind kind, @ForAll @IntRange(min = 1, max = 2000) int k,
            @ForAll @DoubleRange(min = 1e-3, max = 1.0) @Scale(12) double t) {
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        double back = s.inverseLambda(s.lambda(t));
        assertEquals(t, back, 1e-9 * t, kind + " K=" + k + ": t=" + t);
    }

    @Property(tries = 1000, seed = "20261204")
    void corruptingAndApproximatingWithTheSameNoiseReturnsTheCleanAction(@ForAll ScheduleKind kind,
            @ForAll @IntRange(min = 1, max = 2000) int k, @ForAll @DoubleRange(min = 0, max = 1) double stepFraction,
            @ForAll @DoubleRange(min = -1, max = 1) double a0, @ForAll @DoubleRange(min = -4, max = 4) double eps) {
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        int step = 1 + (int) Math.min(k - 1, Math.floor(stepFraction * k));
        double ak = s.sqrtAlphaBar(step) * a0 + s.sqrtOneMinusAlphaBar(step) * eps;
        double back = (ak - s.sqrtOneMinusAlphaBar(step) * eps) / s.sqrtAlphaBar(step);
        // Reconstruction divides by sqrt(abar_k): rounding in a_k is amplified by 1/sqrt(abar_k). Where abar_k >=
        // 1e-10 the error stays below 1e-9; everywhere it stays within a few ulps of a_k over sqrt(abar_k).
        double conditioned = 8 * Math.ulp(1.0) * (Math.abs(a0) + Math.abs(eps) + 1) / s.sqrtAlphaBar(step);
        double tolerance = s.alphaBar(step) >= 1e-10 ? 1e-9 : conditioned;
        assertEquals(a0, back, tolerance, kind + " K=" + k + " k=" + step + " abar=" + s.alphaBar(step));
    }

    @Property(tries = 1000, seed = "20261204")
    void posteriorMeanAtTheFirstStepWithTheExactCleanActionIsTheCleanAction(@ForAll ScheduleKind kind,
            @ForAll @IntRange(min = 1, max = 2000) int k, @ForAll @DoubleRange(min = -1, max = 1) double a0,
            @ForAll @DoubleRange(min = -4, max = 4) double eps) {
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        double a1 = s.sqrtAlphaBar(1) * a0 + s.sqrtOneMinusAlphaBar(1) * eps;
        double mean = s.posteriorMeanCoefClean(1) * a0 + s.posteriorMeanCoefNoisy(1) * a1;
        assertEquals(a0, mean, 1e-12, kind + " K=" + k);
        assertEquals(0.0, s.posteriorVariance(1), 0.0);
    }

    @Property(tries = 1000, seed = "20261204")
    void posteriorMeanIsTheMeanOfTheForwardPosterior(@ForAll ScheduleKind kind,
            @ForAll @IntRange(min = 2, max = 2000) int k, @ForAll @DoubleRange(min = 0, max = 1) double stepFraction) {
        // q(a_{k-1} | a_k, a_0) for Gaussian forward steps: mean coefficients sum the two routes to a_{k-1}.
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        int step = 2 + (int) Math.min(k - 2, Math.floor(stepFraction * (k - 1)));
        // With a_k = sqrt(abar_k) a_0 (no noise), the posterior mean must be sqrt(abar_{k-1}) a_0.
        double mean = s.posteriorMeanCoefClean(step) + s.posteriorMeanCoefNoisy(step) * s.sqrtAlphaBar(step);
        assertEquals(Math.sqrt(s.alphaBar(step - 1)), mean, 1e-9, kind + " K=" + k + " k=" + step);
    }

    @Property(tries = 1000, seed = "20261204")
    void continuousViewInterpolatesTheDiscreteTable(@ForAll ScheduleKind kind,
            @ForAll @IntRange(min = 1, max = 2000) int k, @ForAll @DoubleRange(min = 0, max = 1) double stepFraction) {
        NoiseSchedule s = NoiseSchedule.of(kind, k);
        int step = 1 + (int) Math.min(k - 1, Math.floor(stepFraction * k));
        double t = (double) step / k;
        assertEquals(s.sqrtAlphaBar(step), s.alphaAt(t), 1e-12);
        assertEquals(step - 1, s.modelTimeIndex(t), 1e-9);
        if (step < k) {
            // halfway between two knots log alpha is the mean of 0.5 log abar at both: alpha^2 = sqrt(abar_k abar_k+1)
            double mid = (step + 0.5) / k;
            double alpha2 = Math.sqrt(s.alphaBar(step) * s.alphaBar(step + 1));
            assertEquals(Math.sqrt(alpha2), s.alphaAt(mid), 1e-12, "alpha between knots");
            assertEquals(Math.sqrt(1 - alpha2), s.sigmaAt(mid), 1e-9, "sigma between knots");
        }
    }
}
