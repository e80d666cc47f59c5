package org.chronolens.report;

/**
 * The report's style sheet ({@code style.mustache}, which the templated pages include) for the pages
 * written by code: the same file, read once, with the run's heading for the printed margin put where
 * the template puts it.
 */
final class StyleSheet {

    private static final String HEADING = "{{printHeading}}";
    private static final Markup BEFORE;
    private static final Markup AFTER;

    static {
        String css = Markup.resourceText("style.mustache");
        int at = css.indexOf(HEADING);
        if (at < 0 || css.indexOf("{{", at + HEADING.length()) >= 0 || css.lastIndexOf("{{", at - 1) >= 0) {
            throw new IllegalStateException("style.mustache should hold {{printHeading}} and no other tag");
        }
        BEFORE = Markup.constant(css.substring(0, at));
        AFTER = Markup.constant(css.substring(at + HEADING.length()));
    }

    private StyleSheet() {
    }

    /** @param printHeading "Run as of ...", escaped as the template escaped it */
    static void to(Html h, Object printHeading) {
        h.markup(BEFORE).text(printHeading).markup(AFTER);
    }
}
