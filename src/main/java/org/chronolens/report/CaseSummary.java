package org.chronolens.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * The case summary that opens a child's page, on screen and as the first printed sheet a team
 * manager takes to a meeting: each flag's sentence, its window and how many events are its
 * evidence, what is new since the earlier run the scan was compared with (or that it was not
 * compared), and the review trail of the child's flags when the run was given acknowledgements.
 *
 * <p>Two halves. {@link #withHistory} runs on the driver before the pages are rendered: it joins
 * the run's {@code changes.csv} and {@code acknowledgements.csv}, when the run has them, onto the
 * flags as two extra columns ({@code change}; {@code trail}, a flag's acknowledgements), so each
 * child's page finds them on its own flags with no file read on the executors. {@link #of} is
 * pure: it turns a page's flags into the template's scope.
 */
public final class CaseSummary {

    /** The column {@link #withHistory} adds when the run was compared with an earlier one. */
    static final String CHANGE = "change";
    /** The column {@link #withHistory} adds when the run was given acknowledgements. */
    static final String TRAIL = "trail";

    private static final List<String> TRAIL_COLUMNS = List.of("line", "reviewer", "date", "outcome", "reason", "status");

    private CaseSummary() {
    }

    /**
     * The flags with what the run knows of their history: {@value #CHANGE} from {@code changes.csv}
     * (new, continuing) and {@value #TRAIL}, the acknowledgements of the flag in the order they were
     * given, from {@code acknowledgements.csv}. A column is added only when its file exists, so a
     * page can tell "not compared" from "nothing new".
     */
    public static Dataset<Row> withHistory(SparkSession spark, String runDir, Dataset<Row> flags) {
        Path run = new Path(runDir);
        Path changes = RunLayout.path(run, Output.CHANGES_CSV);
        Path acks = RunLayout.path(run, Output.ACKNOWLEDGEMENTS_CSV);
        Dataset<Row> out = flags;
        if (exists(spark, changes)) {
            Dataset<Row> c = csv(spark, changes).select(col(Columns.FLAG_KEY).as("c_key"), col("change").as(CHANGE))
                    .dropDuplicates("c_key");
            out = out.join(c, out.col(Columns.FLAG_KEY).equalTo(c.col("c_key")), "left").drop("c_key");
        }
        if (exists(spark, acks)) {
            Dataset<Row> a = csv(spark, acks).groupBy(col(Columns.FLAG_KEY).as("a_key"))
                    .agg(collect_list(struct(TRAIL_COLUMNS.stream().map(n -> col(n)).toArray(org.apache.spark.sql.Column[]::new)))
                            .as(TRAIL));
            out = out.join(a, out.col(Columns.FLAG_KEY).equalTo(a.col("a_key")), "left").drop("a_key");
        }
        return out;
    }

    private static Dataset<Row> csv(SparkSession spark, Path file) {
        return spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(file.toString());
    }

    private static boolean exists(SparkSession spark, Path file) {
        try {
            return file.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The summary of a child's page.
     *
     * @param flags the page's flags, in the page's order, as {@link #withHistory} left them
     */
    static Map<String, Object> of(List<Row> flags, FlagReading reading) {
        boolean compared = !flags.isEmpty() && has(flags.get(0), CHANGE);
        boolean reviewed = !flags.isEmpty() && has(flags.get(0), TRAIL);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> trail = new ArrayList<>();
        int added = 0;
        int continuing = 0;
        for (Row f : flags) {
            Map<String, Object> m = new LinkedHashMap<>();
            String rule = f.getAs(Columns.RULE_ID);
            m.put("anchor", SubjectPages.anchor(f));
            // In a reviewer's words, as the flag itself below: its title, and how far past the threshold.
            m.put("title", reading.title(rule));
            m.put("past", FlagReading.pastThreshold(f.<String>getAs("severity")));
            m.put("explanation", f.getAs("explanation"));
            m.put("windowStart", f.getAs(Columns.WINDOW_START).toString());
            m.put("windowEnd", f.getAs(Columns.WINDOW_END).toString());
            m.put("evidenceCount", new LinkedHashSet<>(Arrays.asList(f.<String>getAs(Columns.EVIDENCE_EVENT_IDS).split(";"))).size());
            m.put("review", f.getAs("review"));
            if (compared) {
                String change = f.getAs(CHANGE);
                boolean isNew = "new".equals(change);
                added += isNew ? 1 : 0;
                continuing += "continuing".equals(change) ? 1 : 0;
                m.put("isNew", isNew);
                m.put("change", change == null ? "not in the comparison" : change);
            }
            if (reviewed && !f.isNullAt(f.fieldIndex(TRAIL))) {
                for (Row t : f.<Row>getList(f.fieldIndex(TRAIL))) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("title", reading.title(rule));
                    r.put("anchor", m.get("anchor"));
                    for (String c : TRAIL_COLUMNS) {
                        r.put(c, t.getAs(c));
                    }
                    r.put("outcome", ReviewTrail.outcome(t.getAs("outcome")));
                    trail.add(r);
                }
            }
            rows.add(m);
        }
        trail.sort(Comparator.comparingLong(r -> line((String) r.get("line"))));
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("rows", rows);
        scope.put("count", rows.size());
        scope.put("compared", compared ? Map.of("added", added, "continuing", continuing) : null);
        scope.put("notCompared", !compared);
        scope.put("reviewed", reviewed ? Map.of("trail", trail, "empty", trail.isEmpty()) : null);
        scope.put("notReviewed", !reviewed);
        return scope;
    }

    private static boolean has(Row r, String field) {
        return r.schema() != null && Arrays.asList(r.schema().fieldNames()).contains(field);
    }

    private static long line(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
