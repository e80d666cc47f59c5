package org.chronolens.report;

import org.chronolens.util.Columns;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.chronolens.util.Version;
import org.chronolens.detect.RuleEntry;
import org.chronolens.spark.BroadcastHadoopConf;
import org.chronolens.ingest.InputRefusedException;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;

import static org.apache.spark.sql.functions.*;

/**
 * Renders a finished run's report into {@code RUN/report/}: the overview on the driver from small
 * aggregates; the per-rule pages and the pages of flagged children on executors, in parallel,
 * straight from the run's Parquet outputs. Nothing is recomputed; re-rendering replaces the report.
 */
public final class ReportJob {

    /** What was written: the children's pages rendered or copied from the earlier run's report. */
    public record Result(String index, long rulePages, ChildPages.Written children) {
        /** Every page: the rule pages, the children's and the landing page. */
        public long pages() {
            return rulePages + children.total() + 1;
        }
    }

    private final SparkSession spark;
    private final List<RuleEntry> entries;

    /** A report for runs of these rules (the catalogue the scan used): their order, descriptions and prompts. */
    public ReportJob(SparkSession spark, List<RuleEntry> entries) {
        this.spark = spark;
        this.entries = List.copyOf(entries);
    }

    /**
     * @param earlierRun the run this one was compared with, whose report's children's pages are
     *                   copied where nothing on them changed; empty when there is none
     */
    public Result render(String runDir, Prompts unbound, java.util.Optional<String> earlierRun) {
        Prompts prompts = unbound.forRules(entries);
        Path run = new Path(runDir);
        String root = RunLayout.path(run, Output.REPORT).toString();
        JsonNode quality = json(run, Output.DATA_QUALITY.file());
        JsonNode thresholds = json(run, Output.THRESHOLDS.file()).path("rules");
        LocalDate asOf = LocalDate.parse(quality.path("as_of").asText());
        fresh(root);
        Path keys = RunLayout.path(run, Output.REPORT_PAGES);
        // The keys are written beside their place and moved into it last, once every page is
        // written: a render that stops half-way leaves no keys, so no later run copies its pages.
        Path keysWriting = new Path(run, keys.getName() + ".writing");
        delete(keys);
        delete(keysWriting);

        Dataset<Row> flags = spark.read().parquet(RunLayout.path(run, Output.FLAGS).toString());
        Dataset<Row> subjects = spark.read().parquet(RunLayout.path(run, Output.SUBJECTS).toString());
        Dataset<Row> events = spark.read().parquet(RunLayout.path(run, Output.EVENTS).toString());

        Map<String, Long> flagsByRule = new LinkedHashMap<>();
        Map<String, Long> subjectsByRule = new HashMap<>();
        Map<String, String> themes = new HashMap<>();
        for (Row r : flags.groupBy(Columns.RULE_ID, "theme")
                .agg(count(lit(1)), countDistinct(col(Columns.CASE_ID), coalesce(col(Columns.SUBJECT_ID), lit(""))))
                .collectAsList()) {
            flagsByRule.put(r.getString(0), r.getLong(2));
            subjectsByRule.put(r.getString(0), r.getLong(3));
            themes.put(r.getString(0), r.getString(1));
        }
        Map<String, Integer> pagesByRule = new HashMap<>();
        flagsByRule.forEach((rule, n) -> pagesByRule.put(rule, (int) ((n + RulePages.PAGE_SIZE - 1) / RulePages.PAGE_SIZE)));
        Map<String, String> params = new HashMap<>();
        thresholds.fields().forEachRemaining(e -> params.put(e.getKey(), Overview.params(e.getKey(), e.getValue())));

        Dataset<Row> firstFlagged = subjects.where(col("flags").gt(0)).groupBy(Columns.CASE_ID)
                .agg(min(Columns.SUBJECT_ID).as("first_flagged"));
        Dataset<Row> paged = flags.join(firstFlagged, Columns.CASE_ID)
                .withColumn("page_subject", coalesce(col(Columns.SUBJECT_ID), col("first_flagged")))
                .withColumn("n", row_number().over(Window.partitionBy(Columns.RULE_ID)
                        .orderBy(Columns.CASE_ID, Columns.SUBJECT_ID, Columns.WINDOW_END, Columns.EVIDENCE_EVENT_IDS)))
                .withColumn("page", expr("cast((n - 1) / " + RulePages.PAGE_SIZE + " as int) + 1"))
                .drop("first_flagged");
        long rulePages = paged.groupBy(Columns.RULE_ID, "page").agg(collect_list(struct(col("*"))).as("flags"))
                .mapPartitions(new RulePages(root, pagesByRule, themes, params, byId(), Templates.runHeading(asOf),
                        BroadcastHadoopConf.of(spark)),
                        Encoders.LONG())
                .collectAsList().stream().mapToLong(Long::longValue).sum();

        Dataset<Row> flaggedCases = subjects.where(col("flags").gt(0)).select(Columns.CASE_ID).distinct();
        FlagReading reading = FlagReading.of(entries, thresholds,
                ReviewTrail.of(run, spark.sparkContext().hadoopConfiguration()));
        Dataset<Row> history = CaseSummary.withHistory(spark, runDir, flags);
        // Only a compared run keeps its pages' keys: the pages of a run that was not compared all say
        // so, and the next run's, compared, differ from every one of them.
        ChildPages.Reuse reuse = earlierRun.isEmpty() ? null : new ChildPages.Reuse(keysWriting.toString(),
                RunLayout.path(new Path(earlierRun.get()), Output.REPORT_PAGES).toString(),
                RunLayout.path(new Path(earlierRun.get()), Output.REPORT).toString(),
                PageKeys.context(ChildPages.code(), List.of(prompts.fingerprint(), thresholds.toString(),
                        entries.stream().map(e -> e.id() + "=" + e.title() + e.promptSections()).toList().toString(),
                        history.schema().json(), subjects.schema().json(), events.schema().json())));
        ChildPages.Written children = ChildPages.write(history, subjects, events, flaggedCases, root, prompts, asOf, reading, reuse);

        Dataset<Row> changes = csvIfThere(run, Output.CHANGES_CSV);
        // Kept for its two uses: the join of every flag's evidence to the events is the largest of them.
        Dataset<Row> evidence = FlagEvidence.of(flags, events).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        List<LandingRow> landing = LandingRows.collect(flags, subjects, evidence, changes,
                csvIfThere(run, Output.ACKNOWLEDGEMENTS_CSV));
        Map<String, Object> scope = overview(run, quality, thresholds, flags, subjects, evidence, flagsByRule,
                subjectsByRule, themes, pagesByRule, params, changes, landing);
        evidence.unpersist();
        scope.put("cohorts", CohortsPage.write(spark.sparkContext().hadoopConfiguration(), run, new Path(root),
                Templates.runHeading(asOf)));
        PageWriter writer = new PageWriter(root, spark.sparkContext().hadoopConfiguration());
        writer.write(PageNames.RUN_DETAILS, Templates.render("run-details", scope));
        writer.write(PageNames.LANDING_ROWS, LandingPage.rowsScript(landing, entries));
        Map<String, Object> first = LandingPage.scope(landing, entries);
        for (String shared : List.of("asOf", "printHeading", "version", "anomalies", "hasAnomalies", "changes")) {
            first.put(shared, scope.get(shared));
        }
        writer.write(PageNames.INDEX, Templates.render("landing", first));
        new PatternsPage(spark.sparkContext().hadoopConfiguration()).write(runDir);
        if (reuse != null) {
            rename(keysWriting, keys);
        }
        return new Result(new Path(root, PageNames.INDEX).toString(), rulePages, children);
    }

    /**
     * Writes, under {@code root}, the page of every flagged child of {@code cases} (a one-column
     * {@code case_id} table), on the executors; returns the number of pages. The audit pack reuses it.
     */
    public static long subjectPages(Dataset<Row> flags, Dataset<Row> subjects, Dataset<Row> events, Dataset<Row> cases,
                                    String root, Prompts prompts, LocalDate asOf) {
        return subjectPages(flags, subjects, events, cases, root, prompts, asOf,
                FlagReading.titles(org.chronolens.detect.rules.Catalogue.standard().entries()));
    }

    /**
     * The same, for a run whose catalogue, parameters and review trail are known: rules by their
     * titles, compliance around scrutiny with its working, each flag with its review trail.
     */
    public static long subjectPages(Dataset<Row> flags, Dataset<Row> subjects, Dataset<Row> events, Dataset<Row> cases,
                                    String root, Prompts prompts, LocalDate asOf, List<RuleEntry> entries, Path run) {
        JsonNode thresholds;
        try (InputStream in = RunLayout.path(run, Output.THRESHOLDS).getFileSystem(
                cases.sparkSession().sparkContext().hadoopConfiguration()).open(RunLayout.path(run, Output.THRESHOLDS))) {
            thresholds = new ObjectMapper().readTree(in).path("rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return subjectPages(flags, subjects, events, cases, root, prompts, asOf, FlagReading.of(entries, thresholds,
                ReviewTrail.of(run, cases.sparkSession().sparkContext().hadoopConfiguration())));
    }

    private static long subjectPages(Dataset<Row> flags, Dataset<Row> subjects, Dataset<Row> events, Dataset<Row> cases,
                                     String root, Prompts prompts, LocalDate asOf, FlagReading reading) {
        return ChildPages.write(flags, subjects, events, cases, root, prompts, asOf, reading, null).total();
    }

    private Map<String, Object> overview(Path run, JsonNode quality, JsonNode thresholds, Dataset<Row> flags,
                                         Dataset<Row> subjects, Dataset<Row> evidence, Map<String, Long> flagsByRule,
                                         Map<String, Long> subjectsByRule, Map<String, String> themes,
                                         Map<String, Integer> pagesByRule, Map<String, String> params,
                                         Dataset<Row> changes, List<LandingRow> landing) {
        Row counts = subjects.agg(count(lit(1)), sum(when(col("flags").gt(0), 1).otherwise(0))).first();
        long scanned = counts.getLong(0);
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Long> byTheme = new LinkedHashMap<>();
        for (String id : entries.stream().map(RuleEntry::id).toList()) {
            long n = flagsByRule.getOrDefault(id, 0L);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("theme", themes.getOrDefault(id, ""));
            r.put("flags", String.format(java.util.Locale.ROOT, "%,d", n));
            r.put("subjects", String.format(java.util.Locale.ROOT, "%,d", subjectsByRule.getOrDefault(id, 0L)));
            r.put("scanned", String.format(java.util.Locale.ROOT, "%,d", scanned));
            List<Map<String, Object>> pages = new ArrayList<>();
            for (int p = 1; p <= pagesByRule.getOrDefault(id, 0); p++) {
                pages.add(Map.of("number", p, "href", RulePages.path(id, p)));
            }
            r.put("pages", pages);
            r.put("firstPage", pages.isEmpty() ? "#rules" : RulePages.path(id, 1));
            rules.add(r);
            if (themes.containsKey(id)) {
                byTheme.merge(themes.get(id), n, Long::sum);
            }
        }
        List<Svg.Bar> agencyBars = new ArrayList<>();
        FlagEvidence.byAgency(evidence).collectAsList()
                .forEach(r -> agencyBars.add(new Svg.Bar(r.getString(0), r.getLong(1))));
        List<Svg.Bar> monthBars = new ArrayList<>();
        flags.groupBy(date_format(col(Columns.WINDOW_END), "yyyy-MM").as("month")).count().orderBy("month").collectAsList()
                .forEach(r -> monthBars.add(new Svg.Bar(r.getString(0), r.getLong(1))));

        Map<String, Object> q = new LinkedHashMap<>();
        q.put("reconciliation", quality.path("reconciliation").asText());
        q.put("reasons", Overview.entries(quality.path("by_reason")));
        q.put("pii", Overview.entries(quality.path("pii_by_kind")));
        if (quality.path("id_identifier_check").asText().startsWith("off")) {
            q.put("idCheckOff", quality.path("id_identifier_check").asText());
        }
        List<String> inputs = new ArrayList<>();
        quality.path("by_file").fieldNames().forEachRemaining(inputs::add);
        List<Map<String, Object>> th = new ArrayList<>();
        Map<String, String> titles = new HashMap<>();
        org.chronolens.detect.rules.Catalogue.standard().entries().forEach(e -> titles.put(e.id(), e.title()));
        thresholds.fieldNames().forEachRemaining(id -> th.add(Map.of("rule", titles.getOrDefault(id, id), "id", id,
                "params", params.get(id))));

        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("asOf", quality.path("as_of").asText());
        scope.put("printHeading", Templates.runHeading(quality.path("as_of").asText()));
        scope.put("version", Version.current());
        scope.put("subjectsScanned", String.format(java.util.Locale.ROOT, "%,d", scanned));
        scope.put("subjectsFlagged", String.format(java.util.Locale.ROOT, "%,d", counts.isNullAt(1) ? 0 : counts.getLong(1)));
        scope.put("flagsTotal", String.format(java.util.Locale.ROOT, "%,d", flagsByRule.values().stream().mapToLong(Long::longValue).sum()));
        scope.put("rules", rules);
        List<Map<String, Object>> themeRows = new ArrayList<>();
        byTheme.forEach((t, n) -> themeRows.add(Map.of("theme", t, "flags", String.format(java.util.Locale.ROOT, "%,d", n))));
        scope.put("themes", themeRows);
        scope.put("chartAgency", Svg.bars("Flags by agency of their evidence", agencyBars));
        scope.put("chartMonth", Svg.bars("Flags by month their window ends", monthBars));
        scope.put("quality", q);
        scope.put("sensitivity", sensitivity(run));
        scope.put("changes", changes == null ? null : changes(changes, flags, landing));
        scope.put("acknowledgements", acknowledgements(run));
        scope.put("inputs", inputs);
        scope.put("thresholds", th);
        monitoring(quality, scope);
        return scope;
    }

    /** The anomalies against the metrics history, and each agency's accepted events over the runs compared. */
    private static void monitoring(JsonNode quality, Map<String, Object> scope) {
        List<String> anomalies = new ArrayList<>();
        quality.path("anomalies").forEach(a -> anomalies.add(a.path("message").asText()));
        scope.put("anomalies", anomalies);
        scope.put("hasAnomalies", !anomalies.isEmpty());
        JsonNode m = quality.path("monitoring");
        if (m.isMissingNode()) {
            return;
        }
        List<Map<String, Object>> trends = new ArrayList<>();
        m.path("accepted_by_agency").fields().forEachRemaining(agency -> {
            List<Svg.Bar> bars = new ArrayList<>();
            agency.getValue().forEach(p -> bars.add(new Svg.Bar(p.path("as_of").asText(), p.path("accepted").asLong())));
            trends.add(Map.of("chart", Svg.bars("Accepted events from " + agency.getKey().replace('_', ' ')
                    + ", run by run", bars)));
        });
        scope.put("monitoring", Map.of("runs", m.path("runs_compared").asInt(), "policy", m.path("policy").asText(),
                "trends", trends));
    }

    /** The run's {@code name} CSV read with its header (every column a string), or null when the run has none. */
    private Dataset<Row> csvIfThere(Path run, Output name) {
        Path file = RunLayout.path(run, name);
        try {
            // A reviewer's reason may run over several lines: a quoted value holds its line breaks.
            return fs(run).exists(file) ? spark.read().option("header", "true").option("multiLine", "true")
                    .option("escape", "\"").csv(file.toString()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * New, continuing and resolved flags per rule, when the run was compared with a previous one,
     * and the new and unseen flags themselves (at most {@link #CHANGED_LISTED}), each linked to
     * its child.
     */
    private Map<String, Object> changes(Dataset<Row> changes, Dataset<Row> flags, List<LandingRow> landing) {
        Map<String, long[]> byRule = new java.util.TreeMap<>();
        long[] total = new long[4];
        List<String> order = List.of("new", "continuing", "resolved", org.chronolens.monitor.Monitored.UNSEEN);
        for (Row r : changes.groupBy(Columns.RULE_ID, "change").count().collectAsList()) {
            int i = order.indexOf(r.getString(1));
            if (i < 0) {
                continue;
            }
            byRule.computeIfAbsent(r.getString(0), k -> new long[4])[i] += r.getLong(2);
            total[i] += r.getLong(2);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byRule.forEach((rule, n) -> rows.add(Map.of("rule", rule, "added", n[0], "continuing", n[1], "resolved", n[2],
                "unseen", n[3])));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("added", total[0]);
        out.put("continuing", total[1]);
        out.put("resolved", total[2]);
        out.put("unseen", total[3]);
        out.put("rules", rows);
        List<Map<String, Object>> changed = ChangedFlags.list(changes, flags, landing, entries, CHANGED_LISTED);
        long listTotal = total[0] + total[3];
        out.put("changed", changed);
        out.put("listCut", listTotal > changed.size());
        out.put("listed", changed.size());
        out.put("listTotal", listTotal);
        return out;
    }

    /** What the report took from the earlier run, for the run's output. */
    public static String copiedLine(ChildPages.Written children) {
        return String.format(java.util.Locale.ROOT, "Report pages: %,d rendered, %,d unchanged since the earlier run (copied)",
                children.rendered(), children.copied());
    }

    /** The run details page lists at most this many new and unseen flags; changes.csv has them all. */
    static final int CHANGED_LISTED = 2_000;

    /** The run's audit trail of acknowledgements, or null when none was given. */
    private Map<String, Object> acknowledgements(Path run) {
        Path file = RunLayout.path(run, Output.ACKNOWLEDGEMENTS_CSV);
        List<Map<String, Object>> rows = new ArrayList<>();
        long inForce = 0;
        long reopened = 0;
        try {
            if (!fs(run).exists(file)) {
                return null;
            }
            try (InputStream in = fs(run).open(file)) {
                for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (String c : List.of("line", Columns.FLAG_KEY, "reviewer", "date", "outcome", "reason", "status")) {
                        m.put(c, r.get(c));
                    }
                    inForce += r.get("status").equals("acknowledged") ? 1 : 0;
                    reopened += r.get("status").startsWith("reopened") ? 1 : 0;
                    rows.add(m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("rows", rows, "inForce", inForce, "reopened", reopened, "total", rows.size());
    }

    private List<Map<String, Object>> sensitivity(Path run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (InputStream in = fs(run).open(RunLayout.path(run, Output.SENSITIVITY_CSV))) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                rows.add(Map.of("rule", r.get(Columns.RULE_ID), "variant", r.get("variant"), "count", r.get("count"),
                        "days", r.get("days"), "flagged", r.get("subjects_flagged")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private JsonNode json(Path run, String name) {
        Path file = new Path(run, name);
        try {
            if (!fs(run).exists(file)) {
                throw new InputRefusedException(run + " is not a completed scan: " + name + " is missing. "
                        + "Run scan first, or name the folder a scan wrote");
            }
            try (InputStream in = fs(run).open(file)) {
                return new ObjectMapper().readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalogue's entries by rule id, for the executors that write the rule pages. */
    private HashMap<String, RuleEntry> byId() {
        HashMap<String, RuleEntry> out = new HashMap<>();
        entries.forEach(e -> out.put(e.id(), e));
        return out;
    }

    private void fresh(String root) {
        try {
            Path p = new Path(root);
            FileSystem fs = fs(p);
            fs.delete(p, true);
            fs.mkdirs(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rename(Path from, Path to) {
        try {
            if (!fs(from).rename(from, to)) {
                throw new IOException("could not rename " + from + " to " + to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run's page keys of an earlier render, replaced as its report is. */
    private void delete(Path p) {
        try {
            fs(p).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileSystem fs(Path p) throws IOException {
        return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }
}
