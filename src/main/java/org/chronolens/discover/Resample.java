package org.chronolens.discover;

import java.util.SplittableRandom;

/**
 * Bootstrap resamples of children, as weights: each child appears in resample {@code b} a
 * Poisson(1) number of times (0, 1, 2, ...), the distributed form of drawing children with
 * replacement. The weights follow from the seed and the child's ids alone, so they are the same
 * whatever the partitioning, on a laptop or a cluster.
 */
final class Resample {

    private Resample() {
    }

    /** How many times the child is drawn in each of {@code resamples} resamples. */
    static int[] weights(long seed, String caseId, String subjectId, int resamples) {
        SplittableRandom r = new SplittableRandom(mix(seed, (caseId + "/" + subjectId).hashCode()));
        int[] w = new int[resamples];
        for (int b = 0; b < resamples; b++) {
            w[b] = poisson(r.nextDouble());
        }
        return w;
    }

    /** Poisson(1) by inversion of its distribution function. */
    private static int poisson(double u) {
        double p = Math.exp(-1);
        double cumulative = p;
        int k = 0;
        while (u > cumulative && k < 20) {
            k++;
            p /= k;
            cumulative += p;
        }
        return k;
    }

    /** SplitMix64's finaliser: neighbouring children get unrelated streams. */
    private static long mix(long seed, long key) {
        long z = seed * 0x9E3779B97F4A7C15L + key;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
