package org.chronolens.run;

import java.util.Map;

/**
 * What the rules found, as counts: flags in all and per rule, children scanned and flagged,
 * children per rule, flags per review status, and the acknowledgements file's lines per status of
 * the review trail (in the trail's order; empty without a file). Only these counts reach the driver.
 */
public record ScanFindings(long flags, long subjects, long subjectsFlagged, Map<String, Long> flagsByRule,
                           Map<String, Long> childrenByRule, Map<String, Long> reviews, Map<String, Long> trail) {

    public ScanFindings {
        // Sorted, as the manifest and the summary list them.
        flagsByRule = sorted(flagsByRule);
        childrenByRule = sorted(childrenByRule);
        reviews = sorted(reviews);
        trail = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trail));
    }

    private static Map<String, Long> sorted(Map<String, Long> m) {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(m));
    }

    /** Nothing found: the rules did not run (validation failed its gate). */
    public static ScanFindings none() {
        return new ScanFindings(0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of());
    }
}
