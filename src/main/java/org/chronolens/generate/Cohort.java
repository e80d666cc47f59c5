package org.chronolens.generate;

import java.util.SplittableRandom;

/**
 * Synthetic cohort attributes of a generated child, for monitoring flag rates by group: an age
 * band, sex and locality, drawn from the child's id alone (so the events drawn for the family are
 * untouched) and independent of its persona, so that any difference in flag rates between groups
 * is chance, as a test of the monitoring should start from. A few sexes are not recorded, and one
 * locality is small enough to be suppressed.
 */
final class Cohort {

    private static final String[] AGE_BANDS = {"0-4", "5-10", "11-15", "16-17"};
    private static final double[] AGE_WEIGHTS = {30, 35, 25, 10};
    private static final String[] SEXES = {"female", "male", ""};
    private static final double[] SEX_WEIGHTS = {49, 49, 2};
    private static final String[] LOCALITIES = {"north", "south", "east", "west", "central"};
    private static final double[] LOCALITY_WEIGHTS = {30, 30, 22, 16.5, 1.5};

    private Cohort() {
    }

    static String[] of(String subjectId) {
        SplittableRandom rnd = new SplittableRandom(Generator.mix(subjectId.hashCode(), 7));
        return new String[] {pick(rnd, AGE_BANDS, AGE_WEIGHTS), pick(rnd, SEXES, SEX_WEIGHTS),
                pick(rnd, LOCALITIES, LOCALITY_WEIGHTS)};
    }

    private static String pick(SplittableRandom rnd, String[] values, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < values.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
