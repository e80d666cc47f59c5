package org.chronolens.detect.rules;

import static org.chronolens.detect.rules.AgreementNotFollowedThrough.*;

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
 * The rule as it was before the speed work of issue 26 (a copy, quadratic in a case's events):
 * the straightforward reference that {@link LinearRulesTest} checks the rewritten rule against.
 *
 * Agreements made and not followed through: an agreement fails when a {@code breached} event
 * names it (whatever its date, agency or subject), or when the subject has at least
 * {@code nonEngagementCount} non-engagement events from the day after it to {@code followthroughDays}
 * after. Fires on {@code count} failed agreements, dated by their {@code made} event, within
 * {@code days} (see docs/rules.md). Non-engagement is counted per subject, so a family-level agreement can
 * fail for one sibling only.
 */
final class QuadraticAgreementNotFollowedThrough extends CatalogueRule {


    private final int count;
    private final int days;
    private final int followthroughDays;
    private final int nonEngagementCount;

    QuadraticAgreementNotFollowedThrough(Params p) {
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
            List<Event> failed = new ArrayList<>();
            for (Event a : events) {
                if (a.is("agreement") && "made".equals(a.outcome())
                        && (breached.contains(a.eventId()) || nonEngagementAfter(events, a) >= nonEngagementCount)) {
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

    private long nonEngagementAfter(List<Event> events, Event agreement) {
        return events.stream().filter(Outcomes::nonEngagement)
                .filter(e -> Counting.between(e.date(), agreement.date().plusDays(1),
                        agreement.date().plusDays(followthroughDays)))
                .count();
    }
}
