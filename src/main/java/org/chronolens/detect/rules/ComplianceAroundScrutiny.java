package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Outcomes;
import org.chronolens.detect.Rule;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * Compliance timed around scrutiny. The subject's engagement and non-engagement events dated in
 * the {@code preDays} before any of its scrutiny events (its own and family-level conferences and
 * reviews, pooled) are "pre-scrutiny"; all its others, including those on a scrutiny date, are
 * "baseline". Fires when pre-scrutiny holds enough events that mostly went ahead while the
 * baseline holds enough that mostly did not (Decision 6). Metric: pre share minus baseline share.
 */
public record ComplianceAroundScrutiny(Params params) implements Rule {

    public static final String ID = "compliance-around-scrutiny";

    public record Params(List<String> scrutinyTypes, int preDays, int preMinEvents, double preMinShare,
                         int baselineMinEvents, double baselineMaxShare) implements java.io.Serializable {
        public static final Params DEFAULTS = new Params(List.of("cp_conference", "review"), 21, 3, 0.75, 4, 0.5);

        public Params {
            scrutinyTypes = Check.within(ID, "scrutiny_types", scrutinyTypes,
                    List.of("cp_conference", "review", "core_group", "strategy_meeting"));
            Check.range(ID, "pre_days", preDays, 1, 365);
            Check.range(ID, "pre_min_events", preMinEvents, 1, 1000);
            Check.share(ID, "pre_min_share", preMinShare);
            Check.range(ID, "baseline_min_events", baselineMinEvents, 1, 1000);
            Check.share(ID, "baseline_max_share", baselineMaxShare);
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
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            List<Event> events = c.eventsOf(subject);
            List<LocalDate> scrutiny = events.stream().filter(e -> params.scrutinyTypes().contains(e.type()))
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
            if (pre.size() < params.preMinEvents() || baseline.size() < params.baselineMinEvents()) {
                continue;
            }
            double preShare = (double) preGood / pre.size();
            double baseShare = (double) baseGood / baseline.size();
            if (preShare >= params.preMinShare() && baseShare <= params.baselineMaxShare()) {
                List<Event> used = new ArrayList<>(pre);
                used.addAll(baseline);
                LocalDate start = used.stream().map(Event::date).min(LocalDate::compareTo).orElseThrow();
                LocalDate end = used.stream().map(Event::date).max(LocalDate::compareTo).orElseThrow();
                double metric = preShare - baseShare;
                flags.add(new Flag(ID, theme(), c.caseId(), subject, start, end, metric, threshold(),
                        metric >= 0.75 ? Severity.HIGH : metric >= 0.5 ? Severity.MEDIUM : Severity.LOW,
                        used.stream().map(Event::eventId).toList(),
                        "In the " + params.preDays() + " days before scrutiny " + preGood + " of " + pre.size()
                                + " contacts went ahead (" + percent(preShare) + "); at other times " + baseGood
                                + " of " + baseline.size() + " (" + percent(baseShare) + ") (threshold: " + threshold() + ")"));
            }
        }
        return flags;
    }

    private boolean preScrutiny(LocalDate d, List<LocalDate> scrutiny) {
        for (LocalDate s : scrutiny) {
            if (!d.isBefore(s.minusDays(params.preDays())) && d.isBefore(s)) {
                return true;
            }
        }
        return false;
    }

    private String threshold() {
        return "at least " + percent(params.preMinShare()) + " of at least " + params.preMinEvents() + " before scrutiny, at most "
                + percent(params.baselineMaxShare()) + " of at least " + params.baselineMinEvents() + " otherwise";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
