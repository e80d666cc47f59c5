package org.chronolens.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.chronolens.quality.DataQuality;

/** The metrics a run keeps in the history: what its data quality measured, then what its rules found. */
public final class RunMetrics {

    private RunMetrics() {
    }

    /** Rows read, accepted and quarantined per file and per agency; accepted events per agency and type; quarantine by reason. */
    public static List<Metric> ofData(DataQuality q) {
        List<Metric> m = new ArrayList<>();
        m.add(Metric.ofRun("rows_read", q.rowsRead()));
        m.add(Metric.ofRun("accepted", q.accepted()));
        m.add(Metric.ofRun("quarantined", q.quarantined()));
        for (Map.Entry<String, Map<String, Long>> f : q.byFile().entrySet()) {
            counts(m, "file", f.getKey(), f.getValue());
        }
        for (Map.Entry<String, Map<String, Long>> a : q.byAgencyStatus().entrySet()) {
            counts(m, "agency", a.getKey(), a.getValue());
        }
        q.byAgencyAndType().forEach((agency, types) -> types.forEach((type, n) ->
                m.add(Metric.of("accepted", "agency_event_type", agency + "/" + type, n))));
        q.byReason().forEach((reason, n) -> m.add(Metric.of("quarantined", "reason", reason, n)));
        return m;
    }

    /** Children scanned and flagged, and flags and children flagged per rule. */
    public static List<Metric> ofFlags(long children, long childrenFlagged, Map<String, Long> flagsByRule,
                                       Map<String, Long> childrenByRule) {
        List<Metric> m = new ArrayList<>();
        m.add(Metric.ofRun("children", children));
        m.add(Metric.ofRun("children_flagged", childrenFlagged));
        flagsByRule.forEach((rule, n) -> m.add(Metric.of("flags", "rule", rule, n)));
        childrenByRule.forEach((rule, n) -> m.add(Metric.of("children_flagged", "rule", rule, n)));
        return m;
    }

    private static void counts(List<Metric> m, String by, String key, Map<String, Long> statuses) {
        m.add(Metric.of("rows_read", by, key, statuses.getOrDefault("rows_read", 0L)));
        m.add(Metric.of("accepted", by, key, statuses.getOrDefault("accepted", 0L)));
        m.add(Metric.of("quarantined", by, key, statuses.getOrDefault("quarantined", 0L)));
    }
}
