package org.chronolens.detect.rules;

import java.util.ArrayList;
import java.util.List;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;
import org.chronolens.check.Vocabulary;

/**
 * Per strategy meeting whose attendees lack any key agency (social care, health, police by
 * default). Attendees are exact agency tokens; extra agencies do not matter; an empty list misses
 * them all (Decision 7). Metric: how many are missing.
 */
public record StrategyMeetingAttendance(Params params) implements Rule {

    public static final String ID = "strategy-meeting-attendance";

    public record Params(List<String> requiredAgencies) implements java.io.Serializable {
        public static final Params DEFAULTS = new Params(List.of("social_care", "health", "police"));

        public Params {
            requiredAgencies = Check.within(ID, "required_agencies", requiredAgencies, Vocabulary.AGENCIES);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String theme() {
        return Theme.STRATEGY_MEETINGS;
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        String threshold = String.join(", ", params.requiredAgencies()) + " attend";
        for (Event e : c.events()) {
            if (!e.is("strategy_meeting")) {
                continue;
            }
            List<String> missing = params.requiredAgencies().stream().filter(a -> !e.attendees().contains(a)).toList();
            if (!missing.isEmpty()) {
                int n = missing.size();
                flags.add(new Flag(ID, theme(), c.caseId(), e.subjectId(), e.date(), e.date(), n, threshold,
                        n >= 3 ? Severity.HIGH : n == 2 ? Severity.MEDIUM : Severity.LOW, List.of(e.eventId()),
                        "Strategy meeting on " + e.date() + " without " + String.join(", ", missing)
                                + " (threshold: " + threshold + ")"));
            }
        }
        return flags;
    }
}
