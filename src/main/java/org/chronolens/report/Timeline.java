package org.chronolens.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.chronolens.detect.Event;
import org.chronolens.detect.Outcomes;

import static org.chronolens.report.Svg.escape;

/**
 * A subject's chronology as a dotted chart: time runs across, each agency has a lane, the shape
 * says what kind of event it was and its fill whether it went ahead (filled), did not (hollow and
 * crossed) or has no such outcome (hollow), so that no reader depends on colour; flagged windows
 * are shaded and evidence events ringed. Each marker links to its row in the chronology table,
 * which is the chart's text alternative: the chart itself is hidden from screen readers and its
 * links are kept out of the tab order, so a keyboard reaches the same events once, in the table.
 */
public final class Timeline {

    /** A shaded window with the rule that flagged it. */
    public record Shade(String ruleId, LocalDate start, LocalDate end) {
    }

    /** An outcome as the chart draws it; its CSS class and its words in the legend. */
    enum Mark {
        WENT_AHEAD("ok"), DID_NOT("miss"), NO_OUTCOME("neutral");

        final String cssClass;

        Mark(String cssClass) {
            this.cssClass = cssClass;
        }

        static Mark of(Event e) {
            return Outcomes.engagement(e) ? WENT_AHEAD : Outcomes.nonEngagement(e) ? DID_NOT : NO_OUTCOME;
        }
    }

    private static final int LEFT = 110;
    private static final int WIDTH = 900;
    private static final int LANE = 34;
    private static final int PAD = 14;
    private static final Set<String> MEETINGS = Set.of("strategy_meeting", "cp_conference", "core_group", "review");
    private static final Set<String> ADVICE = Set.of("medical_advice", "advice_followup", "medication");

    private Timeline() {
    }

    /** The id of an event's row in the chronology table, which markers and evidence link to. */
    public static String rowId(String eventId) {
        return "ev-" + eventId;
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
        StringBuilder s = new StringBuilder(256 + 220 * events.size());
        s.append("<svg class=\"timeline\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 ")
                .append(LEFT + WIDTH + 20).append(' ').append(height).append("\" width=\"100%\">");
        for (Shade sh : shades) {
            double x1 = x(sh.start(), first, span);
            double x2 = Math.max(x(sh.end(), first, span), x1 + 3);
            s.append("<rect class=\"window\" x=\"");
            num(s, x1 - 2).append("\" y=\"20\" width=\"");
            num(s, x2 - x1 + 4).append("\" height=\"").append(LANE * lanes.size() + 10).append("\"><title>")
                    .append(escape(sh.ruleId())).append(": ").append(sh.start()).append(" to ").append(sh.end())
                    .append("</title></rect>");
        }
        for (int i = 0; i < lanes.size(); i++) {
            int y = 40 + i * LANE;
            s.append("<line class=\"lane\" x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(LEFT + WIDTH).append("\" y2=\"").append(y).append("\"/>")
                    .append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\">").append(escape(lanes.get(i).replace('_', ' '))).append("</text>");
        }
        int axis = 40 + LANE * lanes.size();
        for (LocalDate m = first.withDayOfMonth(1).plusMonths(1); !m.isAfter(last); m = m.plusMonths(1)) {
            double x = x(m, first, span);
            s.append("<line class=\"tick\" x1=\"");
            num(s, x).append("\" y1=\"24\" x2=\"");
            num(s, x).append("\" y2=\"").append(axis - 10).append("\"/>");
            if (m.getMonthValue() % (span > 400 ? 3 : 1) == 0) {
                s.append("<text class=\"axis\" x=\"");
                num(s, x).append("\" y=\"").append(axis + 8).append("\" text-anchor=\"middle\">")
                        .append(m.toString(), 0, 7).append("</text>");
            }
        }
        for (Event e : events) {
            double x = x(e.date(), first, span);
            int y = 40 + lanes.indexOf(e.agency()) * LANE;
            Mark mark = Mark.of(e);
            boolean isEvidence = evidence.contains(e.eventId());
            String id = escape(e.eventId());
            s.append("<a href=\"#").append(escape(rowId(e.eventId()))).append("\" tabindex=\"-1\" class=\"ev ")
                    .append(mark.cssClass).append(isEvidence ? " evidence" : "").append("\" data-id=\"").append(id)
                    .append("\"><title>").append(e.date()).append(' ').append(escape(e.type().replace('_', ' ')));
            if (e.outcome() != null) {
                s.append(": ").append(escape(e.outcome().replace('_', ' ')));
            }
            s.append(" (").append(id).append(")</title>");
            if (isEvidence) {
                s.append("<circle class=\"ring\" cx=\"");
                num(s, x).append("\" cy=\"").append(y).append("\" r=\"10\"/>");
            }
            shape(s, e.type(), x, y);
            if (mark == Mark.DID_NOT) {
                s.append("<path class=\"cross\" d=\"M");
                num(s, x - 3).append(' ').append(y - 3).append(" l6 6 m0 -6 l-6 6\"/>");
            }
            s.append("</a>");
        }
        return s.append("</svg>").toString();
    }

    /** Circle for appointments and visits, square for meetings, diamond for health advice, triangle otherwise. */
    private static void shape(StringBuilder s, String type, double x, int y) {
        if (type.equals("appointment") || type.equals("home_visit") || type.equals("contact")) {
            s.append("<circle class=\"mark\" cx=\"");
            num(s, x).append("\" cy=\"").append(y).append("\" r=\"6\"/>");
        } else if (MEETINGS.contains(type)) {
            s.append("<rect class=\"mark\" x=\"");
            num(s, x - 6).append("\" y=\"").append(y - 6).append("\" width=\"12\" height=\"12\"/>");
        } else if (ADVICE.contains(type)) {
            s.append("<path class=\"mark\" d=\"M");
            num(s, x).append(' ').append(y - 7).append(" l7 7 l-7 7 l-7 -7 z\"/>");
        } else {
            s.append("<path class=\"mark\" d=\"M");
            num(s, x).append(' ').append(y - 9).append(" l9 15 h-18 z\"/>");
        }
    }

    /** One decimal, always with a dot: SVG coordinates must not follow the machine's locale. */
    private static StringBuilder num(StringBuilder s, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            s.append('-');
            tenths = -tenths;
        }
        return s.append(tenths / 10).append('.').append(tenths % 10);
    }

    /** Markers keep clear of the lane labels and the chart's edge. */
    private static double x(LocalDate d, LocalDate first, long span) {
        return LEFT + PAD + (WIDTH - 2 * PAD) * (double) ChronoUnit.DAYS.between(first, d) / span;
    }
}
