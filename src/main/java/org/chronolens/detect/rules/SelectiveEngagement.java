package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.chronolens.check.Vocabulary;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Outcomes;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * Carers who engage fully with one agency and not at all with another. Anchored at each
 * non-engagement event e of the child, recorded by agency X: the window of {@code days} days ending
 * on e's date qualifies when X recorded at least {@code min_disengaged} non-engagement events and no
 * engagement event in it, and another agency Y recorded at least {@code min_engaged} engagement
 * events and no non-engagement event. The latest qualifying anchor is reported; Y is the qualifying
 * agency with the most engagement events, ties to the name first. See docs/rules.md.
 */
public final class SelectiveEngagement extends CatalogueRule {

    public static final String ID = "selective-engagement";

    static final Param<Integer> DAYS = Param.integer("days", "the window, in days (both ends included)", 90, 1, 3650);
    static final Param<Integer> MIN_DISENGAGED = Param.integer("min_disengaged",
            "non-engagement events one agency must record, with no engagement", 3, 1, 1000);
    static final Param<Integer> MIN_ENGAGED = Param.integer("min_engaged",
            "engagement events another agency must record, with no non-engagement", 2, 1, 1000);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Engaging with one agency, not another").theme(Theme.DISGUISED_COMPLIANCE).scope(Scope.SUBJECT)
            .measure("non-engagement events with the one agency")
            .description("Carers who engage fully with one agency while not engaging at all with another.")
            .params(DAYS, MIN_DISENGAGED, MIN_ENGAGED).threshold(MIN_DISENGAGED, DAYS)
            .counts(org.chronolens.detect.Outcomes.routineTypes())
            .build((p, built) -> new SelectiveEngagement(p));

    private final int days;
    private final int minDisengaged;
    private final int minEngaged;

    SelectiveEngagement(Params p) {
        super(ENTRY);
        this.days = p.get(DAYS);
        this.minDisengaged = p.get(MIN_DISENGAGED);
        this.minEngaged = p.get(MIN_ENGAGED);
    }

    /** What one agency recorded in a window. */
    private static final class Tally {
        final List<Event> engaged = new ArrayList<>();
        final List<Event> disengaged = new ArrayList<>();
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            // Only engagement and non-engagement events can count; each is classified once, not
            // once per anchor whose window it falls in.
            List<Event> events = new ArrayList<>();
            List<Boolean> engaged = new ArrayList<>();
            for (Event e : c.eventsOf(subject)) {
                if (Outcomes.engagement(e)) {
                    events.add(e);
                    engaged.add(true);
                } else if (Outcomes.nonEngagement(e)) {
                    events.add(e);
                    engaged.add(false);
                }
            }
            Tallies tallies = new Tallies(events, engaged);
            for (int a = events.size() - 1; a >= 0; a--) {
                if (engaged.get(a)) {
                    continue;
                }
                Flag f = at(c, subject, a, tallies);
                if (f != null) {
                    flags.add(f);
                    break;
                }
            }
        }
        return flags;
    }

    /**
     * Running counts of each agency's engagement and non-engagement events, so that what an agency
     * recorded in a window is two subtractions instead of a pass over the subject's events; the
     * events are in date order, so a window is one run of them, found by binary search.
     */
    private static final class Tallies {
        final List<Event> events;
        final List<Boolean> engaged;
        final long[] days;
        final Map<String, Integer> agencies = new TreeMap<>();
        /** [agency][i]: engagement (0) or non-engagement (1) events of the agency among the first i events. */
        final int[][][] before;

        Tallies(List<Event> events, List<Boolean> engaged) {
            this.events = events;
            this.engaged = engaged;
            int n = events.size();
            days = new long[n];
            for (int i = 0; i < n; i++) {
                days[i] = events.get(i).date().toEpochDay();
                agencies.putIfAbsent(events.get(i).agency(), agencies.size());
            }
            before = new int[agencies.size()][2][n + 1];
            for (int i = 0; i < n; i++) {
                int k = agencies.get(events.get(i).agency());
                for (int[][] counts : before) {
                    counts[0][i + 1] = counts[0][i];
                    counts[1][i + 1] = counts[1][i];
                }
                before[k][engaged.get(i) ? 0 : 1][i + 1]++;
            }
        }

        int count(String agency, boolean engagement, int from, int to) {
            int[] counts = before[agencies.get(agency)][engagement ? 0 : 1];
            return counts[to] - counts[from];
        }
    }

    private Flag at(Chronology c, String subject, int anchorIndex, Tallies tallies) {
        List<Event> events = tallies.events;
        Event anchor = events.get(anchorIndex);
        LocalDate end = anchor.date();
        LocalDate from = end.minusDays(days - 1L);
        // The window: events [lo, hi) of the subject, every event dated from..end.
        int lo = Dates.firstAtLeast(tallies.days, from.toEpochDay());
        int hi = Dates.firstAtLeast(tallies.days, end.toEpochDay() + 1);
        String x = anchor.agency();
        // Most anchors fail on their own agency's record: look at that first, without tallying the rest.
        if (tallies.count(x, true, lo, hi) > 0 || tallies.count(x, false, lo, hi) < minDisengaged) {
            return null;
        }
        String y = null;
        int yEngaged = 0;
        for (String agency : tallies.agencies.keySet()) {
            int engagedThere = tallies.count(agency, true, lo, hi);
            boolean qualifies = !agency.equals(x) && engagedThere >= minEngaged
                    && tallies.count(agency, false, lo, hi) == 0;
            // In name order, so a tie stays with the name first.
            if (qualifies && (y == null || engagedThere > yEngaged)) {
                y = agency;
                yEngaged = engagedThere;
            }
        }
        if (y == null) {
            return null;
        }
        // Only now, for the one window reported, the events themselves.
        Map<String, Tally> byAgency = new TreeMap<>();
        for (int i = lo; i < hi; i++) {
            Event e = events.get(i);
            Tally t = byAgency.computeIfAbsent(e.agency(), k -> new Tally());
            (tallies.engaged.get(i) ? t.engaged : t.disengaged).add(e);
        }
        Tally shut = byAgency.get(x);
        Tally open = byAgency.get(y);
        List<Event> evidence = new ArrayList<>(shut.disengaged);
        evidence.addAll(open.engaged);
        LocalDate start = evidence.stream().map(Event::date).min(LocalDate::compareTo).orElseThrow();
        int metric = shut.disengaged.size();
        String threshold = minDisengaged + " non-engagement with one agency and " + minEngaged
                + " engagement with another within " + Counting.days(days);
        String explanation = Vocabulary.capitalised(Vocabulary.words(x)) + " recorded " + metric + " non-engagement " + (metric == 1 ? "event" : "events")
                + " and no engagement, while " + Vocabulary.words(y) + " recorded " + open.engaged.size() + " engagement "
                + (open.engaged.size() == 1 ? "event" : "events") + " and no non-engagement, from " + start + " to "
                + end + " (threshold: " + threshold + ")";
        return Flag.of(this, c.caseId(), subject).window(start, end).metric(metric, threshold)
                .severity(Severity.ofCount(metric, minDisengaged))
                .evidence(evidence.stream().map(Event::eventId).toList()).explaining(explanation);
    }
}
