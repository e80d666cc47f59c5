package org.chronolens.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One case's events up to the as-of date, in the spec's order, with its subjects. A subject's
 * events are its own plus the family-level ones; a case with no subject ids has one subject,
 * named by the case id (see docs/rules.md).
 */
public final class Chronology {

    private final String caseId;
    private final LocalDate asOf;
    private final List<Event> events;
    private final List<String> subjects;

    private Chronology(String caseId, LocalDate asOf, List<Event> events, List<String> subjects) {
        this.caseId = caseId;
        this.asOf = asOf;
        this.events = events;
        this.subjects = subjects;
    }

    public static Chronology of(String caseId, LocalDate asOf, List<Event> events) {
        List<Event> used = new ArrayList<>();
        for (Event e : events) {
            if (!e.date().isAfter(asOf)) {
                used.add(e);
            }
        }
        TreeSet<String> subjects = new TreeSet<>();
        used.forEach(e -> {
            if (e.subjectId() != null) {
                subjects.add(e.subjectId());
            }
        });
        return new Chronology(caseId, asOf, order(used),
                subjects.isEmpty() ? List.of(caseId) : List.copyOf(subjects));
    }

    /**
     * The total order of events: date, then time, an event without a time counting as 00:00:00 of
     * its date, then event id as a plain string (see docs/rules.md). Any two events compare the
     * same way whatever else the day holds.
     */
    public static final Comparator<Event> ORDER = Comparator.comparing(Event::date)
            .thenComparing(e -> e.time() == null ? "00:00:00" : e.time())
            .thenComparing(Event::eventId);

    static List<Event> order(List<Event> events) {
        List<Event> out = new ArrayList<>(events);
        out.sort(ORDER);
        return out;
    }

    public String caseId() {
        return caseId;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** Every event of the case, in order. */
    public List<Event> events() {
        return events;
    }

    public List<String> subjects() {
        return subjects;
    }

    /** True when the case names no subjects, so that its one subject is the case itself. */
    public boolean caseIsSubject() {
        return subjects.size() == 1 && subjects.get(0).equals(caseId) && events.stream().allMatch(Event::familyLevel);
    }

    /** The subject's own and family-level events, in order. */
    public List<Event> eventsOf(String subject) {
        boolean all = caseIsSubject();
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (all || e.familyLevel() || subject.equals(e.subjectId())) {
                out.add(e);
            }
        }
        return out;
    }

    public static List<Event> filter(List<Event> events, Predicate<Event> keep) {
        return events.stream().filter(keep).toList();
    }
}
