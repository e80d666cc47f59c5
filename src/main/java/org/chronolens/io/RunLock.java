package org.chronolens.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer at a time for a path: a lock file beside it ({@code .NAME.lock}) that holds who has
 * it (run id, host, process id, start time), so that a second run is refused with a message naming
 * the live one.
 *
 * <p>On a local disk the lock is the operating system's: it is released when its process ends,
 * however it ends (kill -9 included), so a dead run never blocks the next. On a distributed file
 * system the lock file is created atomically (create-if-absent); a lock left by a dead process of
 * this host is taken over, one of another host is reported with how to remove it.
 */
public final class RunLock implements AutoCloseable {

    /** Who holds a lock, as written in the lock file. */
    public record Holder(String runId, String host, long pid, String started) {
        static Holder current(String runId) {
            ProcessHandle self = ProcessHandle.current();
            String started = self.info().startInstant().map(Instant::toString).orElse("");
            return new Holder(runId, thisHost(), self.pid(), started);
        }

        String line() {
            return "run " + runId + " host " + host + " pid " + pid + " started " + started + "\n";
        }

        static Holder parse(String text) {
            String[] w = text.strip().split(" ");
            if (w.length == 8 && w[0].equals("run") && w[2].equals("host") && w[4].equals("pid") && w[6].equals("started")) {
                try {
                    return new Holder(w[1], w[3], Long.parseLong(w[5]), w[7]);
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
            return null;
        }

        /** Whether this holder's process still runs: only knowable on this host. */
        boolean deadHere() {
            if (!host.equals(thisHost())) {
                return false;
            }
            return ProcessHandle.of(pid).map(p -> !p.isAlive()
                    || !p.info().startInstant().map(Instant::toString).orElse("").equals(started)).orElse(true);
        }

        String describe() {
            return "run " + runId + " (host " + host + ", process " + pid + ", started " + started + ")";
        }
    }

    private final String what;
    private final FileSystem fs;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock osLock;
    private final String heldKey;
    private boolean released;

    private RunLock(String what, FileSystem fs, Path lockFile, FileChannel channel, FileLock osLock, String heldKey) {
        this.what = what;
        this.fs = fs;
        this.lockFile = lockFile;
        this.channel = channel;
        this.osLock = osLock;
        this.heldKey = heldKey;
    }

    /** The lock file that guards {@code target}: beside it, hidden. */
    public static Path lockFileOf(Path target) {
        return RunLayout.sibling(target, RunLayout.LOCK);
    }

    /**
     * Takes the lock of a committed run folder, for commands that add to it in place (report,
     * discover): no scan replaces the run while they write into it, nor do two of them at once.
     */
    public static RunLock onRun(String dir, org.apache.hadoop.conf.Configuration hadoop) {
        try {
            FileSystem fs = new Path(dir).getFileSystem(hadoop);
            Path run = RealPaths.real(fs, fs.makeQualified(new Path(dir)));
            return acquire(fs, run, java.util.UUID.randomUUID().toString(), "run folder " + PathDisplay.display(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes the lock on {@code target} for {@code runId}, or refuses with a {@link UsageException}
     * naming the run that holds it. {@code what} names the target in that message ("output folder
     * out/sample").
     */
    public static RunLock acquire(FileSystem fs, Path target, String runId, String what) {
        Path lockFile = lockFileOf(target);
        Holder me = Holder.current(runId);
        try {
            fs.mkdirs(lockFile.getParent());
            return "file".equals(fs.getUri().getScheme()) || "file".equals(lockFile.toUri().getScheme())
                    ? local(fs, lockFile, me, what) : distributed(fs, lockFile, me, what);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lock files this JVM holds, with their holder. POSIX record locks belong to the process, and
     * closing any descriptor of a file releases them all, so this JVM never opens a lock file it
     * holds: a second claim from within it is answered from here.
     */
    private static final java.util.Map<String, Holder> HELD = new java.util.concurrent.ConcurrentHashMap<>();

    private static RunLock local(FileSystem fs, Path lockFile, Holder me, String what) throws IOException {
        java.nio.file.Path file = Paths.get(lockFile.toUri().getPath());
        String key = file.toString();
        for (int attempt = 0; attempt < 10; attempt++) {
            Holder held = HELD.get(key);
            if (held != null) {
                throw refused(what, held, lockFile);
            }
            Object before = fileKey(file);
            FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Object opened = fileKey(file);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String text = read(ch);
                ch.close();
                throw refused(what, Holder.parse(text), lockFile);
            }
            // The holder before us deletes the file as it releases it: if the file we locked is no
            // longer the one at the path (or was replaced while we opened it), start again. Only
            // stat is used: opening the file again would release our lock.
            Object now = fileKey(file);
            if (opened == null || !opened.equals(now) || (before != null && !before.equals(opened))) {
                lock.release();
                ch.close();
                continue;
            }
            if (HELD.putIfAbsent(key, me) != null) {
                lock.release();
                ch.close();
                continue;
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.line().getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new RunLock(what, fs, lockFile, ch, lock, key);
        }
        throw new IOException("could not take the lock " + lockFile + " after 10 attempts");
    }

    private static Object fileKey(java.nio.file.Path file) throws IOException {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static RunLock distributed(FileSystem fs, Path lockFile, Holder me, String what) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (OutputStream out = fs.create(lockFile, false)) {
                out.write(me.line().getBytes(StandardCharsets.UTF_8));
                return new RunLock(what, fs, lockFile, null, null, null);
            } catch (FileAlreadyExistsException e) {
                Holder holder = readHolder(fs, lockFile);
                if (holder != null && holder.deadHere() && attempt == 0) {
                    fs.delete(lockFile, false); // left by a process of this host that no longer runs
                    continue;
                }
                throw refused(what, holder, lockFile);
            }
        }
        throw refused(what, readHolder(fs, lockFile), lockFile);
    }

    private static Holder readHolder(FileSystem fs, Path lockFile) {
        try (InputStream in = fs.open(lockFile)) {
            return Holder.parse(new String(in.readNBytes(512), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static UsageException refused(String what, Holder holder, Path lockFile) {
        return new UsageException(what + " is in use by " + (holder == null ? "another run" : holder.describe())
                + "; one run at a time writes there. Wait for it to finish, or choose another folder. If no such run "
                + "is alive, remove " + display(lockFile) + " and run again");
    }

    private static String display(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    /** Releases the lock and removes the lock file. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            // Deleted while still held, so that no other run can take a lock on a file about to vanish.
            fs.delete(lockFile, false);
            if (osLock != null) {
                osLock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + what + ": " + e.getMessage(), e);
        } finally {
            if (heldKey != null) {
                HELD.remove(heldKey);
            }
        }
    }

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
