import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import static org.apache.spark.sql.functions.col;

/**
 * The least a Spark job on the benchmark's input does, for docs/performance.md: what any scan built
 * on Spark pays on this machine before it checks a value or runs a rule. Not part of the application.
 *
 *   copy IN OUT     Spark's own CSV reader over the agency files, written as Parquet: nothing else.
 *   scan IN OUT     Spark's own CSV reader over the agency files, de-duplication by event_id, the
 *                   events written as Parquet, then one grouping by case with a trivial rule (three
 *                   or more missed appointments) whose cases are written as Parquet.
 *   report RUN OUT  a scan's events and flags read back, the flagged children's events grouped by
 *                   child, and one small HTML file per child (its event count) written with plain
 *                   java.nio, as the report writes its pages.
 *
 * Run with the application's JVM options and classpath (jobs/benchmark --floor does).
 */
public final class SparkFloor {

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !java.util.List.of("copy", "scan", "report").contains(args[0])) {
            System.err.println("usage: SparkFloor copy IN OUT | SparkFloor scan IN OUT | SparkFloor report RUN OUT");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[*]").appName("spark-floor")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "16")
                .config("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        long t1 = System.nanoTime();
        long n = switch (args[0]) {
            case "copy" -> copy(spark, args[1], args[2]);
            case "scan" -> scan(spark, args[1], args[2]);
            default -> report(spark, args[1], args[2]);
        };
        long t2 = System.nanoTime();
        System.err.printf("[stage] spark   %.1f s%n[stage] %s   %,d %s   %.1f s%n", (t1 - t0) / 1e9, args[0], n,
                args[0].equals("report") ? "pages" : args[0].equals("scan") ? "cases" : "files", (t2 - t1) / 1e9);
        spark.stop();
    }

    private static long copy(SparkSession spark, String in, String out) throws Exception {
        spark.read().option("header", "true").csv(in).write().parquet(out + "/events");
        try (var files = Files.list(Path.of(out, "events"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
        }
    }

    private static long scan(SparkSession spark, String in, String out) {
        Dataset<Row> events = spark.read().option("header", "true").csv(in).dropDuplicates("event_id");
        events.write().parquet(out + "/events");
        Dataset<Row> written = spark.read().parquet(out + "/events");
        Dataset<String> flagged = written.groupByKey((MapFunction<Row, String>) r -> r.getAs("case_id"), Encoders.STRING())
                .mapGroups((MapGroupsFunction<String, Row, String>) (caseId, rows) -> {
                    int missed = 0;
                    while (rows.hasNext()) {
                        if ("did_not_attend".equals(rows.next().getAs("outcome"))) {
                            missed++;
                        }
                    }
                    return missed >= 3 ? caseId : null;
                }, Encoders.STRING())
                .filter((FilterFunction<String>) c -> c != null);
        flagged.write().parquet(out + "/flags");
        return spark.read().parquet(out + "/flags").count();
    }

    private static long report(SparkSession spark, String run, String out) throws Exception {
        Path pages = Files.createDirectories(Path.of(out, "pages"));
        Dataset<Row> children = spark.read().parquet(run + "/flags").where(col("subject_id").isNotNull())
                .select("case_id", "subject_id").distinct();
        Dataset<Row> events = spark.read().parquet(run + "/events").select("case_id", "subject_id", "event_id");
        String folder = pages.toString();
        events.join(children, new String[] {"case_id", "subject_id"})
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0) + "-" + r.getString(1), Encoders.STRING())
                .mapGroups((MapGroupsFunction<String, Row, String>) (child, rows) -> {
                    int n = 0;
                    for (Iterator<Row> it = rows; it.hasNext(); it.next()) {
                        n++;
                    }
                    return child + "\t" + n;
                }, Encoders.STRING())
                .foreachPartition((ForeachPartitionFunction<String>) it -> {
                    while (it.hasNext()) {
                        String[] p = it.next().split("\t");
                        Files.writeString(Path.of(folder, p[0] + ".html"), "<!doctype html><title>" + p[0]
                                + "</title><p>" + p[1] + " events</p>\n", StandardCharsets.UTF_8);
                    }
                });
        try (var files = Files.list(pages)) {
            return files.count();
        }
    }
}
