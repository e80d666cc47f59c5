package org.chronolens.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import org.chronolens.io.UsageException;

/**
 * Spark's scratch space (shuffle files, spilled blocks, broadcast pieces: case data in transit)
 * for a local run: a folder of this process's own inside an owner-only folder of this user's,
 * removed when the run ends. A run killed before its end leaves its folder; the next run removes
 * the folders of processes that no longer run. While the run lives it is also the JVM's temporary
 * folder ({@link Sessions#open}).
 */
final class Scratch {

    private static final String PREFIX = "run-";

    private Scratch() {
    }

    /** {@code <tmp>/chronolens-<user>}: created 700, and refused if another user owns it. */
    static Path userRoot() {
        Path root = Paths.get(System.getProperty("java.io.tmpdir"), "chronolens-" + System.getProperty("user.name"));
        try {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (Files.isSymbolicLink(root) || !Files.isDirectory(root)
                    || !Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                throw new UsageException("the scratch folder " + root + " is not a folder of your own; remove it or set "
                        + "spark.local.dir to an owner-only folder");
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This process's scratch folder, after removing those of processes that no longer run. */
    static Path create() {
        Path root = userRoot();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && !alive(p.getFileName().toString()))
                    .forEach(Scratch::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle self = ProcessHandle.current();
        Path mine = root.resolve(PREFIX + self.pid() + "-" + startMillis(self));
        try {
            Files.createDirectories(mine, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return mine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process a folder is named after ({@code run-PID-STARTMILLIS}) still runs. */
    private static boolean alive(String name) {
        String[] parts = name.substring(PREFIX.length()).split("-");
        try {
            long pid = Long.parseLong(parts[0]);
            long started = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> startMillis(p) == started).orElse(false);
        } catch (RuntimeException e) {
            return true; // not a name of ours: leave it
        }
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** Removes a scratch folder and everything in it, links not followed. */
    static void delete(Path folder) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
