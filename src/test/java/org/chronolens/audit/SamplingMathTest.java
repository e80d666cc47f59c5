package org.chronolens.audit;

import org.chronolens.util.Intervals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

/** Sample sizes against the AICPA attribute-sampling table; intervals and kappa against worked examples. */
class SamplingMathTest {

    @ParameterizedTest(name = "{0} expected, {1} tolerable: n = {2} ({3} deviations allowed)")
    @CsvSource({
            // AICPA Audit Sampling guide, Table A-1 (95 % confidence): sample size (allowed deviations)
            "0.00, 0.02, 149, 0",
            "0.00, 0.05, 59, 0",
            "0.00, 0.09, 32, 0",
            "0.00, 0.10, 29, 0",
            "0.00, 0.20, 14, 0",
            "0.0025, 0.05, 93, 1",
            "0.01, 0.04, 156, 2",
            "0.01, 0.05, 93, 1",
            "0.015, 0.05, 124, 2",
            "0.02, 0.06, 127, 3",
            "0.02, 0.09, 68, 2",
    })
    void theBinomialPlanReproducesTheAicpaTableAt95PercentConfidence(double expected, double tolerable, int n, int k) {
        AttributeSampling plan = new AttributeSampling(0.95, tolerable, expected);
        assertEquals(n, plan.sizeBeforeCorrection());
        assertEquals(k, plan.allowedDeviations());
    }

    @Test
    void aFinitePopulationOf3653NeedsAbout68() {
        AttributeSampling plan = new AttributeSampling(0.95, 0.09, 0.02);
        assertEquals(68, plan.sizeBeforeCorrection());
        assertEquals(67, plan.sizeFor(3653), "68 / (1 + 68/3653) = 66.76, rounded up");
        assertEquals(68, plan.sizeFor(10_000_000), "a huge population needs the table's size");
    }

    @Test
    void theCorrectionNeverAsksForMoreThanThePopulation() {
        AttributeSampling plan = new AttributeSampling(0.95, 0.09, 0.02);
        assertEquals(11, plan.sizeFor(12), "68 / (1 + 68/12) = 10.2, rounded up");
        assertEquals(2, plan.sizeFor(2), "a stratum of two is taken whole");
        assertEquals(0, plan.sizeFor(0));
    }

    @Test
    void parametersThatCannotMakeAPlanAreRefusedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AttributeSampling(0.95, 0.05, 0.06));
        assertEquals("expected deviation rate 0.06 must be at least 0 and below the tolerable rate 0.05", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AttributeSampling(95, 0.05, 0.01))
                .getMessage().startsWith("confidence 95.0 is not between 0.5 and 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AttributeSampling(0.95, 0.05, 0.049))
                .getMessage().contains("too close to the tolerable rate"));
    }

    @Test
    void wilsonIntervalsMatchPublishedValues() {
        // Newcombe (1998), Statistics in Medicine 17:857, Table I: 81/263 -> 0.2553 to 0.3662; 15/148 -> 0.0624 to 0.1605
        Intervals.Interval a = Intervals.wilson(81, 263, Intervals.Z95);
        assertEquals(0.2553, a.low(), 5e-5);
        assertEquals(0.3662, a.high(), 5e-5);
        Intervals.Interval b = Intervals.wilson(15, 148, Intervals.Z95);
        assertEquals(0.0624, b.low(), 5e-5);
        assertEquals(0.1605, b.high(), 5e-5);
        // 0/20 and 20/20 (Newcombe's 0/20 row: 0 to 0.1611)
        assertEquals(0, Intervals.wilson(0, 20, Intervals.Z95).low());
        assertEquals(0.1611, Intervals.wilson(0, 20, Intervals.Z95).high(), 5e-5);
        assertEquals(1 - 0.1611, Intervals.wilson(20, 20, Intervals.Z95).low(), 5e-5);
    }

    @Test
    void cohensKappaMatchesTheWorkedExample() {
        // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15: po 0.7, pe 0.5, kappa 0.4
        assertEquals(0.4, Intervals.cohensKappa(new long[][] {{20, 5}, {10, 15}}), 1e-12);
        assertEquals(1.0, Intervals.cohensKappa(new long[][] {{7, 0, 0}, {0, 2, 0}, {0, 0, 1}}), 1e-12);
        assertTrue(Double.isNaN(Intervals.cohensKappa(new long[][] {{9, 0}, {0, 0}})), "undefined when chance agreement is 1");
    }
}
