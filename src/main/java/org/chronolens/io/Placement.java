package org.chronolens.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Where a run may write: never on an object store, never into, over or inside what it reads,
 * never through a file, and over an existing folder only when it is an earlier run the user asked
 * to replace. Every refusal is a {@link UsageException} that says why, before anything is written.
 */
public final class Placement {

    private Placement() {
    }

    /** Schemes of object stores, where renaming a folder copies it file by file. */
    private static final Set<String> OBJECT_STORES = Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss",
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
        if (scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new UsageException(option + " " + folder + " is on an object store (" + scheme + "://), where a run "
                    + "cannot commit atomically: renaming a folder there copies it file by file. Write the run to HDFS "
                    + "or a local disk and copy the committed folder (one with " + RunLayout.Output.SUCCESS.file()
                    + ") to the store; see docs/operations.md");
        }
    }

    /**
     * Refuses a folder a run writes besides its output (the metrics history) that is, holds or lies
     * inside one of the inputs: the next run would read it as a chronology.
     */
    public static void refuseInsideInputs(Configuration hadoop, String option, String folder, List<String> inputs) {
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
                        throw new UsageException(option + " " + place + ": " + PathDisplay.display(q)
                                + " is a file, not a folder; name a folder");
                    }
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder a command may write, qualified (absolute, so that executors on other machines or
     * in other folders write to the same place) and real; refuses every place it may not.
     */
    static Path place(FileSystem fs, OutputFolder.Target t, Configuration hadoop) throws IOException {
        Path target = RealPaths.real(fs, fs.makeQualified(new Path(t.dir())));
        if (target.getParent() == null) {
            throw new UsageException("--out " + t.dir() + " is the root of a file system; name a folder for the run");
        }
        for (String input : t.inputs()) {
            Path in = new Path(input);
            RealPaths.refuseOverlap(target, RealPaths.real(in.getFileSystem(hadoop), in), t.dir(),
                    PathDisplay.display(in));
        }
        if (fs.exists(target) && !fs.getFileStatus(target).isDirectory()) {
            throw new UsageException("--out " + t.dir() + " is a file, not a folder");
        }
        refuseFileInPath(hadoop, "--out", t.dir(), false);
        return target;
    }

    /** Makes the folders that hold {@code target}, with the run folder's permission; returns those it made. */
    static List<Path> makeParents(FileSystem fs, Path target, String dir) throws IOException {
        List<Path> created = missingAncestors(fs, target.getParent());
        makeParent(fs, target.getParent(), dir);
        for (Path p : created) {
            fs.setPermission(p, new FsPermission(OwnerOnly.permission()));
        }
        return created;
    }

    /** Refuses a non-empty folder unless asked to overwrite it and it is an earlier run of ours. */
    static void checkReplaceable(FileSystem fs, Path target, OutputFolder.Target t) throws IOException {
        if (!fs.exists(target) || fs.listStatus(target).length == 0) {
            return;
        }
        if (!t.overwrite()) {
            throw new UsageException("output folder " + t.dir() + " exists and is not empty; choose another --out or "
                    + "add --overwrite to replace the earlier run in it");
        }
        if (!RunManifests.isRun(fs, target, t.manifestName())) {
            throw new UsageException("output folder " + t.dir() + " is not an earlier chronolens run (it holds no "
                    + t.manifestName() + " of one), so --overwrite will not replace it; it was left as it was. "
                    + "Choose a new or empty --out");
        }
    }

    /**
     * Creates the folder the run's folder goes in ({@link #refuseFileInPath} has made sure no file
     * is in the way). A folder the user may not write in is theirs to correct: said as such, not
     * as an internal error.
     */
    private static void makeParent(FileSystem fs, Path parent, String dir) throws IOException {
        String cannot = "--out " + dir + ": cannot create the folder " + PathDisplay.display(parent) + " to hold it";
        try {
            if (!fs.mkdirs(parent)) {
                throw new UsageException(cannot + "; check that you may write there");
            }
        } catch (org.apache.hadoop.security.AccessControlException | java.nio.file.AccessDeniedException e) {
            throw new UsageException(cannot + ": permission denied; name a folder you may write in");
        }
    }

    /** The folders from the nearest existing one down to {@code folder}, outermost first. */
    private static List<Path> missingAncestors(FileSystem fs, Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !fs.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        return missing;
    }

    /** Removes the folders a run made to hold its own, innermost first, if nothing else went in them. */
    static void removeEmpty(FileSystem fs, List<Path> created) throws IOException {
        for (int i = created.size() - 1; i >= 0; i--) {
            Path p = created.get(i);
            if (fs.exists(p) && fs.listStatus(p).length == 0) {
                fs.delete(p, false);
            }
        }
    }
}
