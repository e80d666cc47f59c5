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
        SplittableRandom r = new SplittableRandom(mix(seed, key(caseId, subjectId)));
        int[] w = new int[resamples];
        for (int b = 0; b < resamples; b++) {
            w[b] = poisson(r.nextDouble());
        }
        return w;
    }

    /** A 64-bit key of the two ids, each prefixed by its length so that no two pairs of ids share one (FNV-1a). */
    private static long key(String caseId, String subjectId) {
        long h = 0xcbf29ce484222325L;
        for (String id : new String[] {caseId, subjectId}) {
            String part = id.length() + ":" + id;
            for (int i = 0; i < part.length(); i++) {
                h = (h ^ part.charAt(i)) * 0x100000001b3L;
            }
        }
        return h;
    }

    /** e^-1, written out: the same bits on every JVM. */
    private static final double E_MINUS_1 = 0.36787944117144233;

    /** Poisson(1) by inversion of its distribution function. */
    private static int poisson(double u) {
        double p = E_MINUS_1;
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
