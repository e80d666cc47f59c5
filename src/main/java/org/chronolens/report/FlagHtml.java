package org.chronolens.report;

import java.util.Map;

import static org.chronolens.report.Scope.map;
import static org.chronolens.report.Scope.maps;
import static org.chronolens.report.Scope.shown;

/**
 * One flag's section of a child's page (see {@link ChildPageHtml}): its title, how far past the
 * threshold, its sentence and window, its evidence written out (or, for engagement around
 * conferences and reviews, the rule's working), the prompts it raises and its review trail.
 *
 * <p>Where a line break is or is not written follows what mustache.java made of the templates: it
 * dropped the line break after a section's end when the section began a line and ran over several
 * (the tables of the working, the "other evidence" note, the review trail).
 */
final class FlagHtml {

    private static final Fragment HEAD = Fragment.of("""
            <section class="flag" id="{}" aria-labelledby="h-{}">
            <h3 id="h-{}">{}</h3>
            <p class="past">How far past the threshold: {}</p>
            <p>{}</p>
            <p>Window {} to {} · theme: {} · threshold: {}</p>
            """);
    private static final String EVIDENCE_COLUMNS = "<thead><tr><th scope=\"col\">date</th><th scope=\"col\">time</th>"
            + "<th scope=\"col\">agency</th><th scope=\"col\">event</th><th scope=\"col\">outcome</th><th scope=\"col\">about</th>"
            + "<th scope=\"col\">note</th><th scope=\"col\">event id</th></tr></thead>\n<tbody>\n";
    private static final Fragment WORKING = Fragment.of("""
            <div class="working">
            <p>How this was worked out: the events that went ahead, as a share of each group, in the {} days before a
            conference or review and at other times. The flag is raised when both shares are on the rule's side of its threshold.</p>
            <table class="events working-group" data-group="scrutiny">
            <caption>Conferences and reviews (scrutiny): {}""");
    private static final Markup FIRST_LISTED = Markup.constant("; the first listed here");
    private static final Markup SCRUTINY_COLUMNS = Markup.constant("""
            </caption>
            <thead><tr><th scope="col">date</th><th scope="col">time</th><th scope="col">agency</th><th scope="col">event</th><th scope="col">about</th><th scope="col">note</th><th scope="col">event id</th></tr></thead>
            <tbody>
            """);
    private static final Fragment SCRUTINY_ROW = Fragment.of("<tr><td class=\"date\">{}</td><td class=\"time\">{}</td><td>{}</td>"
            + "<td>{}</td><td class=\"about\">{}</td><td class=\"note\">{}</td><td><a href=\"{}\">{}</a></td></tr>\n");
    private static final Markup TABLE_END = Markup.constant("</tbody></table>");
    private static final Markup NEWLINE = Markup.constant("\n");
    private static final Fragment PRE = Fragment.of("<table class=\"events evidence working-group\" data-group=\"pre\">\n"
            + "<caption>Before scrutiny: {} events, {} went ahead — a share of <strong>{}</strong>; the rule looks for {}");
    private static final Fragment BASELINE = Fragment.of("<table class=\"events evidence working-group\" data-group=\"baseline\">\n"
            + "<caption>At other times (the baseline): {} events, {} went ahead — a share of <strong>{}</strong>; the rule looks for {}");
    private static final Markup MET = Markup.constant(" (met)");
    private static final Markup NOT_MET = Markup.constant(" (not met)");
    private static final Fragment NOT_LISTED = Fragment.of("; {} not listed here");
    private static final Markup GROUP_COLUMNS = Markup.constant("</caption>\n" + EVIDENCE_COLUMNS);
    private static final Markup WORKING_END = Markup.constant("</div>\n");
    private static final Fragment EVIDENCE = Fragment.of("<table class=\"events evidence\">\n"
            + "<caption>Evidence: {} event(s), in chronology order");
    private static final Fragment LISTED = Fragment.of("; the first {} listed here");
    private static final Fragment EVIDENCE_ROW = Fragment.of("<tr><td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
            + "<td class=\"out-{}\">{}</td><td>{}</td><td class=\"note\">{}</td><td><a href=\"{}\">{}</a></td></tr>\n");
    private static final Fragment MORE = Fragment.of("""
            <p>The other {} evidence events are not listed here, to keep the page short; the chronology marks each in its
            "evidence of" column""");
    private static final Markup IN_PARTS = Markup.constant(": ");
    private static final Fragment PART = Fragment.of("<a href=\"{}\">part {}</a> ");
    private static final Markup BELOW = Markup.constant(" (<a href=\"#chronology\">below</a>)");
    private static final Markup MORE_END = Markup.constant(".</p>");
    private static final Fragment ELSEWHERE = Fragment.of("<p>Evidence not in this child's chronology: {}.</p>");
    private static final Markup PROMPT_LINKS = Markup.constant("<p class=\"prompt-links\">Prompts for reflection: ");
    private static final Fragment PROMPT_LINK = Fragment.of("<a href=\"#{}\">{}</a> ");
    private static final Markup TRAIL = Markup.constant("</p>\n<div class=\"trail\">\n");
    private static final Markup TRAIL_TABLE = Markup.constant("<table class=\"review-trail\">\n"
            + "<caption>Review trail: every review recorded for this flag, newest first");
    private static final Fragment NOW = Fragment.of(" (now: {})");
    private static final Markup TRAIL_COLUMNS = Markup.constant("""
            </caption>
            <thead><tr><th scope="col">date</th><th scope="col">reviewer</th><th scope="col">outcome</th><th scope="col">reason</th><th scope="col">status in this run</th></tr></thead>
            <tbody>
            """);
    private static final Fragment TRAIL_ROW = Fragment.of(
            "<tr><td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n");
    private static final Markup NOT_REVIEWED = Markup.constant("<p class=\"not-reviewed\">Review trail: not yet reviewed.</p>");
    private static final Fragment END = Fragment.of("""
            </div>
            <p class="rule-id">rule id: <code>{}</code> · <span class="key">flag key: <code>{}</code></span></p>
            </section>
            """);

    private FlagHtml() {
    }

    /** @param flag one of the page's flags, as {@link ChildPage} built it */
    static void to(Html h, Map<String, Object> flag) {
        HEAD.to(h, flag.get("anchor"), flag.get("anchor"), flag.get("anchor"), flag.get("title"), flag.get("pastThreshold"),
                flag.get("explanation"), flag.get("windowStart"), flag.get("windowEnd"), flag.get("theme"), flag.get("threshold"));
        Object more = flag.get("more");
        if (shown(flag, "working")) {
            working(h, map(flag.get("working")));
        } else {
            EVIDENCE.to(h, flag.get("evidenceCount"));
            if (shown(more)) {
                LISTED.to(h, map(more).get("listed"));
            }
            h.markup(GROUP_COLUMNS);
            rows(h, flag.get("evidence"));
            h.markup(TABLE_END).markup(NEWLINE);
        }
        if (shown(more)) {
            Map<String, Object> m = map(more);
            MORE.to(h, m.get("unlisted"));
            if (shown(m, "inParts")) {
                h.markup(IN_PARTS);
                for (Map<String, Object> p : maps(m.get("parts"))) {
                    PART.to(h, p.get("href"), p.get("number"));
                }
            } else {
                h.markup(BELOW);
            }
            h.markup(MORE_END);
        }
        if (shown(flag, "elsewhere")) {
            ELSEWHERE.to(h, flag.get("elsewhere"));
        }
        h.markup(NEWLINE).markup(PROMPT_LINKS);
        for (Map<String, Object> link : maps(flag.get("promptLinks"))) {
            PROMPT_LINK.to(h, link.get("id"), link.get("title"));
        }
        h.markup(TRAIL);
        if (shown(flag, "reviewed")) {
            h.markup(TRAIL_TABLE);
            if (shown(flag, "review")) {
                NOW.to(h, flag.get("review"));
            }
            h.markup(TRAIL_COLUMNS);
            for (Map<String, Object> t : maps(flag.get("trail"))) {
                TRAIL_ROW.to(h, t.get("date"), t.get("reviewer"), t.get("outcome"), t.get("reason"), t.get("status"));
            }
            h.markup(TABLE_END);
        }
        if (!shown(flag, "reviewed")) {
            h.markup(NOT_REVIEWED);
        }
        h.markup(NEWLINE);
        END.to(h, flag.get("ruleId"), flag.get("flagKey"));
    }

    /** Engagement around conferences and reviews shows its working: the scrutiny, then the events before it and at other times. */
    private static void working(Html h, Map<String, Object> w) {
        Map<String, Object> scrutiny = map(w.get("scrutiny"));
        WORKING.to(h, w.get("preDays"), w.get("scrutinyCount"));
        if (shown(scrutiny, "unlisted")) {
            h.markup(FIRST_LISTED);
        }
        h.markup(SCRUTINY_COLUMNS);
        for (Map<String, Object> r : maps(scrutiny.get("rows"))) {
            SCRUTINY_ROW.to(h, r.get("date"), r.get("time"), r.get("agencyLabel"), r.get("typeLabel"), about(r), r.get("notes"),
                    r.get("href"), r.get("eventId"));
        }
        h.markup(TABLE_END).markup(NEWLINE);
        // No line break after either group's table: the templates' section of several lines ate it.
        group(h, PRE, w.get("pre"));
        group(h, BASELINE, w.get("baseline"));
        h.markup(WORKING_END);
    }

    private static void group(Html h, Fragment caption, Object value) {
        if (!shown(value)) {
            return;
        }
        Map<String, Object> g = map(value);
        caption.to(h, g.get("count"), g.get("wentAhead"), g.get("share"), g.get("rule"));
        h.markup(shown(g, "met") ? MET : NOT_MET);
        if (shown(g, "unlisted")) {
            NOT_LISTED.to(h, g.get("unlisted"));
        }
        h.markup(GROUP_COLUMNS);
        rows(h, g.get("rows"));
        h.markup(TABLE_END);
    }

    /** Evidence events as rows: date, time, agency, event, outcome, whom it concerns, note, and a link to its row in the chronology. */
    private static void rows(Html h, Object rows) {
        for (Map<String, Object> r : maps(rows)) {
            EVIDENCE_ROW.to(h, r.get("date"), r.get("time"), r.get("agencyLabel"), r.get("typeLabel"), r.get("mark"), r.get("outcome"),
                    about(r), r.get("notes"), r.get("href"), r.get("eventId"));
        }
    }

    /** Whom an event concerns, as the tables say it. */
    static String about(Map<String, Object> row) {
        return shown(row, "family") ? "whole family" : "this child";
    }
}
