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
}
