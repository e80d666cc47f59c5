package org.chronolens.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.spark.BroadcastHadoopConf;
import org.chronolens.util.Columns;
import scala.Tuple2;

import static org.apache.spark.sql.functions.*;

/**
 * The pages of flagged children, most of a report: rendered on the executors, or, when the run is
 * compared with an earlier one whose report holds a case's pages with the same {@link PageKeys key},
 * copied from that report. A copied page is byte for byte the page a full render would write: a
 * child's page holds nothing that changes when its case did not (the run's as-of date and heading
 * come from the run's style sheet, {@link StyleSheet#RUN_CSS}).
 */
public final class ChildPages {

    /** How many children's pages were rendered and how many copied from the earlier report. */
    public record Written(long rendered, long copied) {
        public long total() {
            return rendered + copied;
        }
    }

    /**
     * Where a run keeps its page keys and finds the earlier run's: the keys are written to
     * {@code keys}; {@code earlierKeys} and {@code earlierReport} are null when there is no earlier
     * run to take pages from.
     */
    record Reuse(String keys, String earlierKeys, String earlierReport, String context) {
    }

    private ChildPages() {
    }

    /**
     * Writes, under {@code root}, the run's style sheet and the page of every flagged child of
     * {@code cases} (a one-column {@code case_id} table); with {@code reuse}, writes the cases' keys
     * and copies the pages of the cases the earlier report holds unchanged.
     */
    static Written write(Dataset<Row> flags, Dataset<Row> subjects, Dataset<Row> events, Dataset<Row> cases, String root,
                         Prompts prompts, LocalDate asOf, FlagReading reading, Reuse reuse) {
        SparkSession spark = cases.sparkSession();
        new PageWriter(root, spark.sparkContext().hadoopConfiguration()).write(StyleSheet.RUN_CSS, StyleSheet.run(asOf));
        if (reuse == null) {
            return new Written(render(flags, subjects, events, cases, root, prompts, asOf, reading), 0);
        }
        PageKeys.of(flags, subjects, events, cases, reuse.context()).coalesce(1).write().parquet(reuse.keys());
        Dataset<Row> keys = spark.read().parquet(reuse.keys());
        if (reuse.earlierKeys() == null || !exists(spark, reuse.earlierKeys()) || !exists(spark, reuse.earlierReport())) {
            return new Written(render(flags, subjects, events, cases, root, prompts, asOf, reading), 0);
        }
        Dataset<Row> earlier = spark.read().parquet(reuse.earlierKeys())
                .select(col(Columns.CASE_ID).as("p_case"), col(PageKeys.KEY).as("p_key"));
        org.apache.spark.sql.Column same = col(Columns.CASE_ID).equalTo(col("p_case")).and(col(PageKeys.KEY).equalTo(col("p_key")));
        int tasks = 2 * spark.sparkContext().defaultParallelism();
        // Copying is a side effect: its results are collected once (a count per task and the few
        // cases whose folder was missing), never recomputed.
        List<Tuple2<String, Long>> copiedByTask = keys.join(earlier, same, "left_semi").repartition(tasks)
                .mapPartitions(new CopyPages(reuse.earlierReport(), root, BroadcastHadoopConf.of(spark)),
                        Encoders.tuple(Encoders.STRING(), Encoders.LONG()))
                .collectAsList();
        long copied = 0;
        List<String> missing = new ArrayList<>();
        for (Tuple2<String, Long> t : copiedByTask) {
            if (t._1() == null) {
                copied += t._2();
            } else {
                missing.add(t._1());
            }
        }
        Dataset<Row> changed = keys.join(earlier, same, "left_anti").select(Columns.CASE_ID);
        if (!missing.isEmpty()) {
            changed = changed.union(spark.createDataset(missing, Encoders.STRING()).toDF(Columns.CASE_ID));
        }
        return new Written(render(flags, subjects, events, changed, root, prompts, asOf, reading), copied);
    }

    private static long render(Dataset<Row> flags, Dataset<Row> subjects, Dataset<Row> events, Dataset<Row> cases,
                               String root, Prompts prompts, LocalDate asOf, FlagReading reading) {
        // Rendering is CPU work on little data, which adaptive execution would coalesce into one
        // task: spread the cases over every core (a partition count given explicitly is kept).
        // Each input is partitioned by case that way before it is grouped, so the groupings and
        // their joins need no further shuffle: the events, notes and all, cross the network once.
        int tasks = 2 * cases.sparkSession().sparkContext().defaultParallelism();
        Dataset<Row> caseEvents = events.join(cases, Columns.CASE_ID).repartition(tasks, col(Columns.CASE_ID))
                .groupBy(Columns.CASE_ID).agg(collect_list(struct(col("*"))).as("events"));
        Dataset<Row> caseFlags = flags.join(cases, Columns.CASE_ID).repartition(tasks, col(Columns.CASE_ID))
                .groupBy(Columns.CASE_ID).agg(collect_list(struct(col("*"))).as("flags"));
        Dataset<Row> caseSubjects = subjects.join(cases, Columns.CASE_ID).repartition(tasks, col(Columns.CASE_ID))
                .groupBy(Columns.CASE_ID).agg(collect_list(struct(col("*"))).as("subjects"));
        return caseEvents.join(caseFlags, Columns.CASE_ID).join(caseSubjects, Columns.CASE_ID)
                .mapPartitions(new SubjectPages(root, prompts, asOf, reading, BroadcastHadoopConf.of(cases.sparkSession())),
                        Encoders.LONG())
                .collectAsList().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What renders the pages, for the keys: the application's jar by its content, the names of
     * the jars beside it (Spark's and the libraries', each name carrying its version), and the
     * Java; classes outside a jar (a build tree, the tests) only within this JVM.
     */
    static String code() {
        String runtime = org.chronolens.util.Version.current() + " java " + System.getProperty("java.specification.version")
                + " spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " "
                + java.util.Arrays.stream(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator))
                        .map(p -> java.nio.file.Paths.get(p).getFileName()).filter(java.util.Objects::nonNull)
                        .map(Object::toString).sorted().toList();
        try {
            java.net.URL where = ChildPages.class.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path file = java.nio.file.Paths.get(where.toURI());
            if (java.nio.file.Files.isRegularFile(file)) {
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        sha.update(buffer, 0, n);
                    }
                }
                return runtime + " " + java.util.HexFormat.of().formatHex(sha.digest());
            }
        } catch (Exception e) {
            // Not a file on this disk: fall through to this JVM's own.
        }
        return runtime + " " + THIS_JVM;
    }

    private static final String THIS_JVM = java.util.UUID.randomUUID().toString();

    private static boolean exists(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies each case's pages from the earlier report; emits, per task, the number of children's
     * pages copied (with a null case), and each case the earlier report does not hold whole (with
     * its id), to be rendered instead.
     */
    private record CopyPages(String from, String root, BroadcastHadoopConf hadoop)
            implements MapPartitionsFunction<Row, Tuple2<String, Long>>, Serializable {

        @Override
        public Iterator<Tuple2<String, Long>> call(Iterator<Row> cases) {
            PageWriter writer = new PageWriter(root, hadoop.get());
            List<Tuple2<String, Long>> out = new ArrayList<>();
            long pages = 0;
            while (cases.hasNext()) {
                Row c = cases.next();
                String caseId = c.getAs(Columns.CASE_ID);
                List<String> children = c.getList(c.fieldIndex(PageKeys.CHILDREN));
                // Only the pages the case should have, by name: each flagged child's page and the
                // parts of its chronology. A page missing from the earlier report has the whole
                // case rendered instead (a page copied before is rendered over).
                boolean whole = true;
                for (String child : children) {
                    if (!writer.copy(from, PageNames.subjectPage(caseId, child))) {
                        whole = false;
                        break;
                    }
                    for (int part = 1; writer.copy(from, PageNames.caseFolder(caseId) + PageNames.partFile(child, part)); part++) {
                        // every part there is
                    }
                }
                if (whole) {
                    pages += children.size();
                } else {
                    out.add(new Tuple2<>(caseId, 0L));
                }
            }
            out.add(new Tuple2<>(null, pages));
            return out.iterator();
        }
    }
}
