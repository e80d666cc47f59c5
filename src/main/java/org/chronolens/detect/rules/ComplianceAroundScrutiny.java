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
            .measureInPoints("percentage points more gone ahead before scrutiny than at other times")
            .description("Engagement that goes well in the weeks before conferences and reviews, and poorly otherwise.")
            .params(SCRUTINY_TYPES, PRE_DAYS, PRE_MIN_EVENTS, PRE_MIN_SHARE, BASELINE_MIN_EVENTS, BASELINE_MAX_SHARE)
            .counts(java.util.stream.Stream.concat(SCRUTINY_TYPES.defaultValue().stream(), org.chronolens.detect.Outcomes.routineTypes().stream()).toList())
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

    /**
     * What the rule weighs for one subject, so that a reader can check a flag from its parts: the
     * scrutiny events (own and family-level, in order), the engagement and non-engagement events in
     * the days before scrutiny and those at other times (the baseline), how many of each went
     * ahead, and the rule's thresholds. {@link #evaluate} flags exactly when {@link #fires}.
     */
    public record Working(List<Event> scrutiny, List<Event> pre, List<Event> baseline, long preWentAhead,
                          long baselineWentAhead, int preDays, int preMinEvents, double preMinShare,
                          int baselineMinEvents, double baselineMaxShare) {

        public Working {
            scrutiny = List.copyOf(scrutiny);
            pre = List.copyOf(pre);
            baseline = List.copyOf(baseline);
        }

        /** The share of the events before scrutiny that went ahead (0 when there are none). */
        public double preShare() {
            return pre.isEmpty() ? 0 : (double) preWentAhead / pre.size();
        }

        /** The share of the baseline events that went ahead (0 when there are none). */
        public double baselineShare() {
            return baseline.isEmpty() ? 0 : (double) baselineWentAhead / baseline.size();
        }

        /** Enough events on both sides, most of those before scrutiny went ahead, most of the others did not. */
        public boolean fires() {
            return pre.size() >= preMinEvents && baseline.size() >= baselineMinEvents
                    && preShare() >= preMinShare && baselineShare() <= baselineMaxShare;
        }

        /** The periods counted as "before scrutiny": the {@code preDays} days before each scrutiny date, overlaps merged. */
        public List<Period> prePeriods() {
            List<Period> out = new ArrayList<>();
            for (Event e : scrutiny) {
                LocalDate from = e.date().minusDays(preDays);
                LocalDate to = e.date().minusDays(1);
                Period last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && !from.isAfter(last.to().plusDays(1))) {
                    out.set(out.size() - 1, new Period(last.from(), to.isAfter(last.to()) ? to : last.to()));
                } else {
                    out.add(new Period(from, to));
                }
            }
            return out;
        }
    }

    /** Days from one date to another, both included. */
    public record Period(LocalDate from, LocalDate to) {
    }

    /** The rule's working for one subject of the chronology, whether or not it flags. Pure. */
    public Working working(Chronology c, String subject) {
        List<Event> events = c.eventsOf(subject);
        List<Event> scrutinyEvents = events.stream().filter(e -> scrutinyTypes.contains(e.type())).toList();
        long[] scrutiny = scrutinyEvents.stream().mapToLong(e -> e.date().toEpochDay()).toArray();
        List<Event> pre = new ArrayList<>();
        List<Event> baseline = new ArrayList<>();
        for (Event e : events) {
            if (Outcomes.engagement(e) || Outcomes.nonEngagement(e)) {
                (preScrutiny(e.date(), scrutiny) ? pre : baseline).add(e);
            }
        }
        long preGood = pre.stream().filter(Outcomes::engagement).count();
        long baseGood = baseline.stream().filter(Outcomes::engagement).count();
        return new Working(scrutinyEvents, pre, baseline, preGood, baseGood, preDays, preMinEvents, preMinShare,
                baselineMinEvents, baselineMaxShare);
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            Working w = working(c, subject);
            if (w.fires()) {
                List<Event> pre = w.pre();
                List<Event> baseline = w.baseline();
                double preShare = w.preShare();
                double baseShare = w.baselineShare();
                List<Event> used = new ArrayList<>(pre);
                used.addAll(baseline);
                LocalDate start = used.stream().map(Event::date).min(LocalDate::compareTo).orElseThrow();
                LocalDate end = used.stream().map(Event::date).max(LocalDate::compareTo).orElseThrow();
                double metric = preShare - baseShare;
                flags.add(Flag.of(this, c.caseId(), subject).window(start, end).metric(metric, threshold())
                        .severity(metric >= 0.75 ? Severity.HIGH : metric >= 0.5 ? Severity.MEDIUM : Severity.LOW)
                        .evidence(used.stream().map(Event::eventId).toList())
                        .explaining("In the " + preDays + " days before scrutiny " + w.preWentAhead() + " of " + pre.size()
                                + " contacts went ahead (" + percent(preShare) + "); at other times " + w.baselineWentAhead()
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
