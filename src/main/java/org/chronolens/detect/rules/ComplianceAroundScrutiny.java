package org.chronolens.detect.rules;

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
 * Compliance timed around scrutiny. The subject's engagement and non-engagement events dated in
 * the {@code preDays} before any of its scrutiny events (its own and family-level conferences and
 * reviews, pooled) are "pre-scrutiny"; all its others, including those on a scrutiny date, are
 * "baseline". Fires when pre-scrutiny holds enough events that mostly went ahead while the
 * baseline holds enough that mostly did not (see docs/rules.md). Metric: pre share minus baseline share.
 */
public final class ComplianceAroundScrutiny extends CatalogueRule {

    public static final String ID = "compliance-around-scrutiny";

    static final Param<List<String>> SCRUTINY_TYPES = Param.values("scrutiny_types",
            "the events that bring scrutiny", List.of("cp_conference", "review"),
            List.of("cp_conference", "review", "core_group", "strategy_meeting"));
    static final Param<Integer> PRE_DAYS = Param.integer("pre_days", "how many days before scrutiny count as 'before'",
            21, 1, 365);
    static final Param<Integer> PRE_MIN_EVENTS = Param.integer("pre_min_events",
            "how many engagement events the weeks before need", 3, 1, 1000);
    static final Param<Double> PRE_MIN_SHARE = Param.share("pre_min_share",
            "the share of them that must be positive", 0.75);
    static final Param<Integer> BASELINE_MIN_EVENTS = Param.integer("baseline_min_events",
            "how many engagement events the rest of the time needs", 4, 1, 1000);
    static final Param<Double> BASELINE_MAX_SHARE = Param.share("baseline_max_share",
            "the share of them that may be positive at most", 0.5);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Engagement better around conferences and reviews").theme(Theme.DISGUISED_COMPLIANCE).scope(Scope.SUBJECT)
            .description("Engagement that goes well in the weeks before conferences and reviews, and poorly otherwise.")
            .params(SCRUTINY_TYPES, PRE_DAYS, PRE_MIN_EVENTS, PRE_MIN_SHARE, BASELINE_MIN_EVENTS, BASELINE_MAX_SHARE)
            .build((p, built) -> new ComplianceAroundScrutiny(p));

    private final List<String> scrutinyTypes;
    private final int preDays;
    private final int preMinEvents;
    private final double preMinShare;
    private final int baselineMinEvents;
    private final double baselineMaxShare;

    ComplianceAroundScrutiny(Params p) {
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
            long[] scrutiny = events.stream().filter(e -> scrutinyTypes.contains(e.type()))
                    .mapToLong(e -> e.date().toEpochDay()).toArray();
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

    /** Whether some scrutiny falls 1 to {@code preDays} days after {@code d}: a binary search of its dates (in order). */
    private boolean preScrutiny(LocalDate d, long[] scrutiny) {
        long day = d.toEpochDay();
        return Dates.anyBetween(scrutiny, day + 1, day + preDays);
    }

    private String threshold() {
        return "at least " + percent(preMinShare) + " of at least " + preMinEvents + " before scrutiny, at most "
                + percent(baselineMaxShare) + " of at least " + baselineMinEvents + " otherwise";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
