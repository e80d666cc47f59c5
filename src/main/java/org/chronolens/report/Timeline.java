package org.chronolens.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.chronolens.detect.Event;
import org.chronolens.detect.Outcomes;

import static org.chronolens.report.Svg.escape;

/**
 * A subject's chronology as a dotted chart: time runs across, each agency has a lane, the shape
 * says what kind of event it was and the colour whether it went ahead; flagged windows are shaded
 * and evidence events ringed. Hovering an event shows its date, type and outcome.
 */
public final class Timeline {

    /** A shaded window with the rule that flagged it. */
    public record Shade(String ruleId, LocalDate start, LocalDate end) {
    }

    private static final int LEFT = 110;
    private static final int WIDTH = 900;
    private static final int LANE = 34;
    private static final Set<String> MEETINGS = Set.of("strategy_meeting", "cp_conference", "core_group", "review");
    private static final Set<String> ADVICE = Set.of("medical_advice", "advice_followup", "medication");

    private Timeline() {
    }

    public static String svg(List<Event> events, List<Shade> shades, Set<String> evidence) {
        if (events.isEmpty()) {
            return "";
        }
        LocalDate first = events.get(0).date();
        LocalDate last = events.get(events.size() - 1).date();
        for (Shade s : shades) {
            first = s.start().isBefore(first) ? s.start() : first;
            last = s.end().isAfter(last) ? s.end() : last;
        }
        long span = Math.max(1, ChronoUnit.DAYS.between(first, last));
        TreeSet<String> agencies = new TreeSet<>();
        events.forEach(e -> agencies.add(e.agency()));
        List<String> lanes = List.copyOf(agencies);
        int height = 40 + LANE * lanes.size() + 30;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"100%%\">",
                LEFT + WIDTH + 20, height));
        s.append("<title>Timeline of events by agency</title>");
        for (Shade sh : shades) {
            double x1 = x(sh.start(), first, span);
            double x2 = Math.max(x(sh.end(), first, span), x1 + 3);
            s.append(String.format(Locale.ROOT,
                    "<rect class=\"window\" x=\"%.1f\" y=\"20\" width=\"%.1f\" height=\"%d\"><title>%s: %s to %s</title></rect>",
                    x1 - 2, x2 - x1 + 4, LANE * lanes.size() + 10, escape(sh.ruleId()), sh.start(), sh.end()));
        }
        for (int i = 0; i < lanes.size(); i++) {
            int y = 40 + i * LANE;
            s.append(String.format(Locale.ROOT, "<line class=\"lane\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                    LEFT, y, LEFT + WIDTH, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    LEFT - 8, y + 4, escape(lanes.get(i).replace('_', ' '))));
        }
        for (LocalDate m = first.withDayOfMonth(1).plusMonths(1); !m.isAfter(last); m = m.plusMonths(1)) {
            double x = x(m, first, span);
            int axis = 40 + LANE * lanes.size();
            s.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"24\" x2=\"%.1f\" y2=\"%d\"/>", x, x, axis - 10));
            if (m.getMonthValue() % (span > 400 ? 3 : 1) == 0) {
                s.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x, axis + 8, m.toString().substring(0, 7)));
            }
        }
        for (Event e : events) {
            double x = x(e.date(), first, span);
            int y = 40 + lanes.indexOf(e.agency()) * LANE;
            String cls = Outcomes.engagement(e) ? "ok" : Outcomes.nonEngagement(e) ? "miss" : "neutral";
            String tip = e.date() + " " + e.type().replace('_', ' ') + (e.outcome() == null ? "" : ": " + e.outcome().replace('_', ' '))
                    + " (" + e.eventId() + ")";
            s.append("<g class=\"ev ").append(cls).append(evidence.contains(e.eventId()) ? " evidence" : "")
                    .append("\" data-id=\"").append(escape(e.eventId())).append("\"><title>").append(escape(tip)).append("</title>");
            if (evidence.contains(e.eventId())) {
                s.append(String.format(Locale.ROOT, "<circle class=\"ring\" cx=\"%.1f\" cy=\"%d\" r=\"9\"/>", x, y));
            }
            s.append(shape(e.type(), x, y)).append("</g>");
        }
        return s.append("</svg>").toString();
    }

    /** Circle for appointments and visits, square for meetings, diamond for health advice, triangle otherwise. */
    private static String shape(String type, double x, int y) {
        if (type.equals("appointment") || type.equals("home_visit") || type.equals("contact")) {
            return String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\"/>", x, y);
        }
        if (MEETINGS.contains(type)) {
            return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\"/>", x - 5, y - 5);
        }
        if (ADVICE.contains(type)) {
            return String.format(Locale.ROOT, "<path d=\"M%.1f %d l6 6 l-6 6 l-6 -6 z\"/>", x, y - 6);
        }
        return String.format(Locale.ROOT, "<path d=\"M%.1f %d l6 10 h-12 z\"/>", x, y - 6);
    }

    private static double x(LocalDate d, LocalDate first, long span) {
        return LEFT + WIDTH * (double) ChronoUnit.DAYS.between(first, d) / span;
    }
}
