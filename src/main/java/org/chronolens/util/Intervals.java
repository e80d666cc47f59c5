package org.chronolens.util;

/** Confidence intervals for a proportion, and agreement between two auditors. */
public final class Intervals {

    /** A two-sided interval [low, high]. */
    public record Interval(double low, double high) {
    }

    private Intervals() {
    }

    /**
     * The Wilson score interval for {@code successes} of {@code n} at the normal quantile {@code z}
     * (1.959964 for 95 %). Unlike the textbook Wald interval it stays inside [0, 1] and behaves at
     * 0 of n and n of n, which small audit strata often are.
     */
    public static Interval wilson(long successes, long n, double z) {
        if (n == 0) {
            return new Interval(0, 1);
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** 95 %: the normal quantile 0.975. */
    public static final double Z95 = 1.959963984540054;

    /**
     * Cohen's kappa for two raters over the same items: (observed − chance agreement) / (1 − chance),
     * from a square table of counts, rater one by row and rater two by column. NaN when chance
     * agreement is 1 (both raters gave one and the same category to everything): kappa is undefined then.
     */
    public static double cohensKappa(long[][] table) {
        int k = table.length;
        double total = 0;
        double[] rows = new double[k];
        double[] cols = new double[k];
        double agree = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                total += table[i][j];
                rows[i] += table[i][j];
                cols[j] += table[i][j];
            }
            agree += table[i][i];
        }
        if (total == 0) {
            return Double.NaN;
        }
        double chance = 0;
        for (int i = 0; i < k; i++) {
            chance += (rows[i] / total) * (cols[i] / total);
        }
        return chance >= 1 ? Double.NaN : (agree / total - chance) / (1 - chance);
    }
}
