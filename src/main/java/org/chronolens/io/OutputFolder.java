package org.chronolens.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
 *
 * <p>The pieces live beside it: {@link Placement} (where a run may write), {@link RunLock} and
 * {@link Leftovers} (one run at a time, and what dead runs left), {@link OwnerOnly} (permissions),
 * {@link StagedWriter} (the files themselves) and {@link RunLayout} (every name).
 */
public final class OutputFolder implements AutoCloseable {

    /**
     * Where a command writes: the folder as the user named it, whether an earlier run there may be
     * replaced, the paths the run reads (never written into), and the manifest's file name.
     */
    public record Target(String dir, boolean overwrite, List<String> inputs, String manifestName) {
        public static Target of(String dir) {
            return new Target(dir, false, List.of(), RunLayout.Output.MANIFEST.file());
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
    private final StagedWriter writer;
    private boolean created;
    private boolean committed;

    private OutputFolder(FileSystem fs, Path target, String runId, String manifestName, RunLock lock,
                         List<Path> createdParents) {
        this.fs = fs;
        this.target = target;
        this.runId = runId;
        this.root = RunLayout.sibling(target, RunLayout.STAGING + runId);
        this.manifestName = manifestName;
        this.lock = lock;
        this.createdParents = createdParents;
        this.writer = new StagedWriter(fs, root);
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
        try {
            Placement.refuseObjectStore("--out", t.dir());
            FileSystem fs = new Path(t.dir()).getFileSystem(hadoop);
            fs.setWriteChecksum(false); // no hidden .crc file beside every output
            Path target = Placement.place(fs, t, hadoop);
            List<Path> createdParents = Placement.makeParents(fs, target, t.dir());
            String runId = UUID.randomUUID().toString();
            RunLock lock;
            try {
                lock = RunLock.acquire(fs, target, runId, "output folder " + PathDisplay.display(target));
            } catch (RuntimeException e) {
                Placement.removeEmpty(fs, createdParents);
                throw e;
            }
            OutputFolder out = new OutputFolder(fs, target, runId, t.manifestName(), lock, createdParents);
            try {
                Leftovers.recover(fs, target);
                Placement.checkReplaceable(fs, target, t);
                return out;
            } catch (RuntimeException | IOException e) {
                out.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates this run's staging folder, owner-only. */
    public OutputFolder create() {
        try {
            fs.mkdirs(root);
            // Run folders hold case data: only their owner may enter them, unless configured otherwise.
            fs.setPermission(root, new FsPermission(OwnerOnly.permission()));
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
                fs.create(RunLayout.path(root, RunLayout.Output.SUCCESS), true).close();
            }
            OwnerOnly.apply(fs, root, OwnerOnly.permission());
            steps.accept("staged");
            Path old = null;
            if (fs.exists(target)) {
                old = RunLayout.sibling(target, RunLayout.REPLACED + runId);
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
                StagedWriter.awaitRunningTasks();
                if (fs.exists(root)) {
                    fs.delete(root, true);
                }
            }
            if (!committed) {
                Placement.removeEmpty(fs, createdParents);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.close();
        }
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
        return PathDisplay.display(new Path(target, name));
    }

    /** The target as the user named it: a local path without its scheme. */
    public String root() {
        return PathDisplay.display(target);
    }

    public void writeText(String name, String text) {
        writer.writeText(name, text);
    }

    public void writeParquet(String name, Dataset<Row> rows) {
        writer.writeParquet(name, rows);
    }

    /** In one sorted file, for small outputs (see {@link StagedWriter}). */
    public void writeParquet(String name, Dataset<Row> rows, Column... sortBy) {
        writer.writeParquet(name, rows, sortBy);
    }

    /** One sorted CSV file, safe to open in a spreadsheet (see {@link StagedWriter}). */
    public void writeCsv(String name, Dataset<Row> rows, Column... sortBy) {
        writer.writeCsv(name, rows, sortBy);
    }

    /** One sorted JSON Lines file. */
    public void writeJsonLines(String name, Dataset<Row> rows, Column... sortBy) {
        writer.writeJsonLines(name, rows, sortBy);
    }
}
