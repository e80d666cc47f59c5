package org.chronolens.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The folder a command writes into, on any Hadoop file system. A run creates it; an existing
 * non-empty folder is refused unless the user asked to overwrite it.
 */
public final class OutputFolder {

    private final FileSystem fs;
    private final Path root;

    private OutputFolder(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /** Checks the folder can be used, without creating it yet (so that a refused input leaves nothing). */
    public static OutputFolder claim(String dir, boolean overwrite, Configuration hadoop) {
        try {
            Path root = new Path(dir);
            FileSystem fs = root.getFileSystem(hadoop);
            fs.setWriteChecksum(false); // no hidden .crc file beside every output
            if (fs.exists(root)) {
                FileStatus status = fs.getFileStatus(root);
                if (!status.isDirectory()) {
                    throw new UsageException("--out " + dir + " is a file, not a folder");
                }
                if (fs.listStatus(root).length > 0 && !overwrite) {
                    throw new UsageException("output folder " + dir + " exists and is not empty; choose another "
                            + "--out or add --overwrite to replace its contents");
                }
            }
            return new OutputFolder(fs, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties (when overwriting) and creates the folder. */
    public OutputFolder create() {
        try {
            if (fs.exists(root)) {
                for (FileStatus child : fs.listStatus(root)) {
                    fs.delete(child.getPath(), true);
                }
            }
            fs.mkdirs(root);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String path(String name) {
        return new Path(root, name).toString();
    }

    public String root() {
        return root.toString();
    }

    public void writeText(String name, String text) {
        try (OutputStream out = fs.create(new Path(root, name), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeParquet(String name, Dataset<Row> rows) {
        rows.write().mode(SaveMode.Overwrite).parquet(path(name));
    }

    /**
     * Writes one CSV file (RFC 4180, header, UTF-8), sorted, through Spark: a single task writes a
     * part file into a scratch folder, which is then renamed to {@code name}. Cells that a
     * spreadsheet would run as a formula are neutralised first.
     */
    public void writeCsv(String name, Dataset<Row> rows, Column... sortBy) {
        single(name, rows, SpreadsheetSafe.neutralise(rows).repartition(1).sortWithinPartitions(sortBy).write()
                .option("header", "true")
                .option("quote", "\"")
                .option("escape", "\"")
                .option("emptyValue", "")
                .option("lineSep", "\n")
                .option("dateFormat", "yyyy-MM-dd")
                .format("csv"), String.join(",", rows.columns()) + "\n");
    }

    /** Writes one JSON Lines file (one object per line), sorted, the same way. */
    public void writeJsonLines(String name, Dataset<Row> rows, Column... sortBy) {
        single(name, rows, rows.repartition(1).sortWithinPartitions(sortBy).write()
                .option("dateFormat", "yyyy-MM-dd")
                .option("lineSep", "\n")
                .format("json"), "");
    }

    // One task sorts and writes, so the file's order (and bytes) do not depend on partitioning.
    private void single(String name, Dataset<Row> rows, org.apache.spark.sql.DataFrameWriter<Row> writer, String empty) {
        Path scratch = new Path(root, "_" + name + ".parts");
        writer.mode(SaveMode.Overwrite).save(scratch.toString());
        try {
            FileStatus[] parts = fs.globStatus(new Path(scratch, "part-*"));
            Path target = new Path(root, name);
            fs.delete(target, false);
            if (parts.length == 1) {
                fs.rename(parts[0].getPath(), target);
            } else {
                writeText(name, empty);
            }
            fs.delete(scratch, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
