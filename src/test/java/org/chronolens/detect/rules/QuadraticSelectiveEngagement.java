package org.chronolens.detect.rules;

import static org.chronolens.detect.rules.SelectiveEngagement.*;

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
 * The rule as it was before the speed work of issue 26 (a copy, quadratic in a case's events):
 * the straightforward reference that {@link LinearRulesTest} checks the rewritten rule against.
 *
 * Carers who engage fully with one agency and not at all with another. Anchored at each
 * non-engagement event e of the child, recorded by agency X: the window of {@code days} days ending
 * on e's date qualifies when X recorded at least {@code min_disengaged} non-engagement events and no
 * engagement event in it, and another agency Y recorded at least {@code min_engaged} engagement
 * events and no non-engagement event. The latest qualifying anchor is reported; Y is the qualifying
 * agency with the most engagement events, ties to the name first. See docs/rules.md.
 */
final class QuadraticSelectiveEngagement extends CatalogueRule {


    private final int days;
    private final int minDisengaged;
    private final int minEngaged;

    QuadraticSelectiveEngagement(Params p) {
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
            for (int a = events.size() - 1; a >= 0; a--) {
                if (engaged.get(a)) {
                    continue;
                }
                Flag f = at(c, subject, events.get(a), events, engaged);
                if (f != null) {
                    flags.add(f);
                    break;
                }
            }
        }
        return flags;
    }

    private Flag at(Chronology c, String subject, Event anchor, List<Event> events, List<Boolean> engaged) {
        LocalDate end = anchor.date();
        LocalDate from = end.minusDays(days - 1L);
        // Most anchors fail on their own agency's record: look at that first, without tallying the rest.
        int shutOut = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (!e.agency().equals(anchor.agency()) || e.date().isBefore(from) || e.date().isAfter(end)) {
                continue;
            }
            if (engaged.get(i)) {
                return null;
            }
            shutOut++;
        }
        if (shutOut < minDisengaged) {
            return null;
        }
        Map<String, Tally> byAgency = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.date().isBefore(from) || e.date().isAfter(end)) {
                continue;
            }
            Tally t = byAgency.computeIfAbsent(e.agency(), k -> new Tally());
            (engaged.get(i) ? t.engaged : t.disengaged).add(e);
        }
        String x = anchor.agency();
        Tally shut = byAgency.get(x);
        if (shut.disengaged.size() < minDisengaged || !shut.engaged.isEmpty()) {
            return null;
        }
        String y = null;
        for (Map.Entry<String, Tally> t : byAgency.entrySet()) {
            Tally open = t.getValue();
            boolean qualifies = !t.getKey().equals(x) && open.engaged.size() >= minEngaged && open.disengaged.isEmpty();
            // In name order, so a tie stays with the name first.
            if (qualifies && (y == null || open.engaged.size() > byAgency.get(y).engaged.size())) {
                y = t.getKey();
            }
        }
        if (y == null) {
            return null;
        }
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
