package org.chronolens.run;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.Sensitivity;
import org.chronolens.detect.spark.CaseEvaluator;
import org.chronolens.detect.spark.CasePartitions;
import org.chronolens.detect.spark.CaseResults;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.review.Acknowledgements;
import org.chronolens.review.Reviews;
import org.chronolens.util.Columns;
import org.chronolens.util.StageClock;

import static org.apache.spark.sql.functions.*;

/**
 * The heart of a scan: every rule over every case in one grouping by {@code case_id} (the only
 * shuffle of the rules), then the flags, the subjects' denominators, the review trail, the
 * threshold sensitivity and the effective thresholds. Only counts reach the driver.
 */
final class ScanRules {

    /** What validation and the rules write, which the stages after them may read. */
    static final Set<Output> WRITES = EnumSet.of(Output.EVENTS, Output.QUARANTINE, Output.QUARANTINE_CSV,
            Output.DATA_QUALITY, Output.FLAGS, Output.FLAGS_CSV, Output.FLAGS_JSON, Output.SUBJECTS,
            Output.SUBJECTS_CSV, Output.SENSITIVITY_CSV, Output.THRESHOLDS, Output.ACKNOWLEDGEMENTS_CSV);

    private ScanRules() {
    }

    /** Runs the rules over every case and writes the flags, the subjects, the reviews and the thresholds. */
    static ScanFindings run(SparkSession spark, ValidateJob.Result v, ScanRequest request, StageClock clock) {
        ValidateJob.Options o = request.validation();
        RuleSet rules = request.rules();
        Acknowledgements acks = request.acknowledgements();
        // Only what the rules read crosses the shuffle: the notes are most of an event's bytes. The
        // events move as Spark's own rows, sorted by case within each partition, and become Java
        // objects once, on the side that evaluates them.
        Dataset<Row> results = v.events().select(java.util.Arrays.stream(CaseEvaluator.COLUMNS)
                        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .repartition(col(Columns.CASE_ID)).sortWithinPartitions(col(Columns.CASE_ID))
                .mapPartitions(new CasePartitions(new CaseEvaluator(rules, o.asOf())), Encoders.row(CaseResults.SCHEMA))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long cases = results.count();
        clock.stage("rules", cases, "cases");

        Column[] flagOrder = {col(Columns.RULE_ID), col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col(Columns.WINDOW_END),
                col(Columns.EVIDENCE_EVENT_IDS)};
        // Sorted once into one cached partition: the three copies and the tallies read it instead
        // of computing the flags again; each writer's own one-task sort then meets sorted rows.
        Dataset<Row> flags = Reviews.apply(spark, results.select(explode(col("flags")).as("f"))
                .select(flagKey(rules, col("f.rule_id"), col("f.case_id"), col("f.subject_id"),
                        col("f.evidence_event_ids")).as(Columns.FLAG_KEY), col("f.*")), acks, o.asOf())
                .repartition(1).sortWithinPartitions(flagOrder)
                .persist(StorageLevel.MEMORY_AND_DISK());
        v.out().writeParquet(Output.FLAGS.file(), flags, flagOrder);
        v.out().writeJsonLines(Output.FLAGS_JSON.file(), flags, flagOrder);
        v.out().writeCsv(Output.FLAGS_CSV.file(), flags.withColumn("metric", when(col("metric").equalTo(floor(col("metric"))),
                        col("metric").cast("long").cast("string"))
                .otherwise(format_string("%.4f", col("metric")))), flagOrder);
        Map<String, Long> byRule = new java.util.TreeMap<>();
        Map<String, Long> reviews = new java.util.TreeMap<>();
        Map<String, Long> childrenByRule = new java.util.TreeMap<>();
        // Both tallies in one job: flags per rule and review, and children per rule (the last
        // column says which tally a row belongs to).
        Dataset<Row> perReview = flags.groupBy(Columns.RULE_ID, "review")
                .agg(count(lit(1)).as("n"), lit(false).as("children"));
        Dataset<Row> perChild = flags.where(col(Columns.SUBJECT_ID).isNotNull()).groupBy(Columns.RULE_ID)
                .agg(lit(null).cast("string").as("review"), countDistinct(col(Columns.CASE_ID), col(Columns.SUBJECT_ID)).as("n"),
                        lit(true).as("children"));
        for (Row r : perReview.unionByName(perChild).collectAsList()) {
            if (r.getBoolean(3)) {
                childrenByRule.put(r.getString(0), r.getLong(2));
                continue;
            }
            byRule.merge(r.getString(0), r.getLong(2), Long::sum);
            if (!r.isNullAt(1)) {
                reviews.merge(r.getString(1), r.getLong(2), Long::sum);
            }
        }
        long flagCount = byRule.values().stream().mapToLong(Long::longValue).sum();
        clock.stage("flags", flagCount, "rows");

        Column[] subjectOrder = {col(Columns.CASE_ID), col(Columns.SUBJECT_ID)};
        Dataset<Row> subjects = results.select(explode(col("subjects")).as("s")).select("s.*")
                .repartition(1).sortWithinPartitions(subjectOrder).persist(StorageLevel.MEMORY_AND_DISK());
        v.out().writeParquet(Output.SUBJECTS.file(), subjects, subjectOrder);
        v.out().writeCsv(Output.SUBJECTS_CSV.file(), subjects, subjectOrder);
        Row counts = subjects.agg(count(lit(1)), sum(when(col("flags").gt(0), 1).otherwise(0))).first();
        long subjectCount = counts.getLong(0);
        long flagged = counts.isNullAt(1) ? 0 : counts.getLong(1);
        clock.stage("subjects", subjectCount, "rows");

        Map<String, Long> trail = new java.util.LinkedHashMap<>();
        if (!acks.isEmpty()) {
            Dataset<Row> lines = Reviews.trail(spark, flags, acks, o.asOf()).persist(StorageLevel.MEMORY_AND_DISK());
            v.out().writeCsv(Output.ACKNOWLEDGEMENTS_CSV.file(), lines, col("line"));
            // Counted by kind of status in Spark: a re-opened line's status goes on to name its evidence.
            Column kind = lit(null).cast("string");
            Reviews.TrailStatus[] statuses = Reviews.TrailStatus.values();
            for (int i = statuses.length - 1; i >= 0; i--) {
                kind = when(col("status").startsWith(statuses[i].words()), lit(statuses[i].words())).otherwise(kind);
            }
            Map<String, Long> counted = new HashMap<>();
            lines.groupBy(kind.as("kind")).count().collectAsList().forEach(r -> counted.put(r.getString(0), r.getLong(1)));
            for (Reviews.TrailStatus t : Reviews.TrailStatus.values()) {
                trail.put(t.words(), counted.getOrDefault(t.words(), 0L));
            }
            lines.unpersist();
            clock.stage("reviews", acks.entries().size(), "lines");
        }
        v.out().writeText(Output.SENSITIVITY_CSV.file(), sensitivity(results, rules));
        v.out().writeText(Output.THRESHOLDS.file(), thresholds(rules));
        flags.unpersist();
        subjects.unpersist();
        results.unpersist();
        clock.stage("thresholds", rules.entries().stream().filter(e -> e.threshold() != null).count(), "rules");
        return new ScanFindings(flagCount, subjectCount, flagged, byRule, childrenByRule, reviews, trail);
    }

    /**
     * The flag's stable key across runs: rule, case and subject (empty for a family-level flag),
     * plus the evidence for the per-event rules, whose every event is a flag of its own.
     */
    public static Column flagKey(RuleSet rules, Column rule, Column caseId, Column subject, Column evidence) {
        Column base = concat_ws("|", rule, caseId, coalesce(subject, lit("")));
        return when(rule.isin(rules.perEventIds().toArray()), concat_ws("|", base, evidence)).otherwise(base);
    }

    /** Subjects flagged per rule with a threshold at each variant; variants a rule cannot take are "n/a". */
    private static String sensitivity(Dataset<Row> results, RuleSet rules) {
        Map<String, Long> hits = new HashMap<>();
        for (Row r : results.select(explode(col("sensitivity")).as("s")).groupBy("s.rule_id", "s.variant").count()
                .collectAsList()) {
            hits.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord(Columns.RULE_ID, "variant", "count", "days", "subjects_flagged");
            for (RuleEntry e : rules.entries()) {
                if (e.threshold() == null) {
                    continue;
                }
                Map<String, Sensitivity.Variant> byName = Sensitivity.of(rules, e.id());
                for (String name : Sensitivity.NAMES) {
                    Sensitivity.Variant v = byName.get(name);
                    boolean applies = name.endsWith("window") ? e.threshold().days() != null
                            : !name.startsWith("n_") || e.threshold().count() != null;
                    if (v == null) {
                        if (applies) {
                            csv.printRecord(e.id(), name, "", "", "n/a");
                        }
                    } else {
                        csv.printRecord(e.id(), name, v.count() == 0 ? "" : v.count(), v.days() == 0 ? "" : v.days(),
                                hits.getOrDefault(e.id() + "/" + name, 0L));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String thresholds(RuleSet rules) {
        return org.chronolens.io.JsonText.prettySnakeCase(Map.of("rules", rules.parameters()));
    }
}
