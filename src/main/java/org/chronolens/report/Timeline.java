package org.chronolens.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.chronolens.check.Vocabulary;
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

    /** A shaded window, with what it is in a reviewer's words (the flag's title). */
    public record Shade(String label, LocalDate start, LocalDate end) {
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

    public static Markup svg(List<Event> events, List<Shade> shades, Set<String> evidence) {
        return svg(events, shades, evidence, List.of());
    }

    /** The chart, with a dashed line at each scrutiny event (a conference or review a flag weighs). */
    public static Markup svg(List<Event> events, List<Shade> shades, Set<String> evidence, List<Event> scrutiny) {
        if (events.isEmpty()) {
            return Markup.drawn(new StringBuilder());
        }
        Extent extent = Extent.of(events, shades);
        LocalDate first = extent.first();
        LocalDate last = extent.last();
        long span = extent.span();
        List<String> lanes = lanes(events);
        StringBuilder s = frame(new StringBuilder(256 + 220 * events.size()), shades, scrutiny, lanes, first, last, span);
        for (Event e : events) {
            double x = x(e.date(), first, span);
            int y = 40 + lanes.indexOf(e.agency()) * LANE;
            Mark mark = Mark.of(e);
            boolean isEvidence = evidence.contains(e.eventId());
            String id = escape(e.eventId());
            s.append("<a href=\"#").append(escape(rowId(e.eventId()))).append("\" tabindex=\"-1\" class=\"ev ")
                    .append(mark.cssClass).append(isEvidence ? " evidence" : "").append("\" data-id=\"").append(id)
                    .append("\"><title>").append(e.date()).append(' ').append(escape(Vocabulary.words(e.type())));
            if (e.outcome() != null) {
                s.append(": ").append(escape(Vocabulary.words(e.outcome())));
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
        return Markup.drawn(s.append("</svg>"));
    }

    /**
     * Month ticks, labelled every month or, over 400 days, every quarter; over ten years, ticks at
     * whole years (as many as keep them to about a hundred and twenty), so a chronology that spans
     * centuries (dates run from 1900 to 9999) draws no more lines than one that spans a decade.
     */
    /** The dates a timeline spans: its events' and its flagged windows', at least a day. */
    private record Extent(LocalDate first, LocalDate last, long span) {
        static Extent of(List<Event> events, List<Shade> shades) {
            LocalDate first = events.get(0).date();
            LocalDate last = events.get(events.size() - 1).date();
            for (Shade sh : shades) {
                first = sh.start().isBefore(first) ? sh.start() : first;
                last = sh.end().isAfter(last) ? sh.end() : last;
            }
            return new Extent(first, last, Math.max(1, ChronoUnit.DAYS.between(first, last)));
        }
    }

    /** One lane per agency, in the order of their names. */
    private static List<String> lanes(List<Event> events) {
        TreeSet<String> agencies = new TreeSet<>();
        events.forEach(e -> agencies.add(e.agency()));
        return List.copyOf(agencies);
    }

    /** What both timelines draw alike: the chart's opening, the flagged windows, a lane per agency and the date axis. */
    private static StringBuilder frame(StringBuilder s, List<Shade> shades, List<Event> scrutiny, List<String> lanes,
                                       LocalDate first, LocalDate last, long span) {
        int height = 40 + LANE * lanes.size() + 30;
        s.append("<svg class=\"timeline\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 ")
                .append(LEFT + WIDTH + 20).append(' ').append(height).append("\" width=\"100%\">");
        for (Shade sh : shades) {
            double x1 = x(sh.start(), first, span);
            double x2 = Math.max(x(sh.end(), first, span), x1 + 3);
            s.append("<rect class=\"window\" x=\"");
            num(s, x1 - 2).append("\" y=\"20\" width=\"");
            num(s, x2 - x1 + 4).append("\" height=\"").append(LANE * lanes.size() + 10).append("\"><title>")
                    .append(escape(sh.label())).append(": ").append(sh.start()).append(" to ").append(sh.end())
                    .append("</title></rect>");
        }
        for (Event e : scrutiny) {
            double x = x(e.date(), first, span);
            s.append("<line class=\"scrutiny\" x1=\"");
            num(s, x).append("\" y1=\"14\" x2=\"");
            num(s, x).append("\" y2=\"").append(30 + LANE * lanes.size()).append("\"><title>").append(e.date()).append(' ')
                    .append(escape(Vocabulary.words(e.type()))).append(": scrutiny</title></line>");
        }
        for (int i = 0; i < lanes.size(); i++) {
            int y = 40 + i * LANE;
            s.append("<line class=\"lane\" x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(LEFT + WIDTH).append("\" y2=\"").append(y).append("\"/>")
                    .append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\">").append(escape(Vocabulary.words(lanes.get(i)))).append("</text>");
        }
        axis(s, first, last, span, lanes.size());
        return s;
    }

    private static void axis(StringBuilder s, LocalDate first, LocalDate last, long span, int laneCount) {
        int axis = 40 + LANE * laneCount;
        long months = ChronoUnit.MONTHS.between(first.withDayOfMonth(1), last.withDayOfMonth(1));
        int step = months <= 120 ? 1 : 12 * (int) Math.ceil(months / 12.0 / 120);
        int labelEvery = step == 1 ? (span > 400 ? 3 : 1) : step * (int) Math.ceil(months / (double) step / 10);
        LocalDate m = step == 1 ? first.withDayOfMonth(1).plusMonths(1)
                : LocalDate.of(first.getYear() + step / 12 - Math.floorMod(first.getYear(), step / 12), 1, 1);
        for (; !m.isAfter(last); m = m.plusMonths(step)) {
            double x = x(m, first, span);
            s.append("<line class=\"tick\" x1=\"");
            num(s, x).append("\" y1=\"24\" x2=\"");
            num(s, x).append("\" y2=\"").append(axis - 10).append("\"/>");
            boolean labelled = step == 1 ? m.getMonthValue() % labelEvery == 0
                    : Math.floorMod(m.getYear(), labelEvery / 12) == 0;
            if (labelled) {
                s.append("<text class=\"axis\" x=\"");
                num(s, x).append("\" y=\"").append(axis + 8).append("\" text-anchor=\"middle\">")
                        .append(step == 1 ? m.toString().substring(0, 7) : String.valueOf(m.getYear())).append("</text>");
            }
        }
    }

    /** A counted chart, and the span of time each of its columns counts ("week", "month", "5 years"). */
    public record Counted(Markup svg, String unit) {
    }

    /** At most this many columns of counts across the chart. */
    private static final int COLUMNS = 120;

    /**
     * A long chronology as counts: one column per week, month, quarter or year (the shortest that
     * keeps to {@link #COLUMNS} columns), and in each agency's lane a bar as tall as that agency's
     * events in it, stacked as the markers read: hollow and crossed for those that did not go
     * ahead, filled for those that did, hollow for those with no such outcome. A bar with evidence
     * of a flag is ringed; flagged windows close together are shaded as one. Its size depends on
     * the lanes and columns, not on the events; each bar links to its first event's row.
     *
     * @param href where each event's row is, in the chronology's order like {@code events}
     */
    public static Counted counted(List<Event> events, List<Shade> shades, Set<String> evidence, List<String> href) {
        return counted(events, shades, evidence, href, List.of());
    }

    /** The counted chart, with a dashed line at each scrutiny event. */
    public static Counted counted(List<Event> events, List<Shade> shades, Set<String> evidence, List<String> href,
                                  List<Event> scrutiny) {
        Extent extent = Extent.of(events, shades);
        LocalDate first = extent.first();
        LocalDate last = extent.last();
        long span = extent.span();
        long months = ChronoUnit.MONTHS.between(first.withDayOfMonth(1), last.withDayOfMonth(1)) + 1;
        int weeks = 0;
        int step;
        String unit;
        if (span / 7 + 1 <= COLUMNS) {
            weeks = 1;
            step = 0;
            unit = "week";
        } else if (months <= COLUMNS) {
            step = 1;
            unit = "month";
        } else if (months <= 3 * COLUMNS) {
            step = 3;
            unit = "quarter";
        } else {
            step = 12 * (int) Math.ceil(months / 12.0 / COLUMNS);
            unit = step == 12 ? "year" : step / 12 + " years";
        }
        List<String> lanes = lanes(events);
        java.util.Map<String, Cell> cells = new java.util.TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            LocalDate start = weeks > 0 ? first.plusWeeks(ChronoUnit.WEEKS.between(first, e.date()))
                    : bucket(e.date(), step);
            int lane = lanes.indexOf(e.agency());
            String firstRow = href.get(i);
            Cell c = cells.computeIfAbsent(lane + "|" + start, k -> new Cell(lane, start, firstRow));
            c.add(Mark.of(e), evidence.contains(e.eventId()));
        }
        int most = cells.values().stream().mapToInt(Cell::count).max().orElse(1);
        StringBuilder s = frame(new StringBuilder(4096 + 600 * cells.size()),
                merged(shades, weeks > 0 ? 7 : 28L * step), scrutiny, lanes, first, last, span);
        for (Cell c : cells.values()) {
            LocalDate end = weeks > 0 ? c.start.plusWeeks(1) : c.start.plusMonths(step);
            double x1 = Math.max(x(c.start, first, span), LEFT + PAD / 2.0);
            double x2 = Math.min(x(end, first, span), LEFT + WIDTH - PAD / 2.0);
            double w = Math.max(2, x2 - x1 - 1);
            double h = Math.max(3, (LANE - 10) * Math.sqrt(c.count() / (double) most));
            double bottom = 40 + c.lane * LANE + (LANE - 10) / 2.0;
            s.append("<a href=\"").append(escape(c.href)).append("\" tabindex=\"-1\" class=\"count\"><title>")
                    .append(c.start).append(" (").append(unit).append("), ").append(escape(Vocabulary.words(lanes.get(c.lane))))
                    .append(": ").append(c.count()).append(c.count() == 1 ? " event" : " events");
            if (c.missed > 0) {
                s.append(", ").append(c.missed).append(" did not go ahead");
            }
            if (c.evidence > 0) {
                s.append(", ").append(c.evidence).append(" evidence of a flag");
            }
            s.append("</title>");
            double y = bottom;
            y = segment(s, "miss", c.missed, c.count(), h, x1, w, y);
            y = segment(s, "ok", c.wentAhead, c.count(), h, x1, w, y);
            segment(s, "neutral", c.neutral, c.count(), h, x1, w, y);
            if (c.evidence > 0) {
                s.append("<g class=\"ev\"><rect class=\"ring\" x=\"");
                num(s, x1 - 2).append("\" y=\"");
                num(s, bottom - h - 2).append("\" width=\"");
                num(s, w + 4).append("\" height=\"");
                num(s, h + 4).append("\"/></g>");
            }
            s.append("</a>");
        }
        return new Counted(Markup.drawn(s.append("</svg>")), unit);
    }

    /** One part of a bar, from {@code y} upwards; returns its top. A part that did not go ahead is crossed. */
    private static double segment(StringBuilder s, String mark, int n, int total, double h, double x, double w, double y) {
        if (n == 0) {
            return y;
        }
        double part = h * n / total;
        s.append("<g class=\"ev ").append(mark).append("\"><rect class=\"mark\" x=\"");
        num(s, x).append("\" y=\"");
        num(s, y - part).append("\" width=\"");
        num(s, w).append("\" height=\"");
        num(s, part).append("\"/>");
        if (mark.equals("miss")) {
            s.append("<path class=\"cross\" d=\"M");
            num(s, x).append(' ');
            num(s, y - part).append(" L");
            num(s, x + w).append(' ');
            num(s, y).append(" M");
            num(s, x).append(' ');
            num(s, y).append(" L");
            num(s, x + w).append(' ');
            num(s, y - part).append("\"/>");
        }
        s.append("</g>");
        return y - part;
    }

    /** The first day of the {@code step}-month column (calendar quarters, whole years) a day falls in. */
    private static LocalDate bucket(LocalDate d, int step) {
        int index = d.getYear() * 12 + d.getMonthValue() - 1;
        int start = index - Math.floorMod(index, step);
        return LocalDate.of(start / 12, start % 12 + 1, 1);
    }

    /** Flagged windows that overlap or nearly touch (within {@code gapDays}), as one shade naming their rules. */
    private static List<Shade> merged(List<Shade> shades, long gapDays) {
        List<Shade> sorted = new java.util.ArrayList<>(shades);
        sorted.sort(java.util.Comparator.comparing(Shade::start));
        List<Shade> out = new java.util.ArrayList<>();
        TreeSet<String> rules = new TreeSet<>();
        LocalDate start = null;
        LocalDate end = null;
        for (Shade sh : sorted) {
            if (start != null && sh.start().isAfter(end.plusDays(gapDays))) {
                out.add(new Shade(String.join(", ", rules), start, end));
                rules.clear();
                start = null;
            }
            if (start == null) {
                start = sh.start();
                end = sh.end();
            }
            end = sh.end().isAfter(end) ? sh.end() : end;
            rules.add(sh.label());
        }
        if (start != null) {
            out.add(new Shade(String.join(", ", rules), start, end));
        }
        return out;
    }

    /** One agency's events in one column of a counted chart. */
    private static final class Cell {
        final int lane;
        final LocalDate start;
        final String href;
        int wentAhead;
        int missed;
        int neutral;
        int evidence;

        Cell(int lane, LocalDate start, String href) {
            this.lane = lane;
            this.start = start;
            this.href = href;
        }

        int count() {
            return wentAhead + missed + neutral;
        }

        void add(Mark mark, boolean isEvidence) {
            switch (mark) {
                case WENT_AHEAD -> wentAhead++;
                case DID_NOT -> missed++;
                case NO_OUTCOME -> neutral++;
            }
            evidence += isEvidence ? 1 : 0;
        }
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
