package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.chronolens.check.Vocabulary;
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
 * A child on a plan not seen for longer than the plan's visiting limit. Plan episodes of a kind run
 * from a {@code plan_started} to the first later {@code plan_ended} of that kind, else to the as-of
 * date; a start while an episode of its kind is open, and an end with none open, are ignored. The
 * points of an episode are its start, every visit that saw the child by an agency in
 * {@code seen_by} (a visit on the start date counts as after it), and its end or the as-of date;
 * a gap longer than the kind's limit fires, and the latest such gap is reported (by end date, then
 * start date; between kinds, the kind first by name). See docs/rules.md.
 */
public final class ChildOnPlanNotSeen extends CatalogueRule {

    public static final String ID = "child-on-plan-not-seen";

    static final Param<Integer> CHILD_PROTECTION_DAYS = Param.integer("child_protection_days",
            "the longest a child on a child protection plan may go unseen, in days (0: not checked)", 14, 0, 3650);
    static final Param<Integer> LOOKED_AFTER_DAYS = Param.integer("looked_after_days",
            "the same for a looked-after child (0: not checked)", 42, 0, 3650);
    static final Param<Integer> CHILD_IN_NEED_DAYS = Param.integer("child_in_need_days",
            "the same for a child in need plan (0: not checked)", 0, 0, 3650);
    static final Param<List<String>> SEEN_BY = Param.values("seen_by",
            "the agencies whose visits that saw the child count", List.of("social_care"), Vocabulary.AGENCIES);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Child on a plan not seen").theme(Theme.THRESHOLDS).scope(Scope.SUBJECT)
            .measure("days without the child being seen")
            .description("A child on a plan who was not seen for longer than the plan's visiting standard.")
            .params(CHILD_PROTECTION_DAYS, LOOKED_AFTER_DAYS, CHILD_IN_NEED_DAYS, SEEN_BY)
            .threshold(null, CHILD_PROTECTION_DAYS).counts("plan_started", "plan_ended", "home_visit")
            .build((p, built) -> new ChildOnPlanNotSeen(p));

    private final Map<String, Integer> limits;
    private final List<String> seenBy;

    ChildOnPlanNotSeen(Params p) {
        super(ENTRY);
        this.limits = Map.of("child_protection", p.get(CHILD_PROTECTION_DAYS), "looked_after", p.get(LOOKED_AFTER_DAYS),
                "child_in_need", p.get(CHILD_IN_NEED_DAYS));
        this.seenBy = p.get(SEEN_BY);
    }

    /** One episode of a plan: its start event and its end event (null: still open at the as-of date). */
    private record Episode(String kind, int start, int end) {
    }

    /** One gap between two points of an episode; an end at the as-of date has no event. */
    private record Gap(String kind, Event from, Event to, LocalDate fromDate, LocalDate toDate, long days,
                       Episode episode) {
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            List<Event> events = c.eventsOf(subject);
            Gap latest = null;
            for (Episode ep : episodes(events)) {
                int limit = limits.get(ep.kind());
                if (limit == 0) {
                    continue;
                }
                for (Gap g : gaps(ep, events, c.asOf())) {
                    if (g.days() > limit && (latest == null || later(g, latest))) {
                        latest = g;
                    }
                }
            }
            if (latest != null) {
                flags.add(flag(c, subject, latest, events));
            }
        }
        return flags;
    }

    private static boolean later(Gap a, Gap b) {
        Comparator<Gap> order = Comparator.comparing(Gap::toDate).thenComparing(Gap::fromDate);
        int cmp = order.compare(a, b);
        // A tie between episodes of two kinds goes to the kind whose name comes first.
        return cmp > 0 || cmp == 0 && a.kind().compareTo(b.kind()) < 0;
    }

    private static List<Episode> episodes(List<Event> events) {
        List<Episode> out = new ArrayList<>();
        Map<String, Integer> open = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.outcome() == null) {
                continue;
            }
            if (e.is("plan_started")) {
                open.putIfAbsent(e.outcome(), i);
            } else if (e.is("plan_ended") && open.containsKey(e.outcome())) {
                out.add(new Episode(e.outcome(), open.remove(e.outcome()), i));
            }
        }
        open.forEach((kind, start) -> out.add(new Episode(kind, start, -1)));
        return out;
    }

    private boolean seesTheChild(Event e) {
        return e.is("home_visit") && "child_seen".equals(e.outcome()) && seenBy.contains(e.agency());
    }

    private List<Gap> gaps(Episode ep, List<Event> events, LocalDate asOf) {
        Event start = events.get(ep.start());
        List<Event> points = new ArrayList<>();
        points.add(start);
        int last = ep.end() < 0 ? events.size() : ep.end();
        // Events are in date order: before the start, only those of its own date can count. Starting
        // there, not at the first event, keeps the rule linear in a long history of many plans.
        int first = ep.start();
        while (first > 0 && events.get(first - 1).date().equals(start.date())) {
            first--;
        }
        for (int i = first; i < last; i++) {
            Event e = events.get(i);
            boolean afterStart = i > ep.start() || e.date().equals(start.date());
            if (e != start && afterStart && !e.date().isBefore(start.date()) && seesTheChild(e)) {
                points.add(e);
            }
        }
        List<Gap> out = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            out.add(gap(ep, points.get(i - 1), points.get(i), points.get(i).date()));
        }
        Event end = ep.end() < 0 ? null : events.get(ep.end());
        out.add(gap(ep, points.get(points.size() - 1), end, end == null ? asOf : end.date()));
        return out;
    }

    private static Gap gap(Episode ep, Event from, Event to, LocalDate toDate) {
        return new Gap(ep.kind(), from, to, from.date(), toDate, ChronoUnit.DAYS.between(from.date(), toDate), ep);
    }

    private Flag flag(Chronology c, String subject, Gap g, List<Event> events) {
        int limit = limits.get(g.kind());
        String threshold = "seen at least every " + days(limit) + " " + Vocabulary.onPlan(g.kind());
        List<String> evidence = new ArrayList<>();
        evidence.add(g.from().eventId());
        if (g.to() != null) {
            evidence.add(g.to().eventId());
        }
        Event start = events.get(g.episode().start());
        LocalDate episodeEnd = g.episode().end() < 0 ? c.asOf() : events.get(g.episode().end()).date();
        long seen = events.stream().filter(this::seesTheChild)
                .filter(e -> !e.date().isBefore(start.date()) && !e.date().isAfter(episodeEnd)).count();
        String until = g.to() == null ? "the as-of date " + g.toDate() : g.toDate().toString();
        String onPlan = Vocabulary.onPlan(g.kind());
        String explanation = Vocabulary.capitalised(onPlan) + " from " + start.date()
                + ", the child was not seen by " + Vocabulary.words(seenBy, "or") + " for " + days(g.days()) + ", from " + g.fromDate() + " to " + until
                + "; " + seen + (seen == 1 ? " visit" : " visits") + " saw the child during the plan (threshold: "
                + threshold + ")";
        Severity severity = g.days() > 2L * limit ? Severity.HIGH
                : g.days() * 2 > 3L * limit ? Severity.MEDIUM : Severity.LOW;
        return Flag.of(this, c.caseId(), subject).window(g.fromDate(), g.toDate()).metric(g.days(), threshold)
                .severity(severity).evidence(evidence).explaining(explanation);
    }

    private static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }
}
