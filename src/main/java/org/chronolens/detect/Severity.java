package org.chronolens.detect;

import java.util.Locale;

/** How far past its threshold a pattern is: {@code low} at the threshold, then {@code medium}, {@code high}. */
public enum Severity {
    LOW, MEDIUM, HIGH;

    /** The count rules' scale: the threshold itself is low, up to twice it medium, twice or more high. */
    public static Severity ofCount(double metric, double threshold) {
        if (metric >= 2 * threshold && metric > threshold) {
            return HIGH;
        }
        return metric > threshold ? MEDIUM : LOW;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
