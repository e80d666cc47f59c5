package org.chronolens.audit;

/**
 * Statistical sample-size planning for attribute (deviation-rate) testing, the method behind the
 * AICPA audit-sampling tables: the smallest n for which, if the sample holds the expected number of
 * deviations k = ceil(n × expected), the binomial upper confidence limit of the deviation rate is
 * still at most the tolerable rate, i.e. P(X ≤ k | n, tolerable) ≤ 1 − confidence. For a finite
 * population of N flags the size is then corrected: n = ceil(n₀ / (1 + n₀ / N)), and never more
 * than N. Here a "deviation" is a flag the auditors judge wrong.
 *
 * @param confidence the confidence level, e.g. 0.95
 * @param tolerable  the deviation rate the partnership can tolerate, e.g. 0.09
 * @param expected   the deviation rate expected, e.g. 0.02; must be below {@code tolerable}
 */
public record AttributeSampling(double confidence, double tolerable, double expected) {

    public static final String FORMULA = "n0 = smallest n with P(X <= ceil(n*expected) | Binomial(n, tolerable)) "
            + "<= 1 - confidence; n = min(N, ceil(n0 / (1 + n0 / N)))";

    /** Beyond this the plan is useless for a human audit; the parameters are said to be unworkable. */
    private static final int MAX_N = 5_000;

    public AttributeSampling {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " is not between 0.5 and 1 (e.g. 0.95)");
        }
        if (!(tolerable > 0 && tolerable < 1)) {
            throw new IllegalArgumentException("tolerable deviation rate " + tolerable + " is not between 0 and 1 (e.g. 0.09)");
        }
        if (!(expected >= 0 && expected < tolerable)) {
            throw new IllegalArgumentException("expected deviation rate " + expected
                    + " must be at least 0 and below the tolerable rate " + tolerable);
        }
        if (plan(confidence, tolerable, expected) == null) {
            throw new IllegalArgumentException("expected rate " + expected + " is too close to the tolerable rate "
                    + tolerable + ": no sample of up to " + MAX_N + " items can show it; widen the gap");
        }
    }

    /** The sample size for an unlimited population, n₀ (the table's figure). */
    public int sizeBeforeCorrection() {
        return plan()[0];
    }

    /** The deviations the plan allows in a sample of n₀ (the table's figure in brackets). */
    public int allowedDeviations() {
        return plan()[1];
    }

    /** The sample size for a population of {@code population} flags, with the finite-population correction. */
    public int sizeFor(long population) {
        if (population <= 0) {
            return 0;
        }
        double n0 = sizeBeforeCorrection();
        return (int) Math.min(population, Math.ceil(n0 / (1 + n0 / population) - 1e-9));
    }

    private int[] plan() {
        return plan(confidence, tolerable, expected);
    }

    private static int[] plan(double confidence, double tolerable, double expected) {
        for (int n = 1; n <= MAX_N; n++) {
            int k = (int) Math.ceil(n * expected - 1e-9);
            if (binomialCdf(k, n, tolerable) <= 1 - confidence + 1e-12) {
                return new int[] {n, k};
            }
        }
        return null;
    }

    /** P(X ≤ k) for X ~ Binomial(n, p), summed in log space so that large n does not underflow. */
    static double binomialCdf(int k, int n, double p) {
        double sum = 0;
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logChoose = 0; // log C(n, 0)
        for (int i = 0; i <= k && i <= n; i++) {
            if (i > 0) {
                logChoose += Math.log(n - i + 1) - Math.log(i);
            }
            sum += Math.exp(logChoose + i * logP + (n - i) * logQ);
        }
        return Math.min(1, sum);
    }
}
