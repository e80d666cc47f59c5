package org.chronolens.audit;

import org.chronolens.util.Columns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.chronolens.util.Version;
import org.chronolens.io.OutputFolder;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.io.RunLayout.Pack;
import org.chronolens.io.UsageException;
import org.chronolens.report.CaseSummary;
import org.chronolens.report.PageNames;
import org.chronolens.report.Prompts;
import org.chronolens.report.ReportJob;
import org.chronolens.report.Templates;
import org.chronolens.util.StageClock;
import org.chronolens.util.Stages;

import static org.apache.spark.sql.functions.*;

/**
 * Draws a stratified audit sample from a completed run and writes the audit pack. Within each
 * stratum the flags are ordered by a keyed hash of the seed and the flag key and the first n are
 * taken: the order is a property of each flag, not of where Spark put it, so the same seed gives
 * the same sample on any cluster and partitioning, and a larger n keeps every item of a smaller one.
 */
public final class SampleJob {


    /**
     * A child's page as the report names it, by the report's own function, so the pack's links
     * follow it; none (as concat gave) for a flag whose case has no page.
     */
    private static final org.apache.spark.sql.expressions.UserDefinedFunction PAGE = udf(
            (org.apache.spark.sql.api.java.UDF2<String, String, String>) (caseId, subjectId) ->
                    caseId == null || subjectId == null ? null : PageNames.subjectPage(caseId, subjectId),
            DataTypes.StringType);

    /** What the sample is stratified by besides the rule. */
    public enum By {
        RULE, SEVERITY, AGENCY;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How many flags per stratum: a fixed {@code size}, or {@code plan} (attribute sampling). Exactly
     * one is set.
     */
    public record Options(String run, long seed, String out, boolean overwrite, By by, Integer size,
                          AttributeSampling plan, Prompts prompts) {
        public Options {
            if ((size == null) == (plan == null)) {
                throw new UsageException("give either --size N or the planning options (--confidence, --tolerable, "
                        + "--expected), not both and not neither");
            }
            if (size != null && size < 1) {
                throw new UsageException("--size " + size + " must be at least 1 flag per stratum");
            }
        }
    }

    /** One stratum's population and sample. */
    public record Stratum(String name, long population, long planned, long sampled) {
        public boolean takenWhole() {
            return sampled == population;
        }
    }

    public record Result(String out, List<Stratum> strata, long sampled, long pages) {
    }

    private final SparkSession spark;
    private final Stages stages;

    public SampleJob(SparkSession spark, Stages stages) {
        this.spark = spark;
        this.stages = stages;
    }

    public Result run(Options o) {
        StageClock clock = new StageClock(stages);
        Path run = completedRun(o.run());
        JsonNode runManifest = json(run, Output.MANIFEST.file());
        LocalDate asOf = LocalDate.parse(runManifest.path("as_of").asText());
        OutputFolder.Target target = OutputFolder.Target.of(o.out()).overwrite(o.overwrite())
                .reading(List.of(run.toString())).manifest(Pack.MANIFEST.file());
        try (OutputFolder out = OutputFolder.claim(target, spark.sparkContext().hadoopConfiguration())) {

            Dataset<Row> flags = spark.read().parquet(RunLayout.path(run, Output.FLAGS).toString());
            Dataset<Row> events = spark.read().parquet(RunLayout.path(run, Output.EVENTS).toString());
            Dataset<Row> subjects = spark.read().parquet(RunLayout.path(run, Output.SUBJECTS).toString());
            Dataset<Row> stratified = withStratum(o.by(), flags, events).cache();

            List<Stratum> strata = new ArrayList<>();
            List<Row> sizes = new ArrayList<>();
            for (Row r : stratified.groupBy("stratum").count().orderBy("stratum").collectAsList()) {
                long population = r.getLong(1);
                long planned = o.size() != null ? o.size() : o.plan().sizeFor(population);
                strata.add(new Stratum(r.getString(0), population, planned, Math.min(planned, population)));
                sizes.add(RowFactory.create(r.getString(0), Math.min(planned, population)));
            }
            clock.stage("strata", strata.size(), "strata");
            Dataset<Row> n = spark.createDataFrame(sizes, new StructType().add("s_stratum", DataTypes.StringType)
                    .add("n", DataTypes.LongType));

            Column draw = sha2(concat_ws("|", lit(Long.toString(o.seed())), col(Columns.FLAG_KEY)), 256);
            Dataset<Row> firstFlagged = subjects.where(col("flags").gt(0)).groupBy(col(Columns.CASE_ID).as("p_case"))
                    .agg(min(Columns.SUBJECT_ID).as("first_flagged"));
            Dataset<Row> sample = stratified.withColumn("draw", draw)
                    .withColumn("rank", row_number().over(Window.partitionBy("stratum").orderBy("draw", Columns.FLAG_KEY)))
                    .join(broadcast(n), col("stratum").equalTo(col("s_stratum")))
                    .where(col("rank").leq(col("n")))
                    .join(firstFlagged, col(Columns.CASE_ID).equalTo(col("p_case")), "left")
                    .withColumn("page", concat(PAGE.apply(col(Columns.CASE_ID), coalesce(col(Columns.SUBJECT_ID),
                                    col("first_flagged"))), lit("#"), col(Columns.RULE_ID), lit("-"),
                            split(col(Columns.EVIDENCE_EVENT_IDS), ";").getItem(0)))
                    .cache();

            out.create();
            Column[] order = {col("stratum"), col("rank")};
            out.writeCsv(Pack.SAMPLE_CSV.file(), sample.select(col(Columns.FLAG_KEY), col("stratum"), col("rank"), col("draw"), col(Columns.RULE_ID),
                    col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col("severity"), col(Columns.WINDOW_START), col(Columns.WINDOW_END),
                    col(Columns.EVIDENCE_EVENT_IDS), col("explanation"), col("page")), order);
            out.writeCsv(Pack.CHECKLIST_CSV.file(), sample.select(col(Columns.FLAG_KEY), col("stratum"), col("rank"), col(Columns.RULE_ID),
                    col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col("page"), col("explanation"), lit("").as("verdict"),
                    lit("").as("auditor"), lit("").as("comment")), order);
            long sampled = strata.stream().mapToLong(Stratum::sampled).sum();
            clock.stage("sample", sampled, "flags");

            Dataset<Row> cases = sample.select(Columns.CASE_ID).distinct();
            long pages = ReportJob.subjectPages(CaseSummary.withHistory(spark, run.toString(), flags), subjects, events, cases, out.workingRoot(),
                    o.prompts().forRules(org.chronolens.detect.rules.Catalogue.standard().entries()), asOf,
                    org.chronolens.detect.rules.Catalogue.standard().entries(), run);
            out.writeText(Pack.INDEX.file(), index(o, run, asOf, strata, sample));
            clock.stage("pack", pages + 1, "pages");

            String manifest = manifest(o, run, runManifest, strata, sampled);
            stratified.unpersist();
            sample.unpersist();
            out.commit(manifest, true);
            return new Result(out.root(), strata, sampled, pages);
        }
    }

    /**
     * Each flag with its stratum: its rule, and with it the severity or the agency of its evidence
     * ("multi-agency" when the evidence comes from more than one).
     */
    private static Dataset<Row> withStratum(By by, Dataset<Row> flags, Dataset<Row> events) {
        return switch (by) {
            case RULE -> flags.withColumn("stratum", col(Columns.RULE_ID));
            case SEVERITY -> flags.withColumn("stratum", concat_ws(" / ", col(Columns.RULE_ID), col("severity")));
            case AGENCY -> {
                Dataset<Row> agencies = flags.select(col(Columns.FLAG_KEY).as("a_key"), col(Columns.CASE_ID).as("a_case"),
                                explode(split(col(Columns.EVIDENCE_EVENT_IDS), ";")).as("a_event"))
                        // Sorted, not broadcast: one row per evidence event, which Spark's estimate understates.
                        .join(events.select(col(Columns.CASE_ID).as("e_case"), col(Columns.EVENT_ID).as("e_id"), col("agency"))
                                        .hint("merge"),
                                col("a_case").equalTo(col("e_case")).and(col("a_event").equalTo(col("e_id"))))
                        .groupBy("a_key").agg(array_sort(collect_set("agency")).as("agencies"))
                        .select(col("a_key"), when(size(col("agencies")).equalTo(1), col("agencies").getItem(0))
                                .otherwise(lit("multi-agency")).as("evidence_agency"));
                yield flags.join(agencies, col(Columns.FLAG_KEY).equalTo(col("a_key")), "left")
                        .withColumn("stratum", concat_ws(" / ", col(Columns.RULE_ID),
                                coalesce(col("evidence_agency"), lit("unknown"))))
                        .drop("a_key", "evidence_agency");
            }
        };
    }

    private Path completedRun(String dir) {
        Path run = new Path(dir);
        try {
            FileSystem fs = run.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(RunLayout.path(run, Output.SUCCESS)) || !fs.exists(RunLayout.path(run, Output.FLAGS))) {
                throw new UsageException("--run " + dir + " is not a completed scan (no " + Output.SUCCESS.file()
                        + " or no " + Output.FLAGS.file() + "); "
                        + "name a run folder that a scan committed, e.g. out/weekly/runs/as_of=2026-10-31");
            }
            return fs.makeQualified(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode json(Path run, String name) {
        try (InputStream in = run.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(new Path(run, name))) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String manifest(Options o, Path run, JsonNode runManifest, List<Stratum> strata, long sampled) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "sample");
        m.put("sample_id", java.util.UUID.randomUUID().toString());
        m.put("application_version", Version.current());
        m.put("created", java.time.Instant.now().toString());
        m.put("run", display(run));
        m.put("run_id", runManifest.path("run_id").asText());
        m.put("run_as_of", runManifest.path("as_of").asText());
        m.put("seed", o.seed());
        m.put("strata_by", o.by() == By.RULE ? List.of("rule") : List.of("rule", o.by().code()));
        m.put("selection", "within each stratum, flags ordered by SHA-256 of '<seed>|<flag_key>' (then flag key); "
                + "the first n are taken");
        Map<String, Object> size = new LinkedHashMap<>();
        if (o.size() != null) {
            size.put("method", "fixed");
            size.put("n_per_stratum", o.size());
        } else {
            size.put("method", "attribute sampling (binomial, AICPA table method) with finite-population correction");
            size.put("formula", AttributeSampling.FORMULA);
            size.put("confidence", o.plan().confidence());
            size.put("tolerable_deviation_rate", o.plan().tolerable());
            size.put("expected_deviation_rate", o.plan().expected());
            size.put("n0", o.plan().sizeBeforeCorrection());
            size.put("allowed_deviations_at_n0", o.plan().allowedDeviations());
        }
        m.put("size", size);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Stratum s : strata) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("stratum", s.name());
            r.put("population", s.population());
            r.put("planned", s.planned());
            r.put("sampled", s.sampled());
            r.put("taken_whole", s.takenWhole());
            rows.add(r);
        }
        m.put("strata", rows);
        m.put("population", strata.stream().mapToLong(Stratum::population).sum());
        m.put("sampled", sampled);
        return org.chronolens.io.JsonText.pretty(m);
    }

    private static String display(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    /** The pack's front page: the plan per stratum and every sampled flag with a link to its page. */
    private static String index(Options o, Path run, LocalDate asOf, List<Stratum> strata, Dataset<Row> sample) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Stratum s : strata) {
            rows.add(Map.of("stratum", s.name(), "population", s.population(), "planned", s.planned(),
                    "sampled", s.sampled(), "whole", s.takenWhole() ? "yes" : ""));
        }
        // The sample is what auditors read: a few hundred rows at most, so it comes to the driver.
        List<Map<String, Object>> items = new ArrayList<>();
        for (Row r : sample.select("stratum", "rank", Columns.FLAG_KEY, Columns.CASE_ID, Columns.SUBJECT_ID, "explanation", "page")
                .orderBy("stratum", "rank").collectAsList()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("stratum", r.getString(0));
            m.put("rank", r.getInt(1));
            m.put("key", r.getString(2));
            m.put("caseId", r.getString(3));
            m.put("subject", r.isNullAt(4) ? "(family-level)" : r.getString(4));
            m.put("explanation", r.getString(5));
            m.put("href", r.getString(6));
            items.add(m);
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("asOf", asOf.toString());
        scope.put("printHeading", "Audit sample of the run as of " + asOf);
        // The run's folder by name: the page travels to auditors, who need not know where the
        // analyst's disk keeps it (sample-manifest.json keeps the whole path, for the record).
        scope.put("run", run.getName());
        scope.put("seed", o.seed());
        scope.put("version", Version.current());
        scope.put("method", o.size() != null ? "a fixed " + o.size() + " flags per stratum"
                : String.format(java.util.Locale.ROOT, "attribute sampling at %.0f %% confidence, tolerable deviation "
                        + "rate %.1f %%, expected %.1f %% (n0 = %d before the finite-population correction)",
                        o.plan().confidence() * 100, o.plan().tolerable() * 100, o.plan().expected() * 100,
                        o.plan().sizeBeforeCorrection()));
        scope.put("strata", rows);
        scope.put("items", items);
        scope.put("sampled", items.size());
        return Templates.render("sample", scope);
    }
}
