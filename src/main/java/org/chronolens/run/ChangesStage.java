package org.chronolens.run;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.chronolens.detect.RuleSet;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.monitor.Monitored;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * What changed since an earlier run: each flag new, continuing or resolved, by its stable key
 * (written as {@code flag_key}, which a per-event rule's flags need to be told apart), or unseen,
 * when its evidence came from an agency with an anomaly this run.
 */
final class ChangesStage implements ScanStage {

    /** The order a summary counts the changes in. */
    private static final List<String> ORDER = List.of("new", "continuing", "resolved", Monitored.UNSEEN);

    @Override
    public String name() {
        return "changes";
    }

    @Override
    public boolean wanted(ScanRequest request) {
        return request.previousRun() != null;
    }

    @Override
    public List<Output> reads() {
        return List.of(Output.FLAGS);
    }

    @Override
    public List<Output> writes() {
        return List.of(Output.CHANGES_CSV);
    }

    @Override
    public StageReport run(ScanContext c) {
        Map<String, Long> counts = changes(c, c.request().rules(), c.monitored().anomalousAgencies());
        c.clock().stage(name(), 0, "");
        Map<String, Object> manifest = new java.util.LinkedHashMap<>();
        manifest.put("previous_run", c.request().previousRun());
        manifest.put("changes", counts);
        String line = "Compared with " + c.request().previousRun() + ": " + counts.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(e -> ORDER.indexOf(e.getKey())))
                .map(e -> String.format(java.util.Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                .collect(java.util.stream.Collectors.joining(", ")) + " (" + Output.CHANGES_CSV.file() + ")";
        return new StageReport(name(), manifest, writes(), List.of(line));
    }

    /** Writes changes.csv against the previous run's flags; returns the count per status. */
    private static Map<String, Long> changes(ScanContext c, RuleSet rules, Set<String> anomalous) {
        Dataset<Row> now = c.staged(Output.FLAGS);
        Dataset<Row> before = c.previous(Output.FLAGS);
        Dataset<Row> a = keyed(now, rules).select(col("key"), col(Columns.RULE_ID).as("n_rule"), col(Columns.CASE_ID).as("n_case"),
                col(Columns.SUBJECT_ID).as("n_subject"), col(Columns.WINDOW_END).as("n_end"), col("explanation").as("n_text"));
        Dataset<Row> b = keyed(before, rules).select(col("key").as("p_key"), col(Columns.RULE_ID).as("p_rule"),
                col(Columns.CASE_ID).as("p_case"), col(Columns.SUBJECT_ID).as("p_subject"), col(Columns.WINDOW_END).as("p_end"),
                col("explanation").as("p_text"));
        // A flag whose evidence came from an agency with an anomaly this run is not known to be resolved:
        // its agency's data may be missing. Those keys are few (the previous flags of the agencies concerned).
        Dataset<Row> unseen = anomalous.isEmpty() ? b.select(col("p_key").as("u_key")).limit(0)
                : keyed(before, rules).select(col("key").as("u_key"), col(Columns.CASE_ID).as("u_case"),
                                explode(split(col(Columns.EVIDENCE_EVENT_IDS), ";")).as("u_event"))
                        .join(c.previous(Output.EVENTS)
                                        .where(col("agency").isin(anomalous.toArray()))
                                        .select(col(Columns.CASE_ID).as("e_case"), col(Columns.EVENT_ID).as("e_id")),
                                col("u_case").equalTo(col("e_case")).and(col("u_event").equalTo(col("e_id"))))
                        .select("u_key").distinct();
        Dataset<Row> changes = a.join(b, a.col("key").equalTo(b.col("p_key")), "full_outer")
                .join(unseen, col("p_key").equalTo(col("u_key")), "left").select(
                when(col("p_key").isNull(), lit("new"))
                        .when(col("key").isNull().and(col("u_key").isNotNull()), lit(Monitored.UNSEEN))
                        .when(col("key").isNull(), lit("resolved"))
                        .otherwise(lit("continuing")).as("change"),
                coalesce(col("key"), col("p_key")).as(Columns.FLAG_KEY),
                coalesce(col("n_rule"), col("p_rule")).as(Columns.RULE_ID), coalesce(col("n_case"), col("p_case")).as(Columns.CASE_ID),
                coalesce(col("n_subject"), col("p_subject")).as(Columns.SUBJECT_ID),
                col("p_end").as("previous_window_end"), col("n_end").as(Columns.WINDOW_END),
                coalesce(col("n_text"), col("p_text")).as("explanation"));
        c.out().writeCsv(Output.CHANGES_CSV.file(), changes, col("change"), col(Columns.RULE_ID), col(Columns.CASE_ID),
                col(Columns.SUBJECT_ID), col(Columns.WINDOW_END), col("previous_window_end"));
        // Unseen is counted even when no extract was anomalous (then it is 0), so that the line reads
        // the same every week and a reader sees the status exists.
        Map<String, Long> counts = new java.util.TreeMap<>(Map.of("new", 0L, "continuing", 0L, "resolved", 0L,
                Monitored.UNSEEN, 0L));
        changes.groupBy("change").count().collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }

    private static Dataset<Row> keyed(Dataset<Row> flags, RuleSet rules) {
        return flags.withColumn("key", ScanRules.flagKey(rules, col(Columns.RULE_ID), col(Columns.CASE_ID),
                col(Columns.SUBJECT_ID), col(Columns.EVIDENCE_EVENT_IDS)));
    }
}
