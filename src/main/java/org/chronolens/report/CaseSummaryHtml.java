package org.chronolens.report;

import java.util.Map;

import static org.chronolens.report.Scope.map;
import static org.chronolens.report.Scope.maps;
import static org.chronolens.report.Scope.shown;

/** The case summary that opens a child's page (see {@link CaseSummary} for what it holds, {@link ChildPageHtml} for why code). */
final class CaseSummaryHtml {

    private static final Fragment HEAD = Fragment.of("""
            <section class="case-summary" id="summary" aria-labelledby="h-summary">
            <h2 id="h-summary">Case summary: child {}, case {}, as of <span class="as-of"></span></h2>
            <p class="summary-lead">{} flag(s) to discuss: prompts for reflection, not findings. Each sentence says what the records show;
            the evidence and the chronology follow""");
    private static final Fragment COMPARED = Fragment.of(". Compared with the earlier run: <strong>{} new</strong>, {} continuing");
    private static final Markup NOT_COMPARED = Markup.constant("""
            .
            What is new: not compared (this run was not compared with an earlier one)""");
    private static final Markup TABLE = Markup.constant("""
            .</p>
            <table class="summary-flags">
            <caption>The flags, newest evidence first</caption>
            <thead><tr><th scope="col">flag</th><th scope="col">what the records show</th><th scope="col">window</th><th scope="col" class="num">evidence</th>""");
    private static final Markup SINCE = Markup.constant("<th scope=\"col\">since the earlier run</th>");
    private static final Markup BODY = Markup.constant("</tr></thead>\n<tbody>\n");
    private static final Markup ROW = Markup.constant("<tr");
    private static final Markup IS_NEW = Markup.constant(" class=\"is-new\"");
    private static final Fragment FLAG = Fragment.of("><td><a href=\"#{}\">{}</a><br><span class=\"past\">{}</span>");
    private static final Fragment REVIEW = Fragment.of("<br>review: {}");
    private static final Fragment SENTENCE = Fragment.of("</td><td>{}</td><td class=\"date\">{}<br> to {}</td><td class=\"num\">{} event(s)</td>");
    private static final Markup NEW = Markup.constant("<td><strong>new</strong></td>");
    private static final Fragment CHANGE = Fragment.of("<td>{}</td>");
    private static final Markup ROW_END = Markup.constant("</tr>\n");
    private static final Markup TABLE_END = Markup.constant("</tbody></table>\n");
    private static final Markup NO_ACKNOWLEDGEMENT = Markup.constant(
            "<p class=\"summary-trail\">Review trail: no acknowledgement concerns these flags.</p>");
    private static final Markup TRAIL = Markup.constant("""
            <table class="summary-trail">
            <caption>Review trail: the acknowledgements of these flags, in the order given</caption>
            <thead><tr><th scope="col">line</th><th scope="col">flag</th><th scope="col">reviewer</th><th scope="col">date</th><th scope="col">outcome</th><th scope="col">reason</th><th scope="col">status in this run</th></tr></thead>
            <tbody>
            """);
    private static final Fragment TRAIL_ROW = Fragment.of("<tr><td class=\"num\">{}</td><td><a href=\"#{}\">{}</a></td><td>{}</td>"
            + "<td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n");
    private static final Markup TRAIL_END = Markup.constant("</tbody></table>");
    private static final Markup NOT_REVIEWED = Markup.constant(
            "<p class=\"summary-trail\">Review trail: none (no acknowledgements were given to this run).</p>");
    private static final Markup END = Markup.constant("\n</section>\n");

    private CaseSummaryHtml() {
    }

    /**
     * @param s    the summary, as {@link CaseSummary#of} built it
     * @param page the page, for the child, the case and the as-of date
     */
    static void to(Html h, Map<String, Object> s, Map<String, Object> page) {
        HEAD.to(h, page.get("subjectId"), page.get("caseId"), s.get("count"));
        Object compared = s.get("compared");
        if (shown(compared)) {
            COMPARED.to(h, map(compared).get("added"), map(compared).get("continuing"));
        }
        if (shown(s, "notCompared")) {
            h.markup(NOT_COMPARED);
        }
        h.markup(TABLE);
        if (shown(compared)) {
            h.markup(SINCE);
        }
        h.markup(BODY);
        for (Map<String, Object> r : maps(s.get("rows"))) {
            h.markup(ROW);
            if (shown(r, "isNew")) {
                h.markup(IS_NEW);
            }
            FLAG.to(h, r.get("anchor"), r.get("title"), r.get("past"));
            if (shown(r, "review")) {
                REVIEW.to(h, r.get("review"));
            }
            SENTENCE.to(h, r.get("explanation"), r.get("windowStart"), r.get("windowEnd"), r.get("evidenceCount"));
            if (shown(compared)) {
                if (shown(r, "isNew")) {
                    h.markup(NEW);
                } else {
                    CHANGE.to(h, r.get("change"));
                }
            }
            h.markup(ROW_END);
        }
        h.markup(TABLE_END);
        Object reviewed = s.get("reviewed");
        if (shown(reviewed)) {
            Map<String, Object> trail = map(reviewed);
            if (shown(trail, "empty")) {
                h.markup(NO_ACKNOWLEDGEMENT);
            } else {
                h.markup(TRAIL);
                for (Map<String, Object> t : maps(trail.get("trail"))) {
                    TRAIL_ROW.to(h, t.get("line"), t.get("anchor"), t.get("title"), t.get("reviewer"), t.get("date"), t.get("outcome"),
                            t.get("reason"), t.get("status"));
                }
                h.markup(TRAIL_END);
            }
        }
        if (shown(s, "notReviewed")) {
            h.markup(NOT_REVIEWED);
        }
        h.markup(END);
    }
}
