package org.chronolens.report;

import org.chronolens.util.Columns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.chronolens.spark.BroadcastHadoopConf;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.chronolens.detect.spark.CaseEvaluator;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.rules.ComplianceAroundScrutiny;

/**
 * Renders and writes the page of every flagged child of the cases in one partition, on an
 * executor: each input row is one case with its events, flags and children. Returns how many
 * pages it wrote.
 */
final class SubjectPages implements MapPartitionsFunction<Row, Long>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String reportRoot;
    private final Prompts prompts;
    private final java.time.LocalDate asOf;
    private final FlagReading reading;

    private final BroadcastHadoopConf hadoop;

    SubjectPages(String reportRoot, Prompts prompts, java.time.LocalDate asOf, FlagReading reading, BroadcastHadoopConf hadoop) {
        this.hadoop = hadoop;
        this.reading = reading;
        this.reportRoot = reportRoot;
        this.prompts = prompts;
        this.asOf = asOf;
    }

    @Override
    public Iterator<Long> call(Iterator<Row> cases) {
        PageWriter writer = new PageWriter(reportRoot, hadoop.get());
        // One buffer for every page of the task: a page is written into it, encoded and written out, then the next.
        Html html = new Html();
        long pages = 0;
        while (cases.hasNext()) {
            Row c = cases.next();
            String caseId = c.getAs(Columns.CASE_ID);
            List<Event> events = new ArrayList<>();
            Map<String, String> notes = new HashMap<>();
            for (Row e : c.<Row>getList(c.fieldIndex("events"))) {
                Event event = CaseEvaluator.event(e);
                events.add(event);
                notes.put(event.eventId(), e.getAs("notes"));
            }
            Chronology chronology = Chronology.of(caseId, asOf, events);
            List<Row> flags = c.getList(c.fieldIndex("flags"));
            // By id: the rows arrive in whatever order the shuffle gave, and the page lists the
            // other children in this order.
            Map<String, Row> subjects = new java.util.TreeMap<>();
            for (Row s : c.<Row>getList(c.fieldIndex("subjects"))) {
                subjects.put(s.getAs(Columns.SUBJECT_ID), s);
            }
            for (Row s : subjects.values()) {
                if (s.<Integer>getAs("flags") > 0) {
                    String subject = s.getAs(Columns.SUBJECT_ID);
                    write(writer, html, chronology, notes, subject, s, flags, subjects);
                    pages++;
                }
            }
        }
        return List.of(pages).iterator();
    }

    static String anchor(Row flag) {
        return flag.<String>getAs(Columns.RULE_ID) + "-" + flag.<String>getAs(Columns.EVIDENCE_EVENT_IDS).split(";")[0];
    }

    static boolean belongs(Row flag, String subject, Set<String> chronology, Set<String> own) {
        return Flag.concerns(flag.getAs(Columns.SUBJECT_ID), List.of(flag.<String>getAs(Columns.EVIDENCE_EVENT_IDS).split(";")),
                subject, chronology, own);
    }

    /** Writes a child's page and, when its chronology is too long for it, the pages of the chronology's parts. */
    private void write(PageWriter writer, Html html, Chronology c, Map<String, String> notes, String subject, Row s, List<Row> allFlags,
                       Map<String, Row> subjects) {
        List<Event> events = c.eventsOf(subject);
        Set<String> chronology = new HashSet<>();
        Set<String> own = new HashSet<>();
        List<ChildPage.Entry> entries = new ArrayList<>(events.size());
        for (Event e : events) {
            chronology.add(e.eventId());
            if (subject.equals(e.subjectId())) {
                own.add(e.eventId());
            }
            entries.add(new ChildPage.Entry(e, notes.get(e.eventId())));
        }
        List<Row> flags = ChildPage.newestFirst(allFlags.stream().filter(f -> belongs(f, subject, chronology, own)).toList(), entries);
        // Compliance around scrutiny shades only the weeks before scrutiny and marks the scrutiny
        // itself; every other flag shades its window.
        ComplianceAroundScrutiny.Working working = reading.scrutiny() != null
                && flags.stream().anyMatch(f -> ComplianceAroundScrutiny.ID.equals(f.getAs(Columns.RULE_ID)))
                ? reading.scrutiny().working(c, subject) : null;
        List<Timeline.Shade> shades = new ArrayList<>();
        Set<String> evidence = new HashSet<>();
        for (Row f : flags) {
            String rule = f.getAs(Columns.RULE_ID);
            if (working != null && rule.equals(ComplianceAroundScrutiny.ID)) {
                for (ComplianceAroundScrutiny.Period p : working.prePeriods()) {
                    shades.add(new Timeline.Shade(reading.title(rule) + ", before scrutiny", p.from(), p.to()));
                }
            } else {
                shades.add(new Timeline.Shade(reading.title(rule), ChildPage.date(f, Columns.WINDOW_START),
                        ChildPage.date(f, Columns.WINDOW_END)));
            }
            evidence.addAll(List.of(f.<String>getAs(Columns.EVIDENCE_EVENT_IDS).split(";")));
        }
        List<Event> scrutiny = working == null ? List.of() : working.scrutiny();
        List<Map<String, Object>> siblings = new ArrayList<>();
        for (Row other : subjects.values()) {
            String id = other.getAs(Columns.SUBJECT_ID);
            if (!id.equals(subject)) {
                Map<String, Object> sib = new LinkedHashMap<>();
                sib.put("id", id);
                sib.put("href", other.<Integer>getAs("flags") > 0 ? PageNames.subjectFile(id) : null);
                siblings.add(sib);
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("appointments", s.getAs("appointments_total"));
        d.put("missed", s.getAs("appointments_missed"));
        d.put("attended", s.getAs("appointments_attended"));
        d.put("visits", s.getAs("home_visits_total"));
        d.put("seen", s.getAs("home_visits_child_seen"));
        d.put("notSeen", s.getAs("home_visits_child_not_seen"));
        d.put("advice", s.getAs("advice_given"));
        d.put("followed", s.getAs("advice_followed_up"));
        d.put("made", s.getAs("agreements_made"));
        d.put("kept", s.getAs("agreements_kept"));
        d.put("breached", s.getAs("agreements_breached"));
        d.put("events", s.getAs("events_total"));
        d.put("first", String.valueOf(s.<Object>getAs("first_event_date")));
        d.put("last", String.valueOf(s.<Object>getAs("last_event_date")));
        d.put("byAgency", byAgency(s.getAs("events_by_agency")));
        ChildPage.Pages pages = ChildPage.pages(entries, flags, prompts, subject, reading, working);
        Map<String, Object> scope = pages.page();
        if (pages.parts().isEmpty()) {
            scope.put("timeline", Timeline.svg(events, shades, evidence, scrutiny));
        } else {
            Timeline.Counted counted = Timeline.counted(events, shades, evidence, pages.rowHrefs(), scrutiny);
            scope.put("timeline", counted.svg());
            scope.put("countedBy", counted.unit());
        }
        scope.put("scrutinyMarked", !scrutiny.isEmpty());
        scope.put("siblings", siblings);
        scope.put("hasSiblings", !siblings.isEmpty());
        scope.put("d", d);
        writer.write(PageNames.subjectPage(c.caseId(), subject), ChildPageHtml.page(html.reset(), common(scope, c, subject)));
        for (Map<String, Object> part : pages.parts()) {
            writer.write(PageNames.caseFolder(c.caseId()) + part.get("href"), ChildPageHtml.part(html.reset(), common(part, c, subject)));
        }
    }

    /** "social care 12, health 4" from "social_care=12;health=4". */
    static String byAgency(String counts) {
        List<String> out = new ArrayList<>();
        for (String part : counts.split(";")) {
            int eq = part.indexOf('=');
            out.add(eq < 0 ? part : org.chronolens.check.Vocabulary.words(part.substring(0, eq)) + " " + part.substring(eq + 1));
        }
        return String.join(", ", out);
    }

    /** What every page of a child shows in its header and margin. */
    private Map<String, Object> common(Map<String, Object> scope, Chronology c, String subject) {
        scope.put("caseId", c.caseId());
        scope.put("subjectId", subject);
        scope.put("root", "../../");
        return scope;
    }
}
