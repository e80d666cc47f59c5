package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * Medical advice never checked. Advice is followed up by a follow-up that names it, or by an
 * unlinked follow-up among the subject's own and family-level events; either way dated 0 to
 * {@code followupDays} after the advice (Decision 4). Fires per subject on {@code count} or more
 * advice events not followed up whose date plus {@code followupDays} is on or before the as-of date.
 */
public record AdviceNotFollowedUp(Params params) implements Rule {

    public static final String ID = "advice-not-followed-up";

    public record Params(int count, int followupDays) implements java.io.Serializable {
        public static final Params DEFAULTS = new Params(1, 60);

        public Params {
            Check.range(ID, "count", count, 1, 1000);
            Check.range(ID, "followup_days", followupDays, 0, 3650);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String theme() {
        return Theme.COMMUNICATION;
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        String threshold = params.count() + " not followed up within " + params.followupDays() + " days";
        for (String subject : c.subjects()) {
            List<Event> events = c.eventsOf(subject);
            List<Event> due = events.stream().filter(e -> e.is("medical_advice")
                    && !e.date().plusDays(params.followupDays()).isAfter(c.asOf())).toList();
            List<Event> unfollowed = due.stream().filter(a -> !followedUp(a, c.events(), events)).toList();
            if (unfollowed.size() >= params.count()) {
                LocalDate start = unfollowed.get(0).date();
                LocalDate end = unfollowed.get(unfollowed.size() - 1).date();
                flags.add(new Flag(ID, theme(), c.caseId(), subject, start, end, unfollowed.size(), threshold,
                        Severity.ofCount(unfollowed.size(), params.count()), unfollowed.stream().map(Event::eventId).toList(),
                        unfollowed.size() + " of " + due.size() + " pieces of medical advice were not followed up within "
                                + params.followupDays() + " days (threshold: " + threshold + ")"));
            }
        }
        return flags;
    }

    /** Whether the advice was followed up, for the subjects' denominators. */
    public boolean followedUp(Event advice, Chronology c, String subject) {
        return followedUp(advice, c.events(), c.eventsOf(subject));
    }

    private boolean followedUp(Event advice, List<Event> caseEvents, List<Event> subjectEvents) {
        for (Event f : caseEvents) {
            if (f.is("advice_followup") && advice.eventId().equals(f.relatedEventId()) && inTime(advice, f)) {
                return true;
            }
        }
        for (Event f : subjectEvents) {
            if (f.is("advice_followup") && f.relatedEventId() == null && inTime(advice, f)) {
                return true;
            }
        }
        return false;
    }

    private boolean inTime(Event advice, Event followup) {
        long days = ChronoUnit.DAYS.between(advice.date(), followup.date());
        return days >= 0 && days <= params.followupDays();
    }
}
