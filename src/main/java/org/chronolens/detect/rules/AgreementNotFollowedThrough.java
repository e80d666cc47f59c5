package org.chronolens.detect.rules;

import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.Outcomes;
import org.chronolens.detect.Theme;
import org.chronolens.detect.Window;

/**
 * Agreements made and not followed through: an agreement fails when a {@code breached} event
 * names it (whatever its date, agency or subject), or when the subject has at least
 * {@code nonEngagementCount} non-engagement events from the day after it to {@code followthroughDays}
 * after. Fires on {@code count} failed agreements, dated by their {@code made} event, within
 * {@code days} (see docs/rules.md). Non-engagement is counted per subject, so a family-level agreement can
 * fail for one sibling only.
 */
public final class AgreementNotFollowedThrough extends CatalogueRule {

    public static final String ID = "agreement-not-followed-through";

    static final Param<Integer> COUNT = Param.integer("count", "how many failed agreements make the pattern", 2, 1, 1000);
    static final Param<Integer> DAYS = Param.integer("days", "within how many days, by the date each was made", 180, 1, 3650);
    static final Param<Integer> FOLLOWTHROUGH_DAYS = Param.integer("followthrough_days",
            "how many days after an agreement non-engagement counts against it", 28, 1, 3650);
    static final Param<Integer> NON_ENGAGEMENT_COUNT = Param.integer("non_engagement_count",
            "how many non-engagement events in that time fail the agreement", 2, 1, 1000);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Agreements not followed through").theme(Theme.DISGUISED_COMPLIANCE).scope(Scope.SUBJECT)
            .measure("agreements not followed through in the window")
            .description("Agreements made with the carers that were breached, or followed by non-engagement within "
                    + "four weeks.")
            .params(COUNT, DAYS, FOLLOWTHROUGH_DAYS, NON_ENGAGEMENT_COUNT).threshold(COUNT, DAYS)
            .counts(java.util.stream.Stream.concat(java.util.stream.Stream.of("agreement"),
                    org.chronolens.detect.Outcomes.routineTypes().stream()).distinct().toList())
            .build((p, built) -> new AgreementNotFollowedThrough(p));

    private final int count;
    private final int days;
    private final int followthroughDays;
    private final int nonEngagementCount;

    AgreementNotFollowedThrough(Params p) {
        super(ENTRY);
        this.count = p.get(COUNT);
        this.days = p.get(DAYS);
        this.followthroughDays = p.get(FOLLOWTHROUGH_DAYS);
        this.nonEngagementCount = p.get(NON_ENGAGEMENT_COUNT);
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        Set<String> breached = new HashSet<>();
        for (Event e : c.events()) {
            if (e.is("agreement") && "breached".equals(e.outcome()) && e.relatedEventId() != null) {
                breached.add(e.relatedEventId());
            }
        }
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            List<Event> events = c.eventsOf(subject);
            long[] nonEngagement = nonEngagementDays(events);
            List<Event> failed = new ArrayList<>();
            for (Event a : events) {
                if (a.is("agreement") && "made".equals(a.outcome())
                        && (breached.contains(a.eventId()) || nonEngagementAfter(nonEngagement, a) >= nonEngagementCount)) {
                    failed.add(a);
                }
            }
            Optional<Window> w = Window.latest(failed, count, days);
            w.ifPresent(window -> flags.add(Counting.flag(c, subject, this, count, days, window,
                    Counting.denominator(events, e -> e.is("agreement") && "made".equals(e.outcome()), window),
                    new Counting.Wording("agreements made", "were not followed through"))));
        }
        return flags;
    }

    /** The dates of the subject's non-engagement events, as epoch days in date order (events are in order). */
    private static long[] nonEngagementDays(List<Event> events) {
        return events.stream().filter(Outcomes::nonEngagement).mapToLong(e -> e.date().toEpochDay()).toArray();
    }

    /** Non-engagement events from the day after the agreement to {@code followthroughDays} after: two binary searches. */
    private long nonEngagementAfter(long[] nonEngagement, Event agreement) {
        long day = agreement.date().toEpochDay();
        return Dates.countBetween(nonEngagement, day + 1, day + followthroughDays);
    }
}
