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
        int size = qualifying.size();
        long[] d = new long[size];
        for (int i = 0; i < size; i++) {
            d[i] = qualifying.get(i).date().toEpochDay();
            if (i > 0 && d[i] < d[i - 1]) {
                return latestUnordered(qualifying, n, days);
            }
        }
        // In date order, the window anchored at an event is one run of the list: from the first
        // event dated on or after its start to the last dated on or before its end. Anchors are
        // taken latest first, as the spec reads; both ends only move down, so this is linear.
        int lo = size;
        int hi = size - 1;
        for (int a = size - 1; a >= 0; a--) {
            long end = d[a];
            long from = end - (days - 1L);
            while (hi >= 0 && d[hi] > end) {
                hi--;
            }
            while (lo > 0 && d[lo - 1] >= from) {
                lo--;
            }
            if (hi - lo + 1 >= n) {
                List<Event> in = new ArrayList<>(qualifying.subList(lo, hi + 1));
                return Optional.of(new Window(qualifying.get(lo).date(), qualifying.get(a).date(), in));
            }
        }
        return Optional.empty();
    }

    /** The spec read literally, for a list not in date order (no rule passes one): quadratic. */
    private static Optional<Window> latestUnordered(List<Event> qualifying, int n, int days) {
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
     * its date. Linear after sorting the dates.
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
