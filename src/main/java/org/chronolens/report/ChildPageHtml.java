package org.chronolens.report;

import java.util.Map;

import static org.chronolens.report.Scope.list;
import static org.chronolens.report.Scope.map;
import static org.chronolens.report.Scope.maps;
import static org.chronolens.report.Scope.shown;

/**
 * Writes a child's page, and the pages of a long chronology's parts, from the values
 * {@link ChildPage} builds. These pages are most of a report (one per flagged child, tens of
 * thousands), so they are written by code, not by a template engine: Mustache's look-ups by
 * reflection and its escaping were 40 % of a page's time. The markup is the templates' markup,
 * kept as {@link Fragment} constants; every value goes through {@link Html#text} and is escaped,
 * and the only markup not written here is the timeline's, which {@link Timeline} escapes itself.
 *
 * <p>Other pages (the landing page, rule pages, run details) are few and keep their templates.
 */
final class ChildPageHtml {

    private static final Fragment HEAD = Fragment.of("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{} — case {}</title>
            """);
    private static final Fragment HEADER = Fragment.of("""

            <link rel="stylesheet" href="{}run.css">
            </head>
            <body>
            <header><h1>Child {} · case {}</h1><nav aria-label="Other pages"><a href="{}index.html">children to review</a>
            """);
    private static final Markup SIBLINGS = Markup.constant(" · other children in the case:");
    private static final Fragment SIBLING_LINK = Fragment.of("<a href=\"{}\">{}</a>");
    private static final Markup SPACE = Markup.constant(" ");
    private static final Markup USE = Markup.constant("""
            </nav></header>
            <main>
            <p class="use">The flags below are prompts for professional reflection, each with the evidence that raised it, newest
            evidence first. They are not a score of this family; the chronology shows what agencies recorded, as of <span class="as-of"></span>.</p>
            """);
    private static final Fragment TOC = Fragment.of("""
            <nav class="toc" aria-label="On this page"><a href="#flags">Flags ({})</a> · <a href="#prompts">Prompts for reflection</a> ·
            <a href="#chronology">""");
    private static final Fragment TOC_TABLE = Fragment.of("Chronology table ({} events)");
    private static final Fragment TOC_PARTS = Fragment.of("Chronology ({} events, in parts)");
    private static final Markup TOC_END = Markup.constant("""
            </a> · <a href="#denominators">Denominators</a></nav>

            <h2 id="timeline">Timeline</h2>
            """);
    private static final Markup LEGEND = Markup.constant("""
            <ul class="legend" aria-hidden="true">
            <li><svg viewBox="0 0 14 14" width="14" height="14"><circle class="key-ok" cx="7" cy="7" r="5"/></svg> filled: went ahead</li>
            <li><svg viewBox="0 0 14 14" width="14" height="14"><circle class="key-miss" cx="7" cy="7" r="5"/><path class="key-cross" d="M3 3 l8 8 m0 -8 l-8 8"/></svg> hollow and crossed: did not go ahead</li>
            <li><svg viewBox="0 0 14 14" width="14" height="14"><circle class="key-neutral" cx="7" cy="7" r="5"/></svg> hollow: no outcome to judge (a meeting, a referral, a plan)</li>
            <li>● appointment, visit or contact · ■ meeting or conference · ◆ health advice or medication · ▲ other</li>
            <li><svg viewBox="0 0 22 14" width="22" height="14"><circle class="key-ring" cx="11" cy="7" r="6"/></svg> ringed: evidence of a flag · <span class="key-window">shaded</span>: a flagged window""");
    private static final Markup LEGEND_SCRUTINY_WINDOW = Markup.constant(
            " (for engagement around conferences and reviews, only the weeks before each)");
    private static final Markup LEGEND_ITEM_END = Markup.constant("</li>\n");
    private static final Markup LEGEND_SCRUTINY = Markup.constant("""
            <li><svg viewBox="0 0 14 14" width="14" height="14"><line class="key-scrutiny" x1="7" y1="0" x2="7" y2="14"/></svg> dashed line: a conference or review (scrutiny)</li>""");
    private static final Markup LEGEND_END = Markup.constant("""

            </ul>
            <p class="legend-note">Shape and fill carry the meaning; colour only repeats it. Every event is also in the
            <a href="#chronology">chronology table</a>, the timeline in words; a marker leads to its row.</p>
            """);
    private static final Fragment COUNTED = Fragment.of("""
            <p class="legend-note">{} events are too many to draw one by one: each bar counts one agency's events in one
            {}, its height growing with their number. Stacked from the bottom, as the markers of a shorter timeline read:
            <strong>hollow and crossed</strong>, those that did not go ahead; <strong>filled</strong>, those that went ahead; <strong>hollow</strong>,
            those with no outcome to judge. A <strong>ringed</strong> bar holds evidence of a flag; <span class="key-window">shaded</span>: flagged
            windows. Every event is in the chronology's parts, below; a bar leads to its first event.""");
    private static final Markup COUNTED_SCRUTINY = Markup.constant("""
             A dashed
            line marks each conference or review (scrutiny).""");
    private static final Markup COUNTED_END = Markup.constant("</p>\n");
    private static final Markup TIMELINE = Markup.constant("<div class=\"timeline-box\">");
    private static final Fragment FLAGS = Fragment.of("""
            </div>

            <h2 id="flags">Flags ({})</h2>
            """);
    private static final Markup PROMPTS = Markup.constant("""

            <section class="prompts" aria-labelledby="prompts">
            <h2 id="prompts">Prompts for reflection</h2>
            <p>Each theme's prompts once, with the flags that raise them.</p>
            """);
    private static final Fragment PROMPT_SECTION = Fragment.of("""
            <section id="{}" aria-labelledby="h-{}">
            <h3 id="h-{}">{}</h3>
            <p>Raised by:\s""");
    private static final Fragment RAISED_BY = Fragment.of("<a href=\"#{}\">{} (window ending {})</a> ");
    private static final Markup PROMPT_LIST = Markup.constant("</p>\n<ul>");
    private static final Fragment PROMPT = Fragment.of("<li>{}</li>");
    private static final Markup PROMPT_SECTION_END = Markup.constant("</ul>\n</section>\n");
    private static final Markup CHRONOLOGY = Markup.constant("""
            </section>

            <h2 id="chronology">Chronology</h2>
            <p>Every event of this child, and the family-level events that concern every child of the case, in order
            (date, then time, an untimed event counting as the start of the day, then event id).</p>
            """);
    private static final Fragment PARTS = Fragment.of("""
            <p>{} events are too many for one page: they are in {} parts, each a page of its own
            with the same filters.</p>
            <ol class="parts">
            """);
    private static final Fragment PART = Fragment.of("<li><a href=\"{}\">Part {}</a>: events {} to {}, {} to {}</li>\n");
    private static final Markup PARTS_END = Markup.constant("</ol>\n");
    private static final Fragment DENOMINATORS = Fragment.of("""


            <h2 id="denominators">Denominators</h2>
            <table><tbody>
            <tr><th scope="row">appointments</th><td>{} ({} missed, {} attended)</td></tr>
            <tr><th scope="row">home visits</th><td>{} ({} child seen, {} not seen)</td></tr>
            <tr><th scope="row">medical advice</th><td>{} given, {} followed up</td></tr>
            <tr><th scope="row">agreements</th><td>{} made, {} kept, {} breached</td></tr>
            <tr><th scope="row">events</th><td>{} from {} to {}; by agency: {}</td></tr>
            </tbody></table>
            </main>
            """);
    private static final Markup END = Markup.constant("\n</body>\n</html>\n");

    private static final Fragment PART_HEAD = Fragment.of("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{} — case {} — chronology, part {} of {}</title>
            """);
    private static final Fragment PART_HEADER = Fragment.of("""

            <link rel="stylesheet" href="{}run.css">
            </head>
            <body>
            <header><h1>Child {} · case {}: chronology, part {} of {}</h1><nav aria-label="Other pages"><a href="{}index.html">children to review</a>
            · <a href="{}">the child's page</a> (flags, timeline, prompts)""");
    private static final Fragment PREVIOUS_IN_HEADER = Fragment.of(" · <a href=\"{}\">previous part</a>");
    private static final Fragment NEXT_IN_HEADER = Fragment.of(" · <a href=\"{}\">next part</a>");
    private static final Fragment PART_MAIN = Fragment.of("""
            </nav></header>
            <main>
            <p class="use">The flags on the child's page are prompts for professional reflection, not a score of this family; the chronology
            shows what agencies recorded, as of <span class="as-of"></span>.</p>
            <h2 id="part">Chronology, part {} of {}</h2>
            <p>Events {} to {} of {} ({} to {}): this child's and the family-level
            events that concern every child of the case, in order (date, then time, an untimed event counting as the start of the day,
            then event id). The chronology is split into parts to keep each page small enough to open on a phone and to print.</p>
            """);
    private static final Markup PART_NAV = Markup.constant("\n<nav class=\"pages\" aria-label=\"Parts of the chronology\">");
    private static final Fragment PREVIOUS = Fragment.of("<a href=\"{}\">previous part</a>");
    private static final Fragment NEXT = Fragment.of("<a href=\"{}\">next part</a>");
    private static final Fragment PART_END = Fragment.of(" <a href=\"{}\">the child's page</a></nav>\n</main>\n");

    private ChildPageHtml() {
    }

    /** A child's page, from {@link ChildPage.Pages#page()} with the timeline, siblings, denominators and header added. */
    static Html page(Html h, Map<String, Object> page) {
        boolean split = shown(page, "split");
        HEAD.to(h, page.get("subjectId"), page.get("caseId"));
        StyleSheet.to(h);
        HEADER.to(h, page.get("root"), page.get("subjectId"), page.get("caseId"), page.get("root"));
        if (shown(page, "hasSiblings")) {
            h.markup(SIBLINGS);
        }
        h.markup(SPACE);
        for (Map<String, Object> sibling : maps(page.get("siblings"))) {
            if (shown(sibling, "href")) {
                SIBLING_LINK.to(h, sibling.get("href"), sibling.get("id"));
            } else {
                h.text(sibling.get("id"));
            }
            h.markup(SPACE);
        }
        h.markup(USE);
        CaseSummaryHtml.to(h, map(page.get("summary")), page);
        TOC.to(h, page.get("flagCount"));
        if (!split) {
            TOC_TABLE.to(h, page.get("eventCount"));
        } else {
            TOC_PARTS.to(h, page.get("eventTotal"));
        }
        h.markup(TOC_END);
        legend(h, page);
        h.markup(TIMELINE).markup((Markup) page.get("timeline"));
        FLAGS.to(h, page.get("flagCount"));
        for (Map<String, Object> flag : maps(page.get("flags"))) {
            FlagHtml.to(h, flag);
        }
        prompts(h, page);
        h.markup(CHRONOLOGY);
        if (split) {
            PARTS.to(h, page.get("eventTotal"), page.get("partCount"));
            for (Map<String, Object> p : maps(page.get("parts"))) {
                PART.to(h, p.get("href"), p.get("number"), p.get("firstEvent"), p.get("lastEvent"), p.get("firstDate"),
                        p.get("lastDate"));
            }
            h.markup(PARTS_END);
        } else {
            ChronologyHtml.table(h, page);
        }
        Map<String, Object> d = map(page.get("d"));
        DENOMINATORS.to(h, d.get("appointments"), d.get("missed"), d.get("attended"), d.get("visits"), d.get("seen"),
                d.get("notSeen"), d.get("advice"), d.get("followed"), d.get("made"), d.get("kept"), d.get("breached"),
                d.get("events"), d.get("first"), d.get("last"), d.get("byAgency"));
        if (!split) {
            ChronologyHtml.script(h);
        }
        return h.markup(END);
    }

    /** A part of a long chronology, from one of {@link ChildPage.Pages#parts()} with the header added. */
    static Html part(Html h, Map<String, Object> part) {
        partHeader(h, part);
        PART_MAIN.to(h, part.get("number"), part.get("partCount"), part.get("firstEvent"),
                part.get("lastEvent"), part.get("eventTotal"), part.get("firstDate"), part.get("lastDate"));
        ChronologyHtml.table(h, part);
        h.markup(PART_NAV);
        if (shown(part, "previous")) {
            PREVIOUS.to(h, part.get("previous"));
        }
        h.markup(SPACE);
        if (shown(part, "next")) {
            NEXT.to(h, part.get("next"));
        }
        PART_END.to(h, part.get("childPage"));
        ChronologyHtml.script(h);
        return h.markup(END);
    }

    private static void partHeader(Html h, Map<String, Object> part) {
        PART_HEAD.to(h, part.get("subjectId"), part.get("caseId"), part.get("number"), part.get("partCount"));
        StyleSheet.to(h);
        PART_HEADER.to(h, part.get("root"), part.get("subjectId"), part.get("caseId"), part.get("number"), part.get("partCount"),
                part.get("root"), part.get("childPage"));
        if (shown(part, "previous")) {
            PREVIOUS_IN_HEADER.to(h, part.get("previous"));
        }
        if (shown(part, "next")) {
            NEXT_IN_HEADER.to(h, part.get("next"));
        }
    }

    /** The timeline's legend: each marker drawn, or, for a counted timeline, what a bar counts. */
    private static void legend(Html h, Map<String, Object> page) {
        boolean scrutiny = shown(page, "scrutinyMarked");
        if (!shown(page, "countedBy")) {
            h.markup(LEGEND);
            if (scrutiny) {
                h.markup(LEGEND_SCRUTINY_WINDOW);
            }
            h.markup(LEGEND_ITEM_END);
            if (scrutiny) {
                h.markup(LEGEND_SCRUTINY);
            }
            h.markup(LEGEND_END);
        } else {
            COUNTED.to(h, page.get("eventTotal"), page.get("countedBy"));
            if (scrutiny) {
                h.markup(COUNTED_SCRUTINY);
            }
            h.markup(COUNTED_END);
        }
    }

    /** Each theme's prompts once, with links to the flags that raise it. */
    private static void prompts(Html h, Map<String, Object> page) {
        h.markup(PROMPTS);
        for (Map<String, Object> s : maps(page.get("promptSections"))) {
            PROMPT_SECTION.to(h, s.get("id"), s.get("id"), s.get("id"), s.get("title"));
            for (Map<String, Object> r : maps(s.get("raisedBy"))) {
                RAISED_BY.to(h, r.get("anchor"), r.get("title"), r.get("windowEnd"));
            }
            h.markup(PROMPT_LIST);
            for (Object prompt : list(s.get("prompts"))) {
                PROMPT.to(h, prompt);
            }
            h.markup(PROMPT_SECTION_END);
        }
    }
}
