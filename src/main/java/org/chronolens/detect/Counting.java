package org.chronolens.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the "N within D days" rules share: find the latest qualifying window per subject and turn
 * it into a flag whose explanation carries its denominator, e.g. "3 of 5 appointments in 41 days
 * were missed (threshold: 3 within 90 days)".
 */
public final class Counting {

    /** How a count rule words its flag: what is counted among what, and what it means. */
    public record Wording(String among, String verb) implements java.io.Serializable {
    }

    private Counting() {
    }

    public static List<Flag> perSubject(Chronology c, Rule rule, int count, int days, Predicate<Event> qualifies,
                                        Predicate<Event> base, Wording wording) {
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            List<Event> events = c.eventsOf(subject);
            Optional<Window> w = Window.latest(Chronology.filter(events, qualifies), count, days);
            w.ifPresent(window -> flags.add(flag(c, subject, rule, count, days, window,
                    denominator(events, base, window), wording)));
        }
        return flags;
    }

    public static long denominator(List<Event> events, Predicate<Event> base, Window w) {
        return events.stream().filter(base)
                .filter(e -> !e.date().isBefore(w.start()) && !e.date().isAfter(w.end())).count();
    }

    public static Flag flag(Chronology c, String subject, Rule rule, int count, int days, Window w, long of,
                            Wording wording) {
        String explanation = w.size() + " of " + of + " " + wording.among() + " in " + days(w.spanDays()) + " "
                + wording.verb() + " (threshold: " + threshold(count, days) + ")";
        return Flag.of(rule, c.caseId(), subject).window(w.start(), w.end()).metric(w.size(), threshold(count, days))
                .severity(Severity.ofCount(w.size(), count)).evidence(w.ids()).explaining(explanation);
    }

    public static String threshold(int count, int days) {
        return count + " within " + days(days);
    }

    public static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }

    public static boolean between(LocalDate d, LocalDate from, LocalDate to) {
        return !d.isBefore(from) && !d.isAfter(to);
    }
}
