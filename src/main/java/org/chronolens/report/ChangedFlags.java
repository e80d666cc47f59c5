package org.chronolens.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.chronolens.detect.RuleEntry;
import org.chronolens.monitor.Monitored;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * The new and unseen flags of a compared run, each with a link to its child: what a reviewer
 * opens first after a run. A new flag links to itself on its child's page. An unseen flag is no
 * longer raised, so it has no place on a page: it links to its child's page when the child has
 * other flags this run. A flag naming no child goes to the page of the case's first flagged
 * child, as the rule pages do; the family's events are on every child's page.
 */
final class ChangedFlags {

    private ChangedFlags() {
    }

    static List<Map<String, Object>> list(Dataset<Row> changes, Dataset<Row> flags, List<LandingRow> landing,
                                          List<RuleEntry> entries, int limit) {
        Dataset<Row> anchors = flags.select(col(Columns.FLAG_KEY).as("a_key"),
                concat(col(Columns.RULE_ID), lit("-"), substring_index(col(Columns.EVIDENCE_EVENT_IDS), ";", 1)).as("anchor"));
        List<Row> rows = changes.where(col("change").isin("new", Monitored.UNSEEN))
                .join(anchors, col(Columns.FLAG_KEY).equalTo(col("a_key")), "left")
                .orderBy(col("change"), col(Columns.CASE_ID), col(Columns.SUBJECT_ID).asc_nulls_first(), col(Columns.RULE_ID),
                        col(Columns.FLAG_KEY))
                // An unseen flag has no window this run: the one it had is its last.
                .select(col("change"), col(Columns.RULE_ID), col(Columns.CASE_ID), col(Columns.SUBJECT_ID),
                        coalesce(col(Columns.WINDOW_END), col("previous_window_end")), col("anchor"))
                .limit(limit).collectAsList();
        Map<String, TreeSet<String>> flagged = new HashMap<>();
        landing.forEach(r -> flagged.computeIfAbsent(r.caseId(), k -> new TreeSet<>()).add(r.subjectId()));
        Map<String, String> titles = new HashMap<>();
        entries.forEach(e -> titles.put(e.id(), e.title()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            String caseId = r.getString(2);
            String subject = r.getString(3);
            TreeSet<String> children = flagged.getOrDefault(caseId, new TreeSet<>());
            String page = subject == null ? (children.isEmpty() ? null : children.first())
                    : children.contains(subject) ? subject : null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change", r.getString(0));
            m.put("title", titles.getOrDefault(r.getString(1), r.getString(1)));
            m.put("caseId", caseId);
            m.put("child", subject == null ? "(the whole family)" : subject);
            m.put("href", page == null ? null
                    : PageNames.subjectPage(caseId, page) + (r.isNullAt(5) ? "" : "#" + r.getString(5)));
            m.put("windowEnd", r.getString(4));
            out.add(m);
        }
        return out;
    }
}
