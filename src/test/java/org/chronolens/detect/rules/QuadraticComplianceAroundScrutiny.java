package org.chronolens.detect.rules;

import static org.chronolens.detect.rules.ComplianceAroundScrutiny.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.Outcomes;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * The rule as it was before the speed work of issue 26 (a copy, quadratic in a case's events):
 * the straightforward reference that {@link LinearRulesTest} checks the rewritten rule against.
 *
 * Compliance timed around scrutiny. The subject's engagement and non-engagement events dated in
 * the {@code preDays} before any of its scrutiny events (its own and family-level conferences and
 * reviews, pooled) are "pre-scrutiny"; all its others, including those on a scrutiny date, are
 * "baseline". Fires when pre-scrutiny holds enough events that mostly went ahead while the
 * baseline holds enough that mostly did not (see docs/rules.md). Metric: pre share minus baseline share.
 */
final class QuadraticComplianceAroundScrutiny extends CatalogueRule {


    private final List<String> scrutinyTypes;
    private final int preDays;
    private final int preMinEvents;
    private final double preMinShare;
    private final int baselineMinEvents;
    private final double baselineMaxShare;

    QuadraticComplianceAroundScrutiny(Params p) {
        super(ENTRY);
        this.scrutinyTypes = p.get(SCRUTINY_TYPES);
        this.preDays = p.get(PRE_DAYS);
        this.preMinEvents = p.get(PRE_MIN_EVENTS);
        this.preMinShare = p.get(PRE_MIN_SHARE);
        this.baselineMinEvents = p.get(BASELINE_MIN_EVENTS);
        this.baselineMaxShare = p.get(BASELINE_MAX_SHARE);
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            List<Event> events = c.eventsOf(subject);
            List<LocalDate> scrutiny = events.stream().filter(e -> scrutinyTypes.contains(e.type()))
                    .map(Event::date).toList();
            List<Event> pre = new ArrayList<>();
            List<Event> baseline = new ArrayList<>();
            for (Event e : events) {
                if (Outcomes.engagement(e) || Outcomes.nonEngagement(e)) {
                    (preScrutiny(e.date(), scrutiny) ? pre : baseline).add(e);
                }
            }
            long preGood = pre.stream().filter(Outcomes::engagement).count();
            long baseGood = baseline.stream().filter(Outcomes::engagement).count();
            if (pre.size() < preMinEvents || baseline.size() < baselineMinEvents) {
                continue;
            }
            double preShare = (double) preGood / pre.size();
            double baseShare = (double) baseGood / baseline.size();
            if (preShare >= preMinShare && baseShare <= baselineMaxShare) {
                List<Event> used = new ArrayList<>(pre);
                used.addAll(baseline);
                LocalDate start = used.stream().map(Event::date).min(LocalDate::compareTo).orElseThrow();
                LocalDate end = used.stream().map(Event::date).max(LocalDate::compareTo).orElseThrow();
                double metric = preShare - baseShare;
                flags.add(Flag.of(this, c.caseId(), subject).window(start, end).metric(metric, threshold())
                        .severity(metric >= 0.75 ? Severity.HIGH : metric >= 0.5 ? Severity.MEDIUM : Severity.LOW)
                        .evidence(used.stream().map(Event::eventId).toList())
                        .explaining("In the " + preDays + " days before scrutiny " + preGood + " of " + pre.size()
                                + " contacts went ahead (" + percent(preShare) + "); at other times " + baseGood
                                + " of " + baseline.size() + " (" + percent(baseShare) + ") (threshold: " + threshold() + ")"));
            }
        }
        return flags;
    }

    private boolean preScrutiny(LocalDate d, List<LocalDate> scrutiny) {
        for (LocalDate s : scrutiny) {
            if (!d.isBefore(s.minusDays(preDays)) && d.isBefore(s)) {
                return true;
            }
        }
        return false;
    }

    private String threshold() {
        return "at least " + percent(preMinShare) + " of at least " + preMinEvents + " before scrutiny, at most "
                + percent(baselineMaxShare) + " of at least " + baselineMinEvents + " otherwise";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
