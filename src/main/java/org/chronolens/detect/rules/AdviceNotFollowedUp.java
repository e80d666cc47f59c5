package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * Medical advice never checked. Advice is followed up by a follow-up that names it, or by an
 * unlinked follow-up among the subject's own and family-level events; either way dated 0 to
 * {@code followupDays} after the advice (see docs/rules.md). Fires per subject on {@code count} or more
 * advice events not followed up whose date plus {@code followupDays} is on or before the as-of date.
 */
public final class AdviceNotFollowedUp extends CatalogueRule {

    public static final String ID = "advice-not-followed-up";

    static final Param<Integer> COUNT = Param.integer("count", "how many pieces of advice not followed up make the "
            + "pattern", 1, 1, 1000);
    static final Param<Integer> FOLLOWUP_DAYS = Param.integer("followup_days",
            "within how many days after the advice a follow-up counts", 60, 0, 3650);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Advice nobody followed up").theme(Theme.COMMUNICATION).scope(Scope.SUBJECT)
            .measure("pieces of advice not followed up in the window")
            .description("Medical advice that nobody checked within the follow-up period.")
            .params(COUNT, FOLLOWUP_DAYS).prompts("cultural-curiosity").counts("medical_advice", "advice_followup")
            .build((p, built) -> new AdviceNotFollowedUp(p));

    private final int count;
    private final int followupDays;

    AdviceNotFollowedUp(Params p) {
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
            FollowUps followUps = new FollowUps(c.events(), events);
            List<Event> unfollowed = due.stream().filter(a -> !followUps.followedUp(a)).toList();
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

    /** The subject's follow-ups, to ask of each piece of its advice whether it was followed up (the subjects' denominators). */
    public FollowUps followUps(Chronology c, String subject) {
        return new FollowUps(c.events(), c.eventsOf(subject));
    }

    /**
     * The follow-ups that can answer a subject's advice, indexed once: those naming an advice
     * (from any subject of the case) by the advice they name, and the subject's own and
     * family-level unlinked ones, by date. Asking about one piece of advice is then a lookup and
     * a binary search, not a pass over the case's events.
     */
    public final class FollowUps {
        private final Map<String, long[]> linked = new HashMap<>();
        private final long[] unlinked;

        private FollowUps(List<Event> caseEvents, List<Event> subjectEvents) {
            Map<String, List<Long>> byAdvice = new HashMap<>();
            for (Event f : caseEvents) {
                if (f.is("advice_followup") && f.relatedEventId() != null) {
                    byAdvice.computeIfAbsent(f.relatedEventId(), k -> new ArrayList<>()).add(f.date().toEpochDay());
                }
            }
            byAdvice.forEach((advice, days) -> linked.put(advice, days.stream().mapToLong(Long::longValue).toArray()));
            unlinked = subjectEvents.stream().filter(f -> f.is("advice_followup") && f.relatedEventId() == null)
                    .mapToLong(f -> f.date().toEpochDay()).toArray();
        }

        /** Whether a follow-up naming the advice, or an unlinked one, is dated 0 to {@code followupDays} after it. */
        public boolean followedUp(Event advice) {
            long day = advice.date().toEpochDay();
            long[] named = linked.get(advice.eventId());
            return named != null && Dates.anyBetween(named, day, day + followupDays)
                    || Dates.anyBetween(unlinked, day, day + followupDays);
        }
    }
}
