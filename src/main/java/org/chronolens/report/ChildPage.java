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
import org.chronolens.check.Vocabulary;
import org.chronolens.detect.Event;
import org.chronolens.detect.rules.ComplianceAroundScrutiny;
import org.chronolens.util.Columns;

/**
 * What a child's page shows, as a template scope: the flags, each with its evidence events written
 * out (notes included); the reflective prompts, once per theme, naming the flags that raise them;
 * and the whole chronology as a table, the timeline's text alternative, on the page or, when it is
 * too long for one, in parts of its own that the page links to. Pure: no Spark job, no I/O.
 */
final class ChildPage {

    /** An event of the child's chronology with the practitioner's note (already redacted at ingest). */
    record Entry(Event event, String notes) {
    }

    /**
     * A child's flags as the page lists them: by their latest evidence in the child's chronology,
     * newest first (a flag whose evidence is all elsewhere by its window's end), then by key, the
     * same order on every run. Never by severity: the page does not rank.
     */
    static List<Row> newestFirst(List<Row> flags, List<Entry> chronology) {
        Map<String, LocalDate> dateOf = new HashMap<>();
        chronology.forEach(e -> dateOf.put(e.event().eventId(), e.event().date()));
        Map<Row, LocalDate> latest = new HashMap<>();
        for (Row f : flags) {
            LocalDate last = null;
            for (String id : f.<String>getAs(Columns.EVIDENCE_EVENT_IDS).split(";")) {
                LocalDate d = dateOf.get(id);
                last = d != null && (last == null || d.isAfter(last)) ? d : last;
            }
            latest.put(f, last != null ? last : date(f, Columns.WINDOW_END));
        }
        return flags.stream().sorted(Comparator.<Row, LocalDate>comparing(latest::get, Comparator.reverseOrder())
                .thenComparing(f -> f.<String>getAs(Columns.FLAG_KEY))).toList();
    }

    private ChildPage() {
    }

    /**
     * A child's page, the pages of its chronology's parts when it is too long for one (none when it
     * fits), and where each row of the chronology is, in its order.
     */
    record Pages(Map<String, Object> page, List<Map<String, Object>> parts, List<String> rowHrefs) {
    }

    /** A page with rule ids for titles, no review trail and no working: for tests of the chronology's layout. */
    static Pages pages(List<Entry> chronology, List<Row> flags, Prompts prompts, String subjectId) {
        return pages(chronology, flags, prompts, subjectId, new FlagReading(Map.of(), null, ReviewTrail.none()), null);
    }

    /**
     * @param chronology the child's own and family-level events, in the chronology's order
     * @param flags      the flags that belong on this page, in {@link #newestFirst} order
     * @param subjectId  the child, whose parts' pages are named after it
     * @param reading    the rules' titles and the run's review trail
     * @param working    compliance-around-scrutiny's working for this child, shown under its flag (null: none)
     */
    static Pages pages(List<Entry> chronology, List<Row> flags, Prompts prompts, String subjectId, FlagReading reading,
                       ComplianceAroundScrutiny.Working working) {
        Map<String, List<String>> evidenceOf = new HashMap<>();
        List<Set<String>> evidenceSets = new ArrayList<>();
        for (Row f : flags) {
            Set<String> evidence = new LinkedHashSet<>(List.of(f.<String>getAs(Columns.EVIDENCE_EVENT_IDS).split(";")));
            evidenceSets.add(evidence);
            for (Entry e : chronology) {
                if (evidence.contains(e.event().eventId())) {
                    evidenceOf.computeIfAbsent(e.event().eventId(), k -> new ArrayList<>())
                            .add(reading.title(f.getAs(Columns.RULE_ID)));
                }
            }
        }
        List<Map<String, Object>> table = new ArrayList<>(chronology.size());
        Map<String, Integer> rowOf = new HashMap<>();
        Set<String> agencies = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        for (Entry e : chronology) {
            rowOf.put(e.event().eventId(), table.size());
            table.add(row(e, evidenceOf.getOrDefault(e.event().eventId(), List.of())));
            agencies.add(e.event().agency());
            types.add(e.event().type());
        }
        List<ChronologyParts.Part> cuts = ChronologyParts.of(table);
        boolean split = cuts.size() > 1;
        int[] partOfRow = new int[table.size()];
        List<Map<String, Object>> partLinks = new ArrayList<>();
        for (ChronologyParts.Part p : cuts) {
            String file = PageNames.partFile(subjectId, p.number());
            for (int i = p.from(); i < p.to(); i++) {
                partOfRow[i] = p.number();
                table.get(i).put("href", (split ? file : "") + "#" + table.get(i).get("rowId"));
            }
            if (split) {
                partLinks.add(partLink(p, file, table));
            }
        }

        long evidenceBytes = 0;
        List<Map<String, Object>> flagViews = new ArrayList<>();
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        for (int k = 0; k < flags.size(); k++) {
            Row f = flags.get(k);
            Set<String> evidence = evidenceSets.get(k);
            String rule = f.getAs(Columns.RULE_ID);
            String anchor = SubjectPages.anchor(f);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", rule);
            m.put("title", reading.title(rule));
            m.put("theme", f.getAs("theme"));
            m.put("pastThreshold", FlagReading.pastThreshold(f.<String>getAs("severity")));
            m.put("windowStart", f.getAs(Columns.WINDOW_START).toString());
            m.put("windowEnd", f.getAs(Columns.WINDOW_END).toString());
            m.put("threshold", f.getAs("threshold"));
            m.put("explanation", f.getAs("explanation"));
            m.put("anchor", anchor);
            m.put("flagKey", f.getAs(Columns.FLAG_KEY));
            m.put("review", f.getAs("review"));
            List<Map<String, Object>> trail = reading.trail().of(f.getAs(Columns.FLAG_KEY));
            m.put("trail", trail);
            m.put("reviewed", !trail.isEmpty());
            if (working != null && rule.equals(ComplianceAroundScrutiny.ID)) {
                long[] budget = {evidenceBytes};
                m.put("working", working(working, table, rowOf, budget));
                evidenceBytes = budget[0];
            }
            boolean worked = m.containsKey("working");
            List<Map<String, Object>> rows = new ArrayList<>();
            Set<String> shown = new TreeSet<>();
            // A flag with thousands of evidence events lists the first of them; the chronology marks every one.
            Set<Integer> partsOfTheRest = new TreeSet<>();
            for (int i = 0; i < chronology.size(); i++) {
                String id = chronology.get(i).event().eventId();
                if (evidence.contains(id)) {
                    shown.add(id);
                    long bytes = PageBudget.row(table.get(i));
                    if (worked) {
                        continue; // the working lists these events in its groups
                    }
                    if (rows.size() < PageBudget.EVIDENCE_ROWS && evidenceBytes + bytes <= PageBudget.EVIDENCE_BYTES) {
                        rows.add(table.get(i));
                        evidenceBytes += bytes;
                    } else {
                        partsOfTheRest.add(partOfRow[i]);
                    }
                }
            }
            m.put("evidence", rows);
            m.put("evidenceCount", evidence.size());
            if (!worked && rows.size() < shown.size()) {
                m.put("more", Map.of("listed", rows.size(), "unlisted", shown.size() - rows.size(), "inParts", split,
                        "parts", split ? partsOfTheRest.stream().map(n -> partLinks.get(n - 1)).toList() : List.of()));
            }
            List<String> elsewhere = evidence.stream().filter(id -> !shown.contains(id)).sorted().toList();
            m.put("elsewhere", elsewhere.isEmpty() ? null : String.join(", ", elsewhere));
            List<Map<String, Object>> links = new ArrayList<>();
            for (Prompts.Section s : prompts.forFlag(rule, f.getAs("theme"))) {
                Map<String, Object> section = sections.computeIfAbsent(s.key(), key -> section(s));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> raisedBy = (List<Map<String, Object>>) section.get("raisedBy");
                raisedBy.add(Map.of("anchor", anchor, "title", reading.title(rule), "windowEnd", m.get("windowEnd")));
                links.add(Map.of("id", section.get("id"), "title", s.title()));
            }
            m.put("promptLinks", links);
            flagViews.add(m);
        }
        List<Map<String, Object>> agencyOptions = agencies.stream().map(a -> option(a)).toList();
        List<Map<String, Object>> typeOptions = types.stream().map(t -> option(t)).toList();
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("flags", flagViews);
        scope.put("summary", CaseSummary.of(flags, reading));
        scope.put("flagCount", flagViews.size());
        scope.put("promptSections", List.copyOf(sections.values()));
        scope.put("split", split);
        scope.put("chronology", split ? List.of() : table);
        scope.put("parts", partLinks);
        if (split) {
            scope.put("partCount", cuts.size());
        }
        scope.put("eventCount", table.size());
        scope.put("eventTotal", count(table.size()));
        scope.put("agencies", agencyOptions);
        scope.put("types", typeOptions);

        List<Map<String, Object>> parts = new ArrayList<>();
        for (ChronologyParts.Part p : split ? cuts : List.<ChronologyParts.Part>of()) {
            Map<String, Object> part = new LinkedHashMap<>(partLinks.get(p.number() - 1));
            part.put("partCount", cuts.size());
            part.put("eventTotal", count(table.size()));
            part.put("chronology", table.subList(p.from(), p.to()));
            part.put("childPage", PageNames.subjectFile(subjectId));
            part.put("previous", p.number() > 1 ? partLinks.get(p.number() - 2).get("href") : null);
            part.put("next", p.number() < cuts.size() ? partLinks.get(p.number()).get("href") : null);
            part.put("agencies", agencyOptions);
            part.put("types", typeOptions);
            parts.add(part);
        }
        return new Pages(scope, parts, table.stream().map(r -> (String) r.get("href")).toList());
    }

    /**
     * Compliance around scrutiny's working, as its flag shows it: the scrutiny events, then the
     * events before scrutiny and the baseline, each with how many went ahead and their share next to
     * the rule's threshold, so that a reader can check the flag from the page alone.
     */
    private static Map<String, Object> working(ComplianceAroundScrutiny.Working w, List<Map<String, Object>> table,
                                               Map<String, Integer> rowOf, long[] bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preDays", w.preDays());
        m.put("scrutiny", group(w.scrutiny(), table, rowOf, bytes));
        m.put("scrutinyCount", w.scrutiny().size());
        Map<String, Object> pre = group(w.pre(), table, rowOf, bytes);
        pre.put("wentAhead", w.preWentAhead());
        pre.put("share", percent(w.preShare()));
        pre.put("rule", "at least " + percent(w.preMinShare()) + " of at least " + w.preMinEvents() + " events");
        pre.put("met", w.pre().size() >= w.preMinEvents() && w.preShare() >= w.preMinShare());
        m.put("pre", pre);
        Map<String, Object> base = group(w.baseline(), table, rowOf, bytes);
        base.put("wentAhead", w.baselineWentAhead());
        base.put("share", percent(w.baselineShare()));
        base.put("rule", "at most " + percent(w.baselineMaxShare()) + " of at least " + w.baselineMinEvents() + " events");
        base.put("met", w.baseline().size() >= w.baselineMinEvents() && w.baselineShare() <= w.baselineMaxShare());
        m.put("baseline", base);
        return m;
    }

    /** Events of a group as table rows, within the page's evidence budget; how many there are and how many are listed. */
    private static Map<String, Object> group(List<Event> events, List<Map<String, Object>> table, Map<String, Integer> rowOf,
                                             long[] bytes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Event e : events) {
            Integer i = rowOf.get(e.eventId());
            if (i == null) {
                continue;
            }
            long b = PageBudget.row(table.get(i));
            if (rows.size() < PageBudget.EVIDENCE_ROWS && bytes[0] + b <= PageBudget.EVIDENCE_BYTES) {
                rows.add(table.get(i));
                bytes[0] += b;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", events.size());
        m.put("rows", rows);
        m.put("unlisted", rows.size() < events.size() ? events.size() - rows.size() : null);
        return m;
    }

    /** "75 %", as the rule's explanation writes a share. */
    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.0f %%", 100 * share);
    }

    /** A part as the child's page lists it: its number, its file, and the events and dates it covers. */
    private static Map<String, Object> partLink(ChronologyParts.Part p, String file, List<Map<String, Object>> table) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", p.number());
        m.put("href", file);
        m.put("firstEvent", count(p.from() + 1));
        m.put("lastEvent", count(p.to()));
        m.put("eventCount", p.to() - p.from());
        m.put("firstDate", table.get(p.from()).get("date"));
        m.put("lastDate", table.get(p.to() - 1).get("date"));
        return m;
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
        m.put("time", hhmm(e.time()));
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

    /** "100,000", whatever the machine's locale. */
    private static String count(int n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    private static Map<String, Object> option(String value) {
        return Map.of("value", value, "label", words(value));
    }

    private static String words(String token) {
        return Vocabulary.words(token);
    }

    /** A time as the source may give it: hours, minutes, perhaps seconds. Compiled once: every row of every page asks. */
    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("\\d{1,2}:\\d{2}(:.*)?");

    /** A time of day as hours and minutes, "09:30": seconds, when the source gave them, are not shown. */
    static String hhmm(String time) {
        if (time == null || !TIME.matcher(time).matches()) {
            return time;
        }
        String[] p = time.split(":");
        return (p[0].length() == 1 ? "0" : "") + p[0] + ":" + p[1];
    }

    static LocalDate date(Row flag, String column) {
        return flag.<Date>getAs(column).toLocalDate();
    }
}
