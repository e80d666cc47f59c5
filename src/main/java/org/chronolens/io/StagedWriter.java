package org.chronolens.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a run's outputs into its staging folder: text as given, and Spark's rows as Parquet, CSV
 * or JSON Lines. A file people read is written by one task, sorted, so that its bytes do not
 * depend on partitioning.
 */
final class StagedWriter {

    private final FileSystem fs;
    private final Path root;

    StagedWriter(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    void writeText(String name, String text) {
        try (OutputStream out = fs.create(new Path(root, name), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeParquet(String name, Dataset<Row> rows) {
        rows.write().mode(SaveMode.Overwrite).parquet(new Path(root, name).toString());
    }

    /**
     * A small output as Parquet in one sorted file: one task sorts, so the file does not depend on
     * partitioning, and no sampling job is needed as for a global sort.
     */
    void writeParquet(String name, Dataset<Row> rows, Column... sortBy) {
        writeParquet(name, rows.repartition(1).sortWithinPartitions(sortBy));
    }

    /**
     * One CSV file (RFC 4180, header, UTF-8), sorted: a single task writes a part file into a
     * scratch folder, which is then renamed to {@code name}. Cells that a spreadsheet would run as
     * a formula are neutralised first.
     */
    void writeCsv(String name, Dataset<Row> rows, Column... sortBy) {
        single(name, SpreadsheetSafe.neutralise(rows).repartition(1).sortWithinPartitions(sortBy).write()
                .option("header", "true")
                .option("quote", "\"")
                .option("escape", "\"")
                .option("emptyValue", "")
                .option("lineSep", "\n")
                .option("dateFormat", "yyyy-MM-dd")
                .format("csv"), String.join(",", rows.columns()) + "\n");
    }

    /** One JSON Lines file (one object per line), sorted, the same way. */
    void writeJsonLines(String name, Dataset<Row> rows, Column... sortBy) {
        single(name, rows.repartition(1).sortWithinPartitions(sortBy).write()
                .option("dateFormat", "yyyy-MM-dd")
                .option("lineSep", "\n")
                .format("json"), "");
    }

    // Spark writes no part file for no rows: the file is then `empty` (a CSV's header).
    private void single(String name, DataFrameWriter<Row> writer, String empty) {
        Path scratch = new Path(root, "_" + name + ".parts");
        writer.mode(SaveMode.Overwrite).save(scratch.toString());
        try {
            FileStatus[] parts = fs.globStatus(new Path(scratch, "part-*"));
            Path file = new Path(root, name);
            fs.delete(file, false);
            if (parts.length == 1) {
                fs.rename(parts[0].getPath(), file);
            } else {
                writeText(name, empty);
            }
            fs.delete(scratch, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits, a minute at most, until the application's executors run no task (none to wait for
     * without Spark). The scheduler counts a cancelled task as running until its executor says it
     * has stopped.
     */
    static void awaitRunningTasks() {
        scala.Option<org.apache.spark.sql.SparkSession> session = org.apache.spark.sql.SparkSession.getActiveSession()
                .isDefined() ? org.apache.spark.sql.SparkSession.getActiveSession()
                : org.apache.spark.sql.SparkSession.getDefaultSession();
        if (session.isEmpty() || session.get().sparkContext().isStopped()) {
            return;
        }
        org.apache.spark.SparkStatusTracker tracker = session.get().sparkContext().statusTracker();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (java.util.Arrays.stream(tracker.getExecutorInfos()).anyMatch(e -> e.numRunningTasks() > 0)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
