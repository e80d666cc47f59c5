package org.chronolens.detect;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Tiny inline chronologies for rule tests: case F1, events written as one line each. */
public final class Chronologies {

    public static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);

    private Chronologies() {
    }

    /** An event of subject {@code subject} (null: family-level). */
    public static Event ev(String id, String date, String subject, String type, String outcome) {
        return Event.of("F1", subject, id, date, agencyFor(type), type, outcome);
    }

    public static Event child(String id, String date, String type, String outcome) {
        return ev(id, date, "C1", type, outcome);
    }

    public static Event family(String id, String date, String type, String outcome) {
        return ev(id, date, null, type, outcome);
    }

    /**
     * A rule of the standard catalogue, built as the scan builds it, with parameters given as
     * key, value pairs (the rest default): {@code rule("missed-appointments", "count", 2)}.
     */
    public static Rule rule(String id, Object... keyValues) {
        java.util.Map<String, Object> given = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put((String) keyValues[i], keyValues[i + 1]);
        }
        return org.chronolens.detect.rules.Catalogue.standard().build(RuleConfig.of(java.util.Map.of(id, given)))
                .find(id).orElseThrow();
    }

    public static List<Flag> run(Rule rule, Event... events) {
        return run(rule, AS_OF, events);
    }

    public static List<Flag> run(Rule rule, LocalDate asOf, Event... events) {
        return rule.evaluate(Chronology.of("F1", asOf, Arrays.asList(events)));
    }

    private static String agencyFor(String type) {
        return switch (type) {
            case "home_visit", "engagement", "agreement", "strategy_meeting", "cp_conference", "review",
                 "action_agreed", "core_group" -> "social_care";
            default -> "health";
        };
    }
}
