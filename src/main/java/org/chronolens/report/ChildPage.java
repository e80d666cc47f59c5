package org.chronolens.report;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.Row;
import org.chronolens.detect.Event;
import org.chronolens.util.Columns;

/**
 * What a child's page shows, as a template scope: the flags, each with its evidence events written
 * out (notes included); the reflective prompts, once per theme, naming the flags that raise them;
 * and the whole chronology as a table, the timeline's text alternative. Pure: no Spark job, no I/O.
 */
final class ChildPage {

    /** An event of the child's chronology with the practitioner's note (already redacted at ingest). */
    record Entry(Event event, String notes) {
    }

    private static final Map<String, Integer> SEVERITY = Map.of("high", 0, "medium", 1, "low", 2);

    /** Most severe first, then the most recent window, then the key: the same order on every run. */
    static final Comparator<Row> ORDER = Comparator
            .<Row>comparingInt(f -> SEVERITY.getOrDefault(f.<String>getAs("severity"), 3))
            .thenComparing(f -> f.<Date>getAs(Columns.WINDOW_END), Comparator.reverseOrder())
            .thenComparing(f -> f.<String>getAs(Columns.FLAG_KEY));

    private ChildPage() {
    }

    /**
     * @param chronology the child's own and family-level events, in the chronology's order
     * @param flags      the flags that belong on this page, in {@link #ORDER}
     */
    static Map<String, Object> scope(List<Entry> chronology, List<Row> flags, Prompts prompts) {
        Map<String, List<String>> evidenceOf = new HashMap<>();
        List<Map<String, Object>> flagViews = new ArrayList<>();
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        for (Row f : flags) {
            String rule = f.getAs(Columns.RULE_ID);
            String anchor = SubjectPages.anchor(f);
            Set<String> evidence = new LinkedHashSet<>(List.of(f.<String>getAs(Columns.EVIDENCE_EVENT_IDS).split(";")));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", rule);
            m.put("theme", f.getAs("theme"));
            m.put("severity", f.getAs("severity"));
            m.put("windowStart", f.getAs(Columns.WINDOW_START).toString());
            m.put("windowEnd", f.getAs(Columns.WINDOW_END).toString());
            m.put("threshold", f.getAs("threshold"));
            m.put("explanation", f.getAs("explanation"));
            m.put("anchor", anchor);
            m.put("flagKey", f.getAs(Columns.FLAG_KEY));
            m.put("review", f.getAs("review"));
            List<Map<String, Object>> rows = new ArrayList<>();
            Set<String> shown = new TreeSet<>();
            for (Entry e : chronology) {
                if (evidence.contains(e.event().eventId())) {
                    rows.add(row(e, List.of()));
                    shown.add(e.event().eventId());
                    evidenceOf.computeIfAbsent(e.event().eventId(), k -> new ArrayList<>()).add(rule);
                }
            }
            m.put("evidence", rows);
            m.put("evidenceCount", evidence.size());
            List<String> elsewhere = evidence.stream().filter(id -> !shown.contains(id)).sorted().toList();
            m.put("elsewhere", elsewhere.isEmpty() ? null : String.join(", ", elsewhere));
            List<Map<String, Object>> links = new ArrayList<>();
            for (Prompts.Section s : prompts.forFlag(rule, f.getAs("theme"))) {
                Map<String, Object> section = sections.computeIfAbsent(s.key(), k -> section(s));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> raisedBy = (List<Map<String, Object>>) section.get("raisedBy");
                raisedBy.add(Map.of("anchor", anchor, "ruleId", rule, "windowEnd", m.get("windowEnd")));
                links.add(Map.of("id", section.get("id"), "title", s.title()));
            }
            m.put("promptLinks", links);
            flagViews.add(m);
        }
        List<Map<String, Object>> table = new ArrayList<>();
        Set<String> agencies = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        for (Entry e : chronology) {
            table.add(row(e, evidenceOf.getOrDefault(e.event().eventId(), List.of())));
            agencies.add(e.event().agency());
            types.add(e.event().type());
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("flags", flagViews);
        scope.put("flagCount", flagViews.size());
        scope.put("promptSections", List.copyOf(sections.values()));
        scope.put("chronology", table);
        scope.put("eventCount", table.size());
        scope.put("agencies", agencies.stream().map(a -> option(a)).toList());
        scope.put("types", types.stream().map(t -> option(t)).toList());
        return scope;
    }

    private static Map<String, Object> section(Prompts.Section s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "prompts-" + s.key());
        m.put("title", s.title());
        m.put("prompts", s.prompts());
        m.put("raisedBy", new ArrayList<Map<String, Object>>());
        return m;
    }

    private static Map<String, Object> row(Entry entry, List<String> evidenceOf) {
        Event e = entry.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rowId", Timeline.rowId(e.eventId()));
        m.put("eventId", e.eventId());
        m.put("date", e.date().toString());
        m.put("time", e.time());
        m.put("agency", e.agency());
        m.put("agencyLabel", words(e.agency()));
        m.put("type", e.type());
        m.put("typeLabel", words(e.type()));
        m.put("outcome", e.outcome() == null ? null : words(e.outcome()));
        m.put("mark", Timeline.Mark.of(e).cssClass);
        m.put("family", e.familyLevel());
        m.put("notes", entry.notes());
        m.put("evidenceOf", evidenceOf.isEmpty() ? null : String.join(", ", new LinkedHashSet<>(evidenceOf)));
        return m;
    }

    private static Map<String, Object> option(String value) {
        return Map.of("value", value, "label", words(value));
    }

    private static String words(String token) {
        return token.replace('_', ' ');
    }

    static LocalDate date(Row flag, String column) {
        return flag.<Date>getAs(column).toLocalDate();
    }
}
