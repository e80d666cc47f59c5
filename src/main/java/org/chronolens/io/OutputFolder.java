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
 * The folder a command writes into, on any Hadoop file system, written all or nothing: a run
 * writes into a hidden staging folder beside it ({@code .NAME.staging-ID}) and {@link #commit}
 * renames that into place once every output is there, then marks it with {@code _SUCCESS}. A run
 * that crashes or is killed leaves only its staging folder, which the next run into the same
 * folder removes. An existing non-empty folder is refused unless the user asked to overwrite it;
 * it is then replaced only at the commit.
 */
public final class OutputFolder {

    public static final String SUCCESS = "_SUCCESS";
    public static final String MANIFEST = "manifest.json";

    private final FileSystem fs;
    private final Path target;
    private final Path root;

    private OutputFolder(FileSystem fs, Path target, Path staging) {
        this.fs = fs;
        this.target = target;
        this.root = staging;
    }

    /** Checks the folder can be used, without creating it yet (so that a refused input leaves nothing). */
    public static OutputFolder claim(String dir, boolean overwrite, Configuration hadoop) {
        try {
            // Qualified (absolute), so that executors on other machines or in other folders write to the same place.
            FileSystem fs = new Path(dir).getFileSystem(hadoop);
            Path root = fs.makeQualified(new Path(dir));
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
            Path staging = new Path(root.getParent() == null ? new Path(".") : root.getParent(),
                    "." + root.getName() + ".staging-" + java.util.UUID.randomUUID());
            return new OutputFolder(fs, root, staging);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes what crashed runs into this folder left behind, and creates this run's staging folder. */
    public OutputFolder create() {
        try {
            // A run killed mid-commit may also have left the previous run moved aside (".replaced-").
            FileStatus[] stale = fs.globStatus(new Path(root.getParent(), "." + target.getName() + ".{staging,replaced}-*"));
            if (stale != null) {
                for (FileStatus s : stale) {
                    fs.delete(s.getPath(), true);
                }
            }
            fs.mkdirs(root);
            // Run folders hold case data: only their owner may enter them, unless configured otherwise.
            fs.setPermission(root, new org.apache.hadoop.fs.permission.FsPermission(permission()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts the run in place: writes the manifest, renames the staging folder to the target (moving
     * a previous run aside first and deleting it after), and marks a successful run with
     * {@code _SUCCESS}, last, so that a folder with {@code _SUCCESS} is always complete.
     */
    public void commit(String manifestJson, boolean success) {
        commit(MANIFEST, manifestJson, success);
    }

    /** As {@link #commit(String, boolean)}, with the manifest under another name. */
    public void commit(String manifestName, String manifestJson, boolean success) {
        writeText(manifestName, manifestJson);
        try {
            Path old = null;
            if (fs.exists(target)) {
                old = new Path(root.getParent(), "." + target.getName() + ".replaced-" + java.util.UUID.randomUUID());
                if (!fs.rename(target, old)) {
                    throw new IOException("cannot move the previous " + target + " aside");
                }
            }
            if (!fs.rename(root, target)) {
                throw new IOException("cannot rename " + root + " to " + target);
            }
            if (success) {
                fs.create(new Path(target, SUCCESS), true).close();
            }
            if (old != null) {
                fs.delete(old, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run folder's permission, octal: {@code CHRONOLENS_OUTPUT_PERMISSION} when set (e.g. 750 to
     * let a reviewers' group read runs), else 700.
     */
    static String permission() {
        String p = System.getenv("CHRONOLENS_OUTPUT_PERMISSION");
        if (p == null || p.isBlank()) {
            return "700";
        }
        if (!p.strip().matches("[0-7]{3}")) {
            throw new UsageException("CHRONOLENS_OUTPUT_PERMISSION '" + p + "' is not an octal permission such as 700 or 750");
        }
        return p.strip();
    }

    /** The staging folder as a local path, for writers that do not go through Hadoop (the generator). */
    public java.nio.file.Path localWorkingRoot() {
        if (!"file".equals(root.toUri().getScheme())) {
            throw new UsageException("--out " + target + " must be a local folder for this command");
        }
        return java.nio.file.Paths.get(root.toUri().getPath());
    }

    /** Where this run is writing now (the staging folder), for stages that read back what it wrote. */
    public String workingRoot() {
        return root.toString();
    }

    /** Where a file will be once the run is committed, as the user named the folder. */
    public String path(String name) {
        return display(new Path(target, name));
    }

    private Path staged(String name) {
        return new Path(root, name);
    }

    /** The target as the user named it: a local path without its scheme. */
    public String root() {
        return display(target);
    }

    private static String display(Path p) {
        return "file".equals(p.toUri().getScheme()) ? relative(p.toUri().getPath()) : p.toString();
    }

    private static String relative(String absolute) {
        java.nio.file.Path cwd = java.nio.file.Paths.get("").toAbsolutePath();
        java.nio.file.Path p = java.nio.file.Paths.get(absolute);
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : absolute;
    }

    public void writeText(String name, String text) {
        try (OutputStream out = fs.create(new Path(root, name), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeParquet(String name, Dataset<Row> rows) {
        rows.write().mode(SaveMode.Overwrite).parquet(staged(name).toString());
    }

    /**
     * Writes a small output as Parquet in one sorted file: one task sorts, so the file does not
     * depend on partitioning, and no sampling job is needed as for a global sort.
     */
    public void writeParquet(String name, Dataset<Row> rows, Column... sortBy) {
        writeParquet(name, rows.repartition(1).sortWithinPartitions(sortBy));
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
}
