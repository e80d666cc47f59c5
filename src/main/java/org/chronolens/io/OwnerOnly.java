package org.chronolens.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Makes everything under a run's folder readable by its owner only (folders 700, files 600, or the
 * configured permission), whatever the umask the process started with and whatever the writers
 * (Spark, Hadoop, Parquet) chose. On other file systems the writers already honour
 * {@code fs.permissions.umask-mode}, which the session sets to match.
 *
 * <p>The permission comes from the environment: {@code CHRONOLENS_OUTPUT_PERMISSION} when set (e.g.
 * 750 to let a reviewers' group read runs), else 700. Files get the same without execute bits.
 */
public final class OwnerOnly {

    private OwnerOnly() {
    }

    /** Makes a folder written outside a run (the metrics history's entries) owner-only, as a run's are. */
    public static void apply(FileSystem fs, Path folder) {
        try {
            apply(fs, folder, permission());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything under {@code dir} owner-only, as a commit does (for what is added to a run in place). */
    public static void apply(String dir, Configuration hadoop) {
        try {
            Path p = new Path(dir);
            FileSystem fs = p.getFileSystem(hadoop);
            apply(fs, fs.makeQualified(p), permission());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run folder's permission, octal. */
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

    /** The umask that gives new files and folders the run folder's permission: 077 for 700. */
    public static String umask() {
        String p = permission();
        StringBuilder u = new StringBuilder();
        for (char c : p.toCharArray()) {
            u.append(7 - (c - '0'));
        }
        return u.toString();
    }

    static void apply(FileSystem fs, Path root, String octal) throws IOException {
        if (!"file".equals(root.toUri().getScheme())) {
            return;
        }
        Set<PosixFilePermission> folders = PosixFilePermissions.fromString(symbolic(octal));
        Set<PosixFilePermission> files = EnumSet.noneOf(PosixFilePermission.class);
        files.addAll(folders);
        files.removeAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
        Files.walkFileTree(Paths.get(root.toUri().getPath()), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(java.nio.file.Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(dir, folders);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink()) {
                    Files.setPosixFilePermissions(file, files);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** 750 -> rwxr-x--- */
    static String symbolic(String octal) {
        StringBuilder s = new StringBuilder();
        for (char c : octal.toCharArray()) {
            int d = c - '0';
            s.append((d & 4) != 0 ? 'r' : '-').append((d & 2) != 0 ? 'w' : '-').append((d & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }
}
