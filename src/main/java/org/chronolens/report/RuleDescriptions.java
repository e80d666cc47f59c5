package org.chronolens.report;

import java.util.Map;

/** One sentence per rule for its report page; docs/rules.md says the rest. */
final class RuleDescriptions {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("missed-appointments", "Appointments the child was not brought to, or did not attend, close together."),
            Map.entry("consecutive-missed-appointments", "Appointments missed one after another, with none attended in between."),
            Map.entry("advice-non-adherence", "Medical advice not (or only partly) followed, and prescriptions not collected."),
            Map.entry("agreement-not-followed-through", "Agreements made with the carers that were breached, or followed by non-engagement within four weeks."),
            Map.entry("child-not-seen", "Home visits where the child was not seen: no access, entry refused, cancelled by the family."),
            Map.entry("superficial-engagement", "Practitioners recorded engagement as superficial or avoidant."),
            Map.entry("hostility-or-resistance", "Hostility was recorded, or entry refused at a home visit."),
            Map.entry("compliance-around-scrutiny", "Engagement that goes well in the weeks before conferences and reviews, and poorly otherwise."),
            Map.entry("strategy-meeting-attendance", "Strategy meetings held without one or more key agencies."),
            Map.entry("action-drift-without-escalation", "Agreed actions not completed in time, and never escalated."),
            Map.entry("pattern-held-by-one-agency", "A pattern of missed appointments or unseen visits known to one agency, which shared nothing."),
            Map.entry("advice-not-followed-up", "Medical advice that nobody checked within the follow-up period."));

    private RuleDescriptions() {
    }

    static String of(String ruleId) {
        return TEXT.getOrDefault(ruleId, "");
    }
}
