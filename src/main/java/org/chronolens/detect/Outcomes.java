package org.chronolens.detect;

import java.util.List;
import java.util.Map;

/** The spec's engagement and non-engagement events (see docs/rules.md). */
public final class Outcomes {

    private static final Map<String, List<String>> ENGAGEMENT = Map.of(
            "appointment", List.of("attended"),
            "home_visit", List.of("child_seen"),
            "contact", List.of("responded"),
            "advice_followup", List.of("adhered"),
            "medication", List.of("collected"),
            "agreement", List.of("kept"));

    private static final Map<String, List<String>> NON_ENGAGEMENT = Map.of(
            "appointment", List.of("was_not_brought", "did_not_attend"),
            "home_visit", List.of("child_not_seen", "no_access", "refused_entry"),
            "contact", List.of("no_response"),
            "advice_followup", List.of("not_adhered"),
            "medication", List.of("not_collected"),
            "agreement", List.of("breached"));

    private Outcomes() {
    }

    /** The event types whose outcomes tell engagement from non-engagement, for a rule's {@code counts}. */
    public static List<String> routineTypes() {
        return NON_ENGAGEMENT.keySet().stream().sorted().toList();
    }

    public static boolean engagement(Event e) {
        return e.outcome() != null && ENGAGEMENT.getOrDefault(e.type(), List.of()).contains(e.outcome());
    }

    public static boolean nonEngagement(Event e) {
        return e.outcome() != null && NON_ENGAGEMENT.getOrDefault(e.type(), List.of()).contains(e.outcome());
    }
}
