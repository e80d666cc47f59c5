package org.chronolens.detect;

/**
 * A rule whose threshold is "N within D days" (or N in a row), so that its sensitivity can be
 * shown. Its parameter record carries the count and the window.
 */
public interface CountRule extends Rule {

    /** The count and window of a count rule's parameters. */
    interface Threshold {
        int count();

        /** The window in days, or 0 for a rule without one. */
        int days();
    }

    Threshold params();

    default int count() {
        return params().count();
    }

    default int days() {
        return params().days();
    }

    /** The same rule at another threshold; parameters are validated as usual. */
    CountRule withThreshold(int count, int days);
}
