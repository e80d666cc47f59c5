package org.chronolens.report;

import java.util.Map;

import static org.chronolens.report.Scope.maps;
import static org.chronolens.report.Scope.shown;

/**
 * The chronology as a table, with its filters by agency and event type, on a child's page or on a
 * part of a long chronology (see {@link ChildPageHtml}); and the few lines of script that filter it.
 */
final class ChronologyHtml {

    private static final Markup FILTERS = Markup.constant("""
            <div class="filters" role="search" aria-label="Filter the chronology">
            <label for="f-agency">Agency</label> <select id="f-agency"><option value="">all agencies</option>""");
    private static final Fragment OPTION = Fragment.of("<option value=\"{}\">{}</option>");
    private static final Markup TYPES = Markup.constant("""
            </select>
            <label for="f-type">Event type</label> <select id="f-type"><option value="">all event types</option>""");
    private static final Fragment SHOWN = Fragment.of("""
            </select>
            <p id="f-shown" role="status">Showing {} of {} events</p>
            </div>
            <table class="events" id="chronology-table">
            <caption>The chronology of child {}""");
    private static final Fragment PART = Fragment.of(", part {} of {}: events {} to {} of {}");
    private static final Fragment WHOLE = Fragment.of(": {} events");
    private static final Markup COLUMNS = Markup.constant("""
            </caption>
            <thead><tr><th scope="col">date</th><th scope="col">time</th><th scope="col">agency</th><th scope="col">event</th><th scope="col">outcome</th><th scope="col">about</th><th scope="col">note</th><th scope="col">event id</th><th scope="col">evidence of</th></tr></thead>
            <tbody>
            """);
    private static final Fragment ROW = Fragment.of("<tr id=\"{}\" data-agency=\"{}\" data-type=\"{}\"");
    private static final Markup IS_EVIDENCE = Markup.constant(" class=\"is-evidence\"");
    private static final Fragment CELLS = Fragment.of("><td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
            + "<td class=\"out-{}\">{}</td><td>{}</td><td class=\"note\">{}</td><td>{}</td><td>{}</td></tr>\n");
    private static final Markup END = Markup.constant("</tbody></table>");
    /** The report's own script, as the server hashes it for its Content-Security-Policy (ServedPages). */
    private static final Markup SCRIPT = Markup.resource("chronology-script.mustache");

    private ChronologyHtml() {
    }

    /** @param scope the child's page or a part: its rows ({@code chronology}), its filters' options, the child */
    static void table(Html h, Map<String, Object> scope) {
        h.markup(FILTERS);
        for (Map<String, Object> o : maps(scope.get("agencies"))) {
            OPTION.to(h, o.get("value"), o.get("label"));
        }
        h.markup(TYPES);
        for (Map<String, Object> o : maps(scope.get("types"))) {
            OPTION.to(h, o.get("value"), o.get("label"));
        }
        SHOWN.to(h, scope.get("eventCount"), scope.get("eventCount"), scope.get("subjectId"));
        if (shown(scope, "partCount")) {
            PART.to(h, scope.get("number"), scope.get("partCount"), scope.get("firstEvent"), scope.get("lastEvent"),
                    scope.get("eventTotal"));
        } else {
            WHOLE.to(h, scope.get("eventCount"));
        }
        h.markup(COLUMNS);
        for (Map<String, Object> r : maps(scope.get("chronology"))) {
            ROW.to(h, r.get("rowId"), r.get("agency"), r.get("type"));
            if (shown(r, "evidenceOf")) {
                h.markup(IS_EVIDENCE);
            }
            CELLS.to(h, r.get("date"), r.get("time"), r.get("agencyLabel"), r.get("typeLabel"), r.get("mark"), r.get("outcome"),
                    FlagHtml.about(r), r.get("notes"), r.get("eventId"), r.get("evidenceOf"));
        }
        h.markup(END);
    }

    static void script(Html h) {
        h.markup(SCRIPT);
    }
}
