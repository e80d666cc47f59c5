package org.chronolens.report;

import java.util.List;
import java.util.Locale;

/**
 * Charts as generated SVG: every position is computed from the data through a linear scale, and
 * every text is escaped, so a chart can be inlined in a page that has no scripts or fonts to load.
 */
public final class Svg {

    /** One bar: a label and its value. */
    public record Bar(String label, long value) {
    }

    private Svg() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Horizontal bars, longest value full width; labels left, values right. */
    public static String bars(String title, List<Bar> bars) {
        int rowHeight = 22;
        int labelWidth = 210;
        int barWidth = 360;
        int height = 30 + rowHeight * Math.max(1, bars.size());
        long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">",
                labelWidth + barWidth + 80, height, labelWidth + barWidth + 80, height));
        s.append("<title>").append(escape(title)).append("</title>");
        s.append("<text x=\"0\" y=\"16\" class=\"chart-title\">").append(escape(title)).append("</text>");
        if (bars.isEmpty()) {
            s.append("<text x=\"0\" y=\"44\">none</text>");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 30 + i * rowHeight;
            double w = max == 0 ? 0 : barWidth * (double) bar.value() / max;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    labelWidth - 6, y + 15, escape(bar.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" class=\"bar\"/>",
                    labelWidth, y + 3, w));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%,d</text>", labelWidth + w + 6, y + 15,
                    bar.value()));
        }
        return s.append("</svg>").toString();
    }

    /** One estimate with its interval, on a 0-to-1 scale. */
    public record Estimate(String label, double value, double low, double high) {
    }

    /**
     * Estimates with their intervals on a shared 0-to-1 axis, and a dashed line at {@code target}:
     * an interval wholly left of the line is below target whatever the sampling noise.
     */
    public static String intervals(String title, List<Estimate> rows, double target) {
        int rowHeight = 22;
        int labelWidth = 230;
        int width = 360;
        int top = 30;
        int height = top + 18 + rowHeight * Math.max(1, rows.size());
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">",
                labelWidth + width + 40, height, labelWidth + width + 40, height));
        s.append("<title>").append(escape(title)).append("</title>");
        s.append("<text x=\"0\" y=\"16\" class=\"chart-title\">").append(escape(title)).append("</text>");
        for (int t = 0; t <= 10; t += 2) {
            double x = labelWidth + width * t / 10.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"tick\" stroke=\"#e3e6ea\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%d %%</text>", x, x, top, height - 16, x,
                    height - 4, t * 10));
        }
        double tx = labelWidth + width * target;
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#b00020\" "
                + "stroke-dasharray=\"4 3\"/>", tx, tx, top - 4, height - 16));
        for (int i = 0; i < rows.size(); i++) {
            Estimate e = rows.get(i);
            int y = top + i * rowHeight + 11;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    labelWidth - 6, y + 4, escape(e.label())));
            if (Double.isNaN(e.value())) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#4a7ab8\" "
                    + "stroke-width=\"3\"/><circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#1f3a5f\"/>",
                    labelWidth + width * e.low(), labelWidth + width * e.high(), y, y, labelWidth + width * e.value(), y));
        }
        return s.append("</svg>").toString();
    }
}
