package org.chronolens.detect.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.CountRule;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Outcomes;
import org.chronolens.detect.Theme;
import org.chronolens.detect.Window;

/**
 * Agreements made and not followed through: an agreement fails when a {@code breached} event
 * names it (whatever its date, agency or subject), or when the subject has at least
 * {@code nonEngagementCount} non-engagement events from the day after it to {@code followthroughDays}
 * after. Fires on {@code count} failed agreements, dated by their {@code made} event, within
 * {@code days} (Decision 5). Non-engagement is counted per subject, so a family-level agreement can
 * fail for one sibling only.
 */
public record AgreementNotFollowedThrough(Params params) implements CountRule {

    public static final String ID = "agreement-not-followed-through";

    public record Params(int count, int days, int followthroughDays, int nonEngagementCount)
            implements CountRule.Threshold, java.io.Serializable {
        public static final Params DEFAULTS = new Params(2, 180, 28, 2);

        public Params {
            Check.range(ID, "count", count, 1, 1000);
            Check.range(ID, "days", days, 1, 3650);
            Check.range(ID, "followthrough_days", followthroughDays, 1, 3650);
            Check.range(ID, "non_engagement_count", nonEngagementCount, 1, 1000);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String theme() {
        return Theme.DISGUISED_COMPLIANCE;
    }

    @Override
    public CountRule withThreshold(int count, int days) {
        return new AgreementNotFollowedThrough(new Params(count, days, params.followthroughDays(), params.nonEngagementCount()));
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
            List<Event> failed = new ArrayList<>();
            for (Event a : events) {
                if (a.is("agreement") && "made".equals(a.outcome())
                        && (breached.contains(a.eventId()) || nonEngagementAfter(events, a) >= params.nonEngagementCount())) {
                    failed.add(a);
                }
            }
            Optional<Window> w = Window.latest(failed, params.count(), params.days());
            w.ifPresent(window -> flags.add(Counting.flag(c, subject, this, window,
                    Counting.denominator(events, e -> e.is("agreement") && "made".equals(e.outcome()), window),
                    new Counting.Wording("agreements made", "were not followed through"))));
        }
        return flags;
    }

    private long nonEngagementAfter(List<Event> events, Event agreement) {
        return events.stream().filter(Outcomes::nonEngagement)
                .filter(e -> Counting.between(e.date(), agreement.date().plusDays(1),
                        agreement.date().plusDays(params.followthroughDays())))
                .count();
    }
}
