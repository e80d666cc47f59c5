package org.chronolens.detect.rules;

import java.util.ArrayList;
import java.util.List;

import org.chronolens.check.Vocabulary;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * Per strategy meeting whose attendees lack any key agency (social care, health, police by
 * default). Attendees are exact agency tokens; extra agencies do not matter; an empty list misses
 * them all (see docs/rules.md). Metric: how many are missing.
 */
public final class StrategyMeetingAttendance extends CatalogueRule {

    public static final String ID = "strategy-meeting-attendance";

    static final Param<List<String>> REQUIRED_AGENCIES = Param.values("required_agencies",
            "the agencies every strategy meeting needs", List.of("social_care", "health", "police"), Vocabulary.AGENCIES);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Strategy meeting without key agencies").theme(Theme.STRATEGY_MEETINGS).scope(Scope.PER_EVENT)
            .measure("key agencies absent from the meeting")
            .description("Strategy meetings held without one or more key agencies.")
            .params(REQUIRED_AGENCIES).counts("strategy_meeting").build((p, built) -> new StrategyMeetingAttendance(p));

    private final List<String> requiredAgencies;

    StrategyMeetingAttendance(Params p) {
        super(ENTRY);
        this.requiredAgencies = p.get(REQUIRED_AGENCIES);
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        String threshold = Vocabulary.words(requiredAgencies, "and") + " attend";
        for (Event e : c.events()) {
            if (!e.is("strategy_meeting")) {
                continue;
            }
            List<String> missing = requiredAgencies.stream().filter(a -> !e.attendees().contains(a)).toList();
            if (!missing.isEmpty()) {
                int n = missing.size();
                flags.add(Flag.of(this, c.caseId(), e.subjectId()).window(e.date(), e.date()).metric(n, threshold)
                        .severity(n >= 3 ? Severity.HIGH : n == 2 ? Severity.MEDIUM : Severity.LOW)
                        .evidence(List.of(e.eventId()))
                        .explaining("Strategy meeting on " + e.date() + " without " + Vocabulary.words(missing, "or")
                                + " (threshold: " + threshold + ")"));
            }
        }
        return flags;
    }
}
