package org.chronolens.detect;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spec's "N in D days": the window anchored at event e holds the qualifying events dated
 * from date(e) - (D-1) to date(e), every event on a date included. The reported window is the one
 * anchored at the latest event whose window holds at least N.
 */
public record Window(LocalDate start, LocalDate end, List<Event> events) {

    public static Optional<Window> latest(List<Event> qualifying, int n, int days) {
        for (int a = qualifying.size() - 1; a >= 0; a--) {
            LocalDate end = qualifying.get(a).date();
            LocalDate from = end.minusDays(days - 1L);
            List<Event> in = new ArrayList<>();
            for (Event e : qualifying) {
                if (!e.date().isBefore(from) && !e.date().isAfter(end)) {
                    in.add(e);
                }
            }
            if (in.size() >= n) {
                LocalDate start = in.stream().map(Event::date).min(LocalDate::compareTo).orElseThrow();
                return Optional.of(new Window(start, end, in));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@link #latest} would find a window, without building it: some event has at least
     * {@code n} qualifying events (itself included) dated within the {@code days} days ending on
     * its date. Linear after sorting the dates, where {@code latest} is quadratic.
     */
    public static boolean exists(List<Event> qualifying, int n, int days) {
        if (qualifying.size() < n) {
            return false;
        }
        long[] d = new long[qualifying.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = qualifying.get(i).date().toEpochDay();
        }
        java.util.Arrays.sort(d);
        int lo = 0;
        for (int a = 0; a < d.length; a++) {
            if (a + 1 < d.length && d[a + 1] == d[a]) {
                continue; // the window anchored on a date holds every event of that date
            }
            while (d[lo] < d[a] - (days - 1L)) {
                lo++;
            }
            if (a - lo + 1 >= n) {
                return true;
            }
        }
        return false;
    }

    /** Days the window spans, both ends included. */
    public long spanDays() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    public List<String> ids() {
        return events.stream().map(Event::eventId).toList();
    }

    public int size() {
        return events.size();
    }
}
