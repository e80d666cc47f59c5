package org.chronolens.report;

import org.chronolens.util.Columns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chronolens.spark.BroadcastHadoopConf;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.chronolens.detect.RuleEntry;

/**
 * Renders and writes the paged per-rule pages on executors: each input row is one page of one
 * rule with its flags, so no page's rows pass through the driver.
 */
final class RulePages implements MapPartitionsFunction<Row, Long>, Serializable {

    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 500;

    /** Sorting by how far past the threshold sorts at, above, well past, not alphabetically. */
    private static final Map<String, Integer> SEVERITY_ORDER = Map.of("low", 1, "medium", 2, "high", 3);

    private final String reportRoot;
    private final Map<String, Integer> pagesByRule;
    private final Map<String, String> themes;
    private final Map<String, String> params;
    private final Map<String, RuleEntry> entries;
    private final String printHeading;

    private final BroadcastHadoopConf hadoop;

    RulePages(String reportRoot, Map<String, Integer> pagesByRule, Map<String, String> themes, Map<String, String> params,
              Map<String, RuleEntry> entries, String printHeading, BroadcastHadoopConf hadoop) {
        this.printHeading = printHeading;
        this.entries = entries;
        this.hadoop = hadoop;
        this.reportRoot = reportRoot;
        this.pagesByRule = pagesByRule;
        this.themes = themes;
        this.params = params;
    }

    static String path(String ruleId, int page) {
        return PageNames.RULES + ruleId + "-" + page + ".html";
    }

    @Override
    public Iterator<Long> call(Iterator<Row> pages) {
        PageWriter writer = new PageWriter(reportRoot, hadoop.get());
        long written = 0;
        while (pages.hasNext()) {
            Row p = pages.next();
            String rule = p.getAs(Columns.RULE_ID);
            int page = p.<Integer>getAs("page");
            int total = pagesByRule.get(rule);
            RuleEntry entry = entries.get(rule);
            List<Row> flags = new ArrayList<>(p.getList(p.fieldIndex("flags")));
            flags.sort(Comparator.comparing(r -> r.<Integer>getAs("n")));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Row f : flags) {
                Map<String, Object> m = new LinkedHashMap<>();
                String subject = f.getAs(Columns.SUBJECT_ID);
                m.put("caseId", f.getAs(Columns.CASE_ID));
                m.put("subjectLabel", subject == null ? "(family-level)" : subject);
                m.put("href", "../" + PageNames.subjectPage(f.getAs(Columns.CASE_ID), f.getAs("page_subject")) + "#" + SubjectPages.anchor(f));
                m.put("windowStart", f.getAs(Columns.WINDOW_START).toString());
                m.put("windowEnd", f.getAs(Columns.WINDOW_END).toString());
                m.put("metric", entry == null ? Overview.metric(f.getAs("metric"))
                        : entry.metricText(f.<Number>getAs("metric").doubleValue()));
                m.put("pastThreshold", FlagReading.pastThreshold(f.<String>getAs("severity")));
                m.put("severityOrder", SEVERITY_ORDER.getOrDefault(f.<String>getAs("severity"), 0));
                m.put("explanation", f.getAs("explanation"));
                m.put("review", f.getAs("review"));
                rows.add(m);
            }
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("id", rule);
            scope.put("title", entry == null ? rule : entry.title());
            scope.put("measure", entry == null ? "metric" : entry.measure());
            scope.put("theme", themes.get(rule));
            scope.put("description", entry == null ? "" : entry.description());
            scope.put("params", params.get(rule));
            scope.put("page", page);
            scope.put("pages", total);
            scope.put("prev", page > 1 ? path(rule, page - 1).substring(PageNames.RULES.length()) : null);
            scope.put("next", page < total ? path(rule, page + 1).substring(PageNames.RULES.length()) : null);
            scope.put("rows", rows);
            scope.put("printHeading", printHeading);
            writer.write(path(rule, page), Templates.render("rule", scope));
            written++;
        }
        return List.of(written).iterator();
    }
}
