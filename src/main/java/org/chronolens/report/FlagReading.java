package org.chronolens.report;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.chronolens.detect.RuleConfig;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.Severity;
import org.chronolens.detect.rules.ComplianceAroundScrutiny;

/**
 * What a child's page needs besides the case to show a flag in a reviewer's words: each rule's
 * plain title, the compliance-around-scrutiny rule as the run configured it (to show its working),
 * and the run's review trail. Shipped to the executors that write the pages.
 */
record FlagReading(Map<String, String> titles, ComplianceAroundScrutiny scrutiny, ReviewTrail trail) implements Serializable {

    /**
     * @param entries    the rules of the run, for their titles
     * @param thresholds the run's {@code thresholds.json} "rules" object, for the scrutiny rule's parameters
     *                   (null: its working is not shown)
     */
    static FlagReading of(List<RuleEntry> entries, JsonNode thresholds, ReviewTrail trail) {
        Map<String, String> titles = new HashMap<>();
        entries.forEach(e -> titles.put(e.id(), e.title()));
        ComplianceAroundScrutiny scrutiny = null;
        RuleEntry entry = entries.stream().filter(e -> e.id().equals(ComplianceAroundScrutiny.ID)).findFirst().orElse(null);
        if (entry != null && thresholds != null && thresholds.has(ComplianceAroundScrutiny.ID)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = new ObjectMapper().convertValue(thresholds.get(ComplianceAroundScrutiny.ID),
                    LinkedHashMap.class);
            scrutiny = (ComplianceAroundScrutiny) RuleSet.build(List.of(entry),
                    RuleConfig.of(Map.of(ComplianceAroundScrutiny.ID, params))).find(ComplianceAroundScrutiny.ID).orElseThrow();
        }
        return new FlagReading(Map.copyOf(titles), scrutiny, trail);
    }

    /** Titles only: no working, no trail. */
    static FlagReading titles(List<RuleEntry> entries) {
        return of(entries, null, ReviewTrail.none());
    }

    /** A rule's plain title, its id when the run's catalogue does not know it. */
    String title(String ruleId) {
        return titles.getOrDefault(ruleId, ruleId);
    }

    /**
     * How far past its threshold a flag is, in words: each rule grades its flags low, medium or high
     * by its own measure (the count rules: the threshold itself, up to twice it, twice or more);
     * the pages word them "at the threshold", "above it", "well past it" (it: the threshold). Never a ranking of families.
     */
    static String pastThreshold(String severity) {
        if (severity == null) {
            return "";
        }
        return switch (severity) {
            case "low" -> "at the threshold";
            case "medium" -> "above it";
            case "high" -> "well past it";
            default -> severity;
        };
    }

    /** The same words for a {@link Severity}. */
    static String pastThreshold(Severity s) {
        return pastThreshold(s.code());
    }
}
