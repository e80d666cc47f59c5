package org.chronolens.detect.rules;

import static org.chronolens.detect.rules.AdviceNotFollowedUp.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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
 * The rule as it was before the speed work of issue 26 (a copy, quadratic in a case's events):
 * the straightforward reference that {@link LinearRulesTest} checks the rewritten rule against.
 *
 * Medical advice never checked. Advice is followed up by a follow-up that names it, or by an
 * unlinked follow-up among the subject's own and family-level events; either way dated 0 to
 * {@code followupDays} after the advice (see docs/rules.md). Fires per subject on {@code count} or more
 * advice events not followed up whose date plus {@code followupDays} is on or before the as-of date.
 */
final class QuadraticAdviceNotFollowedUp extends CatalogueRule {


    private final int count;
    private final int followupDays;

    QuadraticAdviceNotFollowedUp(Params p) {
        super(ENTRY);
        this.count = p.get(COUNT);
        this.followupDays = p.get(FOLLOWUP_DAYS);
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        String threshold = count + " not followed up within " + followupDays + " days";
        for (String subject : c.subjects()) {
            List<Event> events = c.eventsOf(subject);
            List<Event> due = events.stream().filter(e -> e.is("medical_advice")
                    && !e.date().plusDays(followupDays).isAfter(c.asOf())).toList();
            List<Event> unfollowed = due.stream().filter(a -> !followedUp(a, c.events(), events)).toList();
            if (unfollowed.size() >= count) {
                LocalDate start = unfollowed.get(0).date();
                LocalDate end = unfollowed.get(unfollowed.size() - 1).date();
                flags.add(Flag.of(this, c.caseId(), subject).window(start, end).metric(unfollowed.size(), threshold)
                        .severity(Severity.ofCount(unfollowed.size(), count))
                        .evidence(unfollowed.stream().map(Event::eventId).toList())
                        .explaining(unfollowed.size() + " of " + due.size()
                                + " pieces of medical advice were not followed up within "
                                + followupDays + " days (threshold: " + threshold + ")"));
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
        return days >= 0 && days <= followupDays;
    }
}
