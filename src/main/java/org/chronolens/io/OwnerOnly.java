package org.chronolens.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Makes everything under a run's folder readable by its owner only (folders 700, files 600, or the
 * configured permission), whatever the umask the process started with and whatever the writers
 * (Spark, Hadoop, Parquet) chose. On other file systems the writers already honour
 * {@code fs.permissions.umask-mode}, which the session sets to match.
 */
final class OwnerOnly {

    private OwnerOnly() {
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
