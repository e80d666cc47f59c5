package org.chronolens.detect.rules;

/**
 * Dates as epoch days in ascending order (a case's events are in date order), searched instead of
 * rescanned: what keeps a rule near-linear in the number of a case's events.
 */
final class Dates {

    private Dates() {
    }

    /** The first index whose day is at least {@code day} ({@code days.length} if none). */
    static int firstAtLeast(long[] days, long day) {
        int lo = 0;
        int hi = days.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many days lie from {@code from} to {@code to}, both included. */
    static int countBetween(long[] days, long from, long to) {
        return from > to ? 0 : firstAtLeast(days, to + 1) - firstAtLeast(days, from);
    }

    /** Whether any day lies from {@code from} to {@code to}, both included. */
    static boolean anyBetween(long[] days, long from, long to) {
        int i = firstAtLeast(days, from);
        return i < days.length && days[i] <= to;
    }
}
