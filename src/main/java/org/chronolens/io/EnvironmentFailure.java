package org.chronolens.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run that failed because the machine would not let it write (or read): the disk is full, the
 * file system became read-only, a quota ran out, a permission changed under the run. Not a bug
 * and not a data problem, so the user gets one sentence naming the place and the cause, not a
 * stack trace. Found anywhere in an exception's chain of causes: Spark wraps a task's failure
 * several layers deep, and Hadoop wraps a local disk's errors in an {@code FSError}.
 *
 * @param cause what the machine refused
 * @param path  where, as a user would name it (a run's staging folder shown as the folder it is
 *              for), or null when no message of the chain names a path
 */
public record EnvironmentFailure(Cause cause, String path) {

    /** What the machine refused, as the operating system words it and as a person should read it. */
    public enum Cause {
        NO_SPACE("no space left on device", "the file system is full",
                "free space on it (a run needs about as much again as the last run's folder) or write elsewhere"),
        READ_ONLY("read-only file system", "the file system is read-only",
                "ask whoever manages the machine why it was remounted read-only, or write elsewhere"),
        QUOTA("disk quota exceeded", "the account's disk quota is used up",
                "free space within the quota, ask for a larger one, or write elsewhere"),
        PERMISSION("permission denied", "permission was denied",
                "check who owns the folder and its permissions (they changed while the run went on), then run again");

        private final String osText;
        private final String said;
        private final String remedy;

        Cause(String osText, String said, String remedy) {
            this.osText = osText;
            this.said = said;
            this.remedy = remedy;
        }

        public String said() {
            return said;
        }

        public String remedy() {
            return remedy;
        }
    }

    /** Exceptions that mean a cause whatever their message says (HDFS's quota and permission errors). */
    private static final Map<String, Cause> BY_CLASS = Map.of(
            "org.apache.hadoop.hdfs.protocol.DSQuotaExceededException", Cause.QUOTA,
            "org.apache.hadoop.hdfs.protocol.NSQuotaExceededException", Cause.QUOTA,
            "org.apache.hadoop.hdfs.protocol.QuotaExceededException", Cause.QUOTA,
            "org.apache.hadoop.util.DiskChecker$DiskOutOfSpaceException", Cause.NO_SPACE,
            "org.apache.hadoop.security.AccessControlException", Cause.PERMISSION,
            "org.apache.hadoop.fs.permission.AccessControlException", Cause.PERMISSION);

    /** A path in a message: a URI of a file system, or an absolute local path. */
    private static final Pattern PATH = Pattern.compile(
            "(?:[a-z][a-z0-9+.-]*:(?://[^/\\s]*)?|(?<![\\w./:-]))/[^\\s,;'\"()\\[\\]]+");
    /** A run's staging folder ({@code .NAME.staging-RUNID}), shown as the folder NAME it is for. */
    private static final Pattern STAGING = Pattern.compile("/\\.([^/]+)\\.staging-[0-9a-f-]{36}(?:/.*)?$");

    /** The environment failure behind {@code e}, if one is: the first cause that says so. */
    public static Optional<EnvironmentFailure> of(Throwable e) {
        Cause cause = null;
        String path = null;
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            Cause here = causeOf(t);
            if (cause == null) {
                cause = here;
            }
            if (path == null) {
                path = pathIn(t);
            }
        }
        return cause == null ? Optional.empty() : Optional.of(new EnvironmentFailure(cause, path));
    }

    /**
     * The same failure with every path taken out of its message and no causes: for errors about a
     * file whose name carries an identifier (a child's page), which Spark would otherwise log with
     * the task's failure, causes and all. What happened stays (the operating system's reason, and
     * a refused permission as such), so that {@link #of} still recognises the machine's failures;
     * the caller's message says where, by a folder that names no one.
     */
    public static IOException withoutPaths(IOException e) {
        IOException plain;
        if (e instanceof AccessDeniedException denied) {
            plain = new AccessDeniedException(null, null, denied.getReason());
        } else if (e instanceof FileSystemException f) {
            plain = new FileSystemException(null, null, f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName());
        } else {
            String message = e.getMessage() == null ? e.getClass().getSimpleName()
                    : PATH.matcher(e.getMessage()).replaceAll("(a path)");
            plain = new IOException(message);
        }
        plain.setStackTrace(e.getStackTrace());
        return plain;
    }

    /** Whether a log line's text or its exception is such a failure: Spark logs each failed task on its way. */
    public static boolean mentioned(String message, Throwable thrown) {
        return (message != null && causeOf(message) != null) || (thrown != null && of(thrown).isPresent());
    }

    private static Cause causeOf(Throwable t) {
        Cause byClass = BY_CLASS.get(t.getClass().getName());
        if (byClass != null) {
            return byClass;
        }
        if (t instanceof AccessDeniedException) {
            return Cause.PERMISSION;
        }
        if (t instanceof FileSystemException fse && fse.getReason() != null) {
            Cause byReason = causeOf(fse.getReason());
            if (byReason != null) {
                return byReason;
            }
        }
        // Spark repeats a task's failure, causes and all, in the message of the job's failure.
        return t.getMessage() == null ? null : causeOf(t.getMessage().lines().limit(3).reduce("", String::concat));
    }

    private static Cause causeOf(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (Cause c : Cause.values()) {
            if (lower.contains(c.osText)) {
                return c;
            }
        }
        return null;
    }

    private static String pathIn(Throwable t) {
        if (t instanceof FileSystemException fse && fse.getFile() != null) {
            return shown(fse.getFile());
        }
        if (t.getMessage() == null) {
            return null;
        }
        Matcher m = PATH.matcher(t.getMessage().lines().findFirst().orElse(""));
        return m.find() ? shown(m.group()) : null;
    }

    /** A staging folder's path, and anything inside it (page names carry ids), as the folder it is for. */
    static String shown(String path) {
        String local = path.replaceFirst("^file:/+", "/");
        Matcher staging = STAGING.matcher(local);
        String shown = staging.find() ? local.substring(0, staging.start()) + "/" + staging.group(1) : local;
        return shown.endsWith(".") ? shown.substring(0, shown.length() - 1) : shown;
    }

    /** The user's sentence: where, what, that nothing was lost, and what to do. */
    public String message(String fallbackPath) {
        String where = path != null ? path : fallbackPath;
        return (where == null ? "the run's files" : where) + ": " + cause.said() + " (" + cause.osText
                + "). Nothing was committed: the run's unfinished outputs were removed and "
                + "an earlier run in the output folder is untouched. To go on, " + cause.remedy() + ", then run again";
    }
}
