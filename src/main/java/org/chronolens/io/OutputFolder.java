package org.chronolens.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The folder a command writes into, on any Hadoop file system, written all or nothing, by one run
 * at a time, never into its own inputs.
 *
 * <ul>
 *   <li>{@link #claim} checks where the folder is (never an input, over an input or inside an input
 *   folder), takes the folder's {@link RunLock}, tidies what dead runs left, and refuses a folder
 *   that holds anything but an earlier run unless it is empty. Nothing is created but the lock.</li>
 *   <li>{@link #create} makes the run's staging folder beside the target ({@code .NAME.staging-RUNID},
 *   owner-only), where every output is written.</li>
 *   <li>{@link #commit} writes the manifest and, for a successful run, {@code _SUCCESS} into the
 *   staging folder, makes every file in it owner-only, moves a previous run aside
 *   ({@code .NAME.replaced-RUNID}), renames the staging folder into place and only then deletes the
 *   previous run. A rename is the moment the run appears, whole.</li>
 *   <li>{@link #close} releases the lock and removes this run's staging folder if it never committed.</li>
 * </ul>
 *
 * A run killed at any step leaves either the previous run in place or, between the two renames,
 * the previous run moved aside: the next run into the folder puts it back before anything else.
 */
public final class OutputFolder implements AutoCloseable {

    public static final String SUCCESS = "_SUCCESS";
    public static final String MANIFEST = "manifest.json";
    public static final String SAMPLE_MANIFEST = "sample-manifest.json";

    /** Commands whose manifests mark a folder as an earlier run that --overwrite may replace. */
    private static final Set<String> COMMANDS = Set.of("validate", "scan", "job", "generate", "sample", "discover",
            "audit-summary");

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * Where a command writes: the folder as the user named it, whether an earlier run there may be
     * replaced, the paths the run reads (never written into), and the manifest's file name.
     */
    public record Target(String dir, boolean overwrite, List<String> inputs, String manifestName) {
        public static Target of(String dir) {
            return new Target(dir, false, List.of(), MANIFEST);
        }

        public Target overwrite(boolean replace) {
            return new Target(dir, replace, inputs, manifestName);
        }

        /** Files and folders the run reads: the folder may not be one of them, hold one or lie inside one. */
        public Target reading(List<String> paths) {
            return new Target(dir, overwrite, List.copyOf(paths), manifestName);
        }

        public Target manifest(String name) {
            return new Target(dir, overwrite, inputs, name);
        }
    }

    private final FileSystem fs;
    private final Path target;
    private final Path root;
    private final String runId;
    private final String manifestName;
    private final RunLock lock;
    private final List<Path> createdParents;
    private boolean created;
    private boolean committed;

    private OutputFolder(FileSystem fs, Path target, String runId, String manifestName, RunLock lock,
                         List<Path> createdParents) {
        this.fs = fs;
        this.target = target;
        this.runId = runId;
        this.root = sibling(target, ".staging-" + runId);
        this.manifestName = manifestName;
        this.lock = lock;
        this.createdParents = createdParents;
    }

    /** As {@link #claim(Target, Configuration)} for a folder that reads nothing the user named. */
    public static OutputFolder claim(String dir, boolean overwrite, Configuration hadoop) {
        return claim(Target.of(dir).overwrite(overwrite), hadoop);
    }

    /**
     * Checks the folder can be used and takes it for this run (see the class comment); refuses with
     * a {@link UsageException} that says why and leaves everything as it was.
     */
    public static OutputFolder claim(Target t, Configuration hadoop) {
        refuseObjectStore("--out", t.dir());
        try {
            // Qualified (absolute), so that executors on other machines or in other folders write to the same place.
            FileSystem fs = new Path(t.dir()).getFileSystem(hadoop);
            fs.setWriteChecksum(false); // no hidden .crc file beside every output
            Path target = RealPaths.real(fs, fs.makeQualified(new Path(t.dir())));
            if (target.getParent() == null) {
                throw new UsageException("--out " + t.dir() + " is the root of a file system; name a folder for the run");
            }
            for (String input : t.inputs()) {
                Path in = new Path(input);
                RealPaths.refuseOverlap(target, RealPaths.real(in.getFileSystem(hadoop), in), t.dir(), display(in));
            }
            if (fs.exists(target) && !fs.getFileStatus(target).isDirectory()) {
                throw new UsageException("--out " + t.dir() + " is a file, not a folder");
            }
            refuseFileInPath(hadoop, "--out", t.dir(), false);
            List<Path> createdParents = missingAncestors(fs, target.getParent());
            makeParent(fs, target.getParent(), t.dir());
            for (Path p : createdParents) {
                fs.setPermission(p, new FsPermission(permission()));
            }
            String runId = UUID.randomUUID().toString();
            RunLock lock;
            try {
                lock = RunLock.acquire(fs, target, runId, "output folder " + display(target));
            } catch (RuntimeException e) {
                removeEmpty(fs, createdParents);
                throw e;
            }
            OutputFolder out = new OutputFolder(fs, target, runId, t.manifestName(), lock, createdParents);
            try {
                out.recover();
                out.checkReplaceable(t);
                return out;
            } catch (RuntimeException | IOException e) {
                out.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the folder the run's folder goes in ({@link #refuseFileInPath} has made sure no file
     * is in the way). A folder the user may not write in is theirs to correct: said as such, not
     * as an internal error.
     */
    private static void makeParent(FileSystem fs, Path parent, String dir) throws IOException {
        String cannot = "--out " + dir + ": cannot create the folder " + display(parent) + " to hold it";
        try {
            if (!fs.mkdirs(parent)) {
                throw new UsageException(cannot + "; check that you may write there");
            }
        } catch (org.apache.hadoop.security.AccessControlException | java.nio.file.AccessDeniedException e) {
            throw new UsageException(cannot + ": permission denied; name a folder you may write in");
        }
    }

    /** Refuses a non-empty folder unless asked to overwrite it and it is an earlier run of ours. */
    private void checkReplaceable(Target t) throws IOException {
        if (!fs.exists(target) || fs.listStatus(target).length == 0) {
            return;
        }
        if (!t.overwrite()) {
            throw new UsageException("output folder " + t.dir() + " exists and is not empty; choose another --out or "
                    + "add --overwrite to replace the earlier run in it");
        }
        if (!isRun(target)) {
            throw new UsageException("output folder " + t.dir() + " is not an earlier chronolens run (it holds no "
                    + t.manifestName() + " of one), so --overwrite will not replace it; it was left as it was. "
                    + "Choose a new or empty --out");
        }
    }

    /** Whether the folder holds a manifest this project wrote (JSON naming one of its commands). */
    private boolean isRun(Path folder) throws IOException {
        return command(fs, new Path(folder, manifestName)).isPresent();
    }

    /**
     * The command that wrote the run in {@code folder}, if it is a folder this project committed
     * (its manifest.json or sample-manifest.json names one of the project's commands).
     */
    public static java.util.Optional<String> runCommand(FileSystem fs, Path folder) throws IOException {
        java.util.Optional<String> c = command(fs, new Path(folder, MANIFEST));
        return c.isPresent() ? c : command(fs, new Path(folder, SAMPLE_MANIFEST));
    }

    /**
     * Manifests larger than this are not read: no run writes one (a run over 3,000 input files
     * writes about 1.1 MB, mostly the inputs' hashes; 100,000 files about 40 MB).
     */
    static final long MANIFEST_LIMIT = 64L << 20;

    private static java.util.Optional<String> command(FileSystem fs, Path manifest) throws IOException {
        if (!fs.exists(manifest) || fs.getFileStatus(manifest).getLen() > MANIFEST_LIMIT) {
            return java.util.Optional.empty();
        }
        // Streamed, not read into a tree: a manifest lists every input file, and thousands of
        // daily extracts make it megabytes long. It must still be one whole JSON object.
        try (InputStream in = fs.open(manifest);
             com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(in)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return java.util.Optional.empty();
            }
            String command = "";
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if ("command".equals(name) && value.isScalarValue()) {
                    command = p.getText();
                }
                p.skipChildren();
            }
            if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.END_OBJECT) {
                return java.util.Optional.empty();
            }
            return COMMANDS.contains(command) ? java.util.Optional.of(command) : java.util.Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Under the lock, so every leftover belongs to a dead run: a previous run a killed commit had
     * moved aside goes back into place if nothing took its place, and staging folders are removed.
     * Names are matched literally (dot, target name, marker, run id), never as globs.
     */
    private void recover() throws IOException {
        List<FileStatus> replaced = new ArrayList<>();
        for (FileStatus s : fs.listStatus(target.getParent())) {
            String name = s.getPath().getName();
            if (isLeftover(name, ".staging-")) {
                fs.delete(s.getPath(), true);
            } else if (isLeftover(name, ".replaced-")) {
                replaced.add(s);
            }
        }
        replaced.sort(Comparator.comparingLong(FileStatus::getModificationTime).reversed());
        if (!replaced.isEmpty() && !fs.exists(target)) {
            if (!fs.rename(replaced.get(0).getPath(), target)) {
                throw new IOException("cannot put the previous run " + replaced.get(0).getPath() + " back at " + target);
            }
            replaced.remove(0);
        }
        for (FileStatus s : replaced) {
            fs.delete(s.getPath(), true);
        }
    }

    private boolean isLeftover(String name, String marker) {
        String prefix = "." + target.getName() + marker;
        return name.startsWith(prefix) && RUN_ID.matcher(name.substring(prefix.length())).matches();
    }

    /** Creates this run's staging folder, owner-only. */
    public OutputFolder create() {
        try {
            fs.mkdirs(root);
            // Run folders hold case data: only their owner may enter them, unless configured otherwise.
            fs.setPermission(root, new FsPermission(permission()));
            created = true;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts the run in place: writes the manifest and, for a successful run, {@code _SUCCESS} into
     * the staging folder, then renames it to the target, moving a previous run aside first and
     * deleting it after. A folder with {@code _SUCCESS} is therefore always complete.
     */
    public void commit(String manifestJson, boolean success) {
        commit(manifestJson, success, step -> { });
    }

    /** As {@link #commit(String, boolean)}, telling {@code steps} after each step (tests stop the run there). */
    void commit(String manifestJson, boolean success, Consumer<String> steps) {
        writeText(manifestName, manifestJson);
        try {
            if (success) {
                fs.create(new Path(root, SUCCESS), true).close();
            }
            OwnerOnly.apply(fs, root, permission());
            steps.accept("staged");
            Path old = null;
            if (fs.exists(target)) {
                old = sibling(target, ".replaced-" + runId);
                if (!fs.rename(target, old)) {
                    throw new IOException("cannot move the previous " + target + " aside");
                }
                steps.accept("moved-aside");
            }
            if (!fs.rename(root, target)) {
                throw new IOException("cannot rename " + root + " to " + target);
            }
            committed = true;
            steps.accept("renamed");
            if (old != null) {
                fs.delete(old, true);
                steps.accept("cleaned");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Releases the folder: a run that did not commit removes its staging folder (and the parents it made, if empty). */
    @Override
    public void close() {
        try {
            if (created && !committed) {
                fs.delete(root, true);
                // A failed job's other tasks are cancelled, not stopped: one still writing a page or a
                // part file makes the staging folder again (seen on a full disk), so wait for them.
                awaitRunningTasks();
                if (fs.exists(root)) {
                    fs.delete(root, true);
                }
            }
            if (!committed) {
                removeEmpty(fs, createdParents);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.close();
        }
    }

    /**
     * Waits, a minute at most, until the application's executors run no task (none to wait for
     * without Spark). The scheduler counts a cancelled task as running until its executor says it
     * has stopped.
     */
    private static void awaitRunningTasks() {
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

    private static Path sibling(Path target, String marker) {
        return new Path(target.getParent(), "." + target.getName() + marker);
    }

    private static List<Path> missingAncestors(FileSystem fs, Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !fs.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        return missing;
    }

    private static void removeEmpty(FileSystem fs, List<Path> created) throws IOException {
        for (int i = created.size() - 1; i >= 0; i--) {
            Path p = created.get(i);
            if (fs.exists(p) && fs.listStatus(p).length == 0) {
                fs.delete(p, false);
            }
        }
    }

    /**
     * The run folder's permission, octal: {@code CHRONOLENS_OUTPUT_PERMISSION} when set (e.g. 750 to
     * let a reviewers' group read runs), else 700. Files get the same without execute bits.
     */
    /**
     * Refuses a folder a run writes besides its output (the metrics history) that is, holds or lies
     * inside one of the inputs: the next run would read it as a chronology.
     */
    public static void refuseInsideInputs(org.apache.hadoop.conf.Configuration hadoop, String option, String folder,
                                          List<String> inputs) {
        try {
            Path f = new Path(folder);
            FileSystem fs = f.getFileSystem(hadoop);
            Path real = RealPaths.real(fs, f);
            for (String in : inputs) {
                Path i = new Path(in);
                try {
                    RealPaths.refuseOverlap(real, RealPaths.real(i.getFileSystem(hadoop), i), folder, in);
                } catch (UsageException e) {
                    throw new UsageException(option + " " + folder + " overlaps the input " + in + ": the next run would "
                            + "read what it keeps as events. Nothing was read or written; keep it outside every input");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Schemes of object stores, where renaming a folder copies it file by file. */
    private static final java.util.Set<String> OBJECT_STORES = java.util.Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss",
            "wasb", "wasbs", "oss", "cos", "cosn", "obs");

    /**
     * Refuses a folder on an object store. A run commits by renaming its staging folder, and its lock
     * is a file created only if absent: on HDFS and local disks both are atomic; on S3, GCS and Azure
     * Blob a folder rename is a copy of every file, so a reader (or a crash) can meet half a run.
     * Spark's committers for those stores (S3A's magic and staging committers, the manifest
     * committer for ABFS and GCS) make one Spark job's files safe, not a run of many outputs.
     */
    public static void refuseObjectStore(String option, String folder) {
        String scheme = new Path(folder).toUri().getScheme();
        if (scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
            throw new UsageException(option + " " + folder + " is on an object store (" + scheme + "://), where a run "
                    + "cannot commit atomically: renaming a folder there copies it file by file. Write the run to HDFS "
                    + "or a local disk and copy the committed folder (one with _SUCCESS) to the store; see "
                    + "docs/operations.md");
        }
    }

    /**
     * Refuses, before any work, a place to write ({@code folder}: a folder, else a file) that runs
     * through a file: the folders to hold it could never be made. Found by the nearest part of the
     * path that exists.
     */
    public static void refuseFileInPath(Configuration hadoop, String option, String place, boolean folder) {
        Path p = new Path(place);
        try {
            FileSystem fs = p.getFileSystem(hadoop);
            Path q = fs.makeQualified(p);
            for (q = folder ? q : q.getParent(); q != null; q = q.getParent()) {
                if (fs.exists(q)) {
                    if (!fs.getFileStatus(q).isDirectory()) {
                        throw new UsageException(option + " " + place + ": " + display(q) + " is a file, not a folder; "
                                + "name a folder");
                    }
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a folder written outside a run (the metrics history's entries) owner-only, as a run's are. */
    public static void ownerOnly(FileSystem fs, Path folder) {
        try {
            OwnerOnly.apply(fs, folder, permission());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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

    /**
     * Takes the lock of a committed run folder, for commands that add to it in place (report,
     * discover): no scan replaces the run while they write into it, nor do two of them at once.
     */
    public static RunLock lockRun(String dir, Configuration hadoop) {
        try {
            FileSystem fs = new Path(dir).getFileSystem(hadoop);
            Path run = RealPaths.real(fs, fs.makeQualified(new Path(dir)));
            return RunLock.acquire(fs, run, UUID.randomUUID().toString(), "run folder " + display(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything under {@code dir} owner-only, as a commit does (for what is added to a run in place). */
    public static void ownerOnly(String dir, Configuration hadoop) {
        try {
            Path p = new Path(dir);
            FileSystem fs = p.getFileSystem(hadoop);
            OwnerOnly.apply(fs, fs.makeQualified(p), permission());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The umask that gives new files and folders the run folder's permission: 077 for 700. */
    public static String umask() {
        String p = permission();
        StringBuilder u = new StringBuilder();
        for (char c : p.toCharArray()) {
            u.append(7 - (c - '0'));
        }
        return u.toString();
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

    /** This run's id: in the staging folder's name and the lock file. */
    public String runId() {
        return runId;
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

    static String display(Path p) {
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
