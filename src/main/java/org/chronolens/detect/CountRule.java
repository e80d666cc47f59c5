package org.chronolens.detect;

/** A rule whose threshold is "N within D days" (or N in a row), so that its sensitivity can be shown. */
public interface CountRule extends Rule {

    int count();

    /** The window in days, or 0 for a rule without one. */
    int days();

    /** The same rule at another threshold; parameters are validated as usual. */
    CountRule withThreshold(int count, int days);
}
