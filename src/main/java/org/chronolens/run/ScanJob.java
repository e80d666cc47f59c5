package org.chronolens.run;

import org.chronolens.util.Columns;
import org.chronolens.util.StageClock;
import org.chronolens.util.Stages;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
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
import org.chronolens.discover.DiscoverJob;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.monitor.CohortRates;
import org.chronolens.monitor.Cohorts;
import org.chronolens.monitor.Monitored;
import org.chronolens.monitor.RunMetrics;
import org.chronolens.report.ReportJob;
import org.chronolens.review.Acknowledgements;
import org.chronolens.review.Reviews;

import static org.apache.spark.sql.functions.*;

/**
 * The scan: validation as {@code validate} does it, then every rule over every case in one
 * grouping by {@code case_id} (the only shuffle of the rules stage), then the flags, the subjects'
 * denominators, the threshold sensitivity and the effective thresholds.
 */
public final class ScanJob {

    /** What the scan found, with validation's result; {@code report} is the report's index, or null. */
    public record Result(ValidateJob.Result validation, long flags, long subjects, long subjectsFlagged,
                         Map<String, Long> flagsByRule, Map<String, Long> childrenByRule, Map<String, Long> reviews,
                         String report, DiscoverJob.Result discovery, Monitored monitored, boolean cohorts) {
    }

    private final SparkSession spark;
    private final Stages stages;

    public ScanJob(SparkSession spark, Stages stages) {
        this.spark = spark;
        this.stages = stages;
    }

    /**
     * Validates, scans, and does what the request asks besides (changes against a previous run,
     * reviews, discovery, the report), all in the run's staging folder, then commits the run: all
     * of it appears at once, with its manifest, or none of it.
     */
    public Result run(ScanRequest request) {
        ValidateJob.Options o = request.validation();
        RuleSet rules = request.rules();
        StageClock clock = new StageClock(stages);
        // The cohorts file is checked before anything is read or written.
        Cohorts cohorts = request.cohorts() == null ? null
                : Cohorts.load(spark, request.cohorts(), request.cohortMinChildren());
        ValidateJob validate = new ValidateJob(spark, stages);
        ValidateJob.Result v = validate.run(o, clock);
        try {
            Manifest manifest = validate.manifest("scan", o, v);
            String thresholds = thresholds(rules);
            manifest.put("thresholds", rules.parameters())
                    .put("thresholds_sha256", org.chronolens.util.Hashes.sha256(thresholds));
            boolean ok = v.verdict() == ValidateJob.Verdict.OK;
            Result r = ok ? scan(v, o, rules, request.acknowledgements(), clock)
                    : new Result(v, 0, 0, 0, Map.of(), Map.of(), Map.of(), null, null, v.monitored(), false);
            Monitored monitored = ok ? v.monitored().withFlags(RunMetrics.ofFlags(r.subjects(), r.subjectsFlagged(),
                    r.flagsByRule(), r.childrenByRule())) : v.monitored();
            if (ok) {
                v.out().writeText(Output.DATA_QUALITY.file(), org.chronolens.io.JsonText.pretty(monitored.json(v.quality())));
            }
            if (ok && cohorts != null) {
                String staging = v.out().workingRoot();
                v.out().writeText(Output.COHORT_RATES_CSV.file(), CohortRates.csv(cohorts.rates(
                        spark.read().parquet(RunLayout.path(staging, Output.SUBJECTS).toString()),
                        spark.read().parquet(RunLayout.path(staging, Output.FLAGS).toString()), r.childrenByRule())));
                manifest.put("cohorts", request.cohorts()).put("cohort_min_children", request.cohortMinChildren());
                clock.stage("cohorts", 0, "");
            }
            if (ok && request.previousRun() != null) {
                manifest.put("previous_run", request.previousRun())
                        .put("changes", changes(v, request.previousRun(), rules, monitored.anomalousAgencies()));
                clock.stage("changes", 0, "");
            }
            DiscoverJob.Result discovery = null;
            if (ok && request.discovers()) {
                String staging = v.out().workingRoot();
                discovery = new DiscoverJob(spark, stages).writeInto(staging, v.out().root(),
                        spark.read().parquet(RunLayout.path(staging, Output.EVENTS).toString()),
                        spark.read().parquet(RunLayout.path(staging, Output.SUBJECTS).toString()),
                        request.discovery(), clock.part());
                manifest.put("discovery", request.discovery());
            }
            String report = null;
            if (ok && request.rendersReport()) {
                ReportJob.Result rendered = new ReportJob(spark, rules.entries())
                        .render(v.out().workingRoot(), request.report());
                clock.stage("report", rendered.rulePages() + rendered.subjectPages() + 1, "pages");
                report = v.out().path(Output.REPORT_INDEX.file());
            }
            if (o.monitoring().enabled()) {
                manifest.put("metrics_history", o.monitoring().history());
            }
            manifest.put("data_quality", monitored.json(v.quality())).put("flags", r.flags())
                    .put("flags_by_rule", r.flagsByRule()).put("subjects", r.subjects())
                    .put("subjects_flagged", r.subjectsFlagged()).put("reviews", r.reviews());
            if (!request.acknowledgements().isEmpty()) {
                manifest.put("acknowledgements", request.acknowledgements().source())
                        .put("acknowledgements_sha256", request.acknowledgements().sha256());
            }
            v.out().commit(manifest.toJson(clock, v.verdict().name()), ok);
            if (ok) {
                monitored.keep(spark, v.out().runId(), o.asOf(), List.of());
                clock.stage("history", monitored.anomalies().size(), "anomalies");
            }
            return new Result(v, r.flags(), r.subjects(), r.subjectsFlagged(), r.flagsByRule(), r.childrenByRule(),
                    r.reviews(), report, discovery, monitored, ok && cohorts != null);
        } finally {
            v.release();
        }
    }

    private Result scan(ValidateJob.Result v, ValidateJob.Options o, RuleSet rules, Acknowledgements acks,
                        StageClock clock) {
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

        if (!acks.isEmpty()) {
            v.out().writeCsv(Output.ACKNOWLEDGEMENTS_CSV.file(), Reviews.trail(spark, flags, acks, o.asOf()), col("line"));
            clock.stage("reviews", acks.entries().size(), "lines");
        }
        v.out().writeText(Output.SENSITIVITY_CSV.file(), sensitivity(results, rules));
        v.out().writeText(Output.THRESHOLDS.file(), thresholds(rules));
        flags.unpersist();
        subjects.unpersist();
        results.unpersist();
        clock.stage("thresholds", rules.entries().stream().filter(e -> e.threshold() != null).count(), "rules");
        return new Result(v, flagCount, subjectCount, flagged, byRule, childrenByRule, reviews, null, null, null, false);
    }

    /** Writes changes.csv against the previous run's flags; returns the count per status. */
    private Map<String, Long> changes(ValidateJob.Result v, String previousRun, RuleSet rules, Set<String> anomalous) {
        Dataset<Row> now = spark.read().parquet(RunLayout.path(v.out().workingRoot(), Output.FLAGS).toString());
        Dataset<Row> before = spark.read().parquet(RunLayout.path(previousRun, Output.FLAGS).toString());
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
                        .join(spark.read().parquet(RunLayout.path(previousRun, Output.EVENTS).toString())
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
                coalesce(col("n_rule"), col("p_rule")).as(Columns.RULE_ID), coalesce(col("n_case"), col("p_case")).as(Columns.CASE_ID),
                coalesce(col("n_subject"), col("p_subject")).as(Columns.SUBJECT_ID),
                col("p_end").as("previous_window_end"), col("n_end").as(Columns.WINDOW_END),
                coalesce(col("n_text"), col("p_text")).as("explanation"));
        v.out().writeCsv(Output.CHANGES_CSV.file(), changes, col("change"), col(Columns.RULE_ID), col(Columns.CASE_ID), col(Columns.SUBJECT_ID),
                col(Columns.WINDOW_END), col("previous_window_end"));
        Map<String, Long> counts = new java.util.TreeMap<>(Map.of("new", 0L, "continuing", 0L, "resolved", 0L));
        if (!anomalous.isEmpty()) {
            counts.put(Monitored.UNSEEN, 0L);
        }
        changes.groupBy("change").count().collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }

    private static Dataset<Row> keyed(Dataset<Row> flags, RuleSet rules) {
        return flags.withColumn("key", flagKey(rules, col(Columns.RULE_ID), col(Columns.CASE_ID), col(Columns.SUBJECT_ID),
                col(Columns.EVIDENCE_EVENT_IDS)));
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
