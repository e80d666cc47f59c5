package org.chronolens.report;

/**
 * The report's style sheet ({@code style.mustache}, which the templated pages include) for the pages
 * written by code, and the run's own small style sheet, {@value #RUN_CSS}, at the report's root.
 *
 * <p>The templated pages (landing, rules, run details) are rendered afresh by every run and carry
 * the run's heading for the printed margin in their own style sheet. A child's page does not: it
 * is copied unchanged into the next run's report when nothing on it changed, so it must hold
 * nothing that changes from run to run. It links {@value #RUN_CSS} instead, which puts the run's
 * heading in the printed margin and the as-of date into the page's {@code <span class="as-of">}.
 */
final class StyleSheet {

    /** The run's style sheet, at the report's root. */
    static final String RUN_CSS = "run.css";

    private static final String OPEN = "{{#printHeading}}";
    private static final String CLOSE = "{{/printHeading}}";
    private static final String HEADING = "{{printHeading}}";
    private static final Markup BEFORE;
    private static final Markup HEADING_BEFORE;
    private static final Markup HEADING_AFTER;
    private static final Markup AFTER;

    static {
        // The heading's lines, as the template has them: a section of its own, whose two tag lines
        // a template engine drops ("standalone" tags), around one line that holds the heading.
        String css = Markup.resourceText("style.mustache");
        int open = css.indexOf(OPEN + "\n");
        int heading = css.indexOf(HEADING);
        int close = css.indexOf("\n" + CLOSE + "\n");
        if (open < 0 || (open > 0 && css.charAt(open - 1) != '\n') || heading < open || close < heading
                || css.lastIndexOf("{{", open - 1) >= 0 || css.indexOf("{{", open + OPEN.length()) != heading
                || css.indexOf("{{", heading + HEADING.length()) != close + 1
                || css.indexOf("{{", close + 1 + CLOSE.length()) >= 0) {
            throw new IllegalStateException("style.mustache should hold the heading as a section on lines of its own,"
                    + " {{#printHeading}}, a line with {{printHeading}}, {{/printHeading}}, and no other tag");
        }
        BEFORE = Markup.constant(css.substring(0, open));
        HEADING_BEFORE = Markup.constant(css.substring(open + OPEN.length() + 1, heading));
        HEADING_AFTER = Markup.constant(css.substring(heading + HEADING.length(), close + 1));
        AFTER = Markup.constant(css.substring(close + 2 + CLOSE.length()));
    }

    private StyleSheet() {
    }

    /** The style sheet without the run's heading, as a child's page holds it. */
    static void to(Html h) {
        h.markup(BEFORE).markup(AFTER);
    }

    /**
     * The run's style sheet: the heading of every printed sheet, and the as-of date where a page
     * says "as of".
     */
    static String run(java.time.LocalDate asOf) {
        return "/* The run's own facts, which the children's pages link to rather than hold. */\n@page {\n"
                + HEADING_BEFORE + cssString(Templates.runHeading(asOf)) + HEADING_AFTER + "}\n"
                + ".as-of::after { content: \"" + cssString(asOf.toString()) + "\"; }\n";
    }

    /** A value inside a CSS string in double quotes. */
    private static String cssString(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c == '<' || c == '>' || c < 0x20 || c == 0x7f) {
                out.append('\\').append(Integer.toHexString(c)).append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
