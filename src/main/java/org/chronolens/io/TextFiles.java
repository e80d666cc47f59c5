package org.chronolens.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Small text files that live beside the runs they belong to (the acknowledgements file, audit
 * checklists, the audit history), on whatever file system their path names: a local path or
 * {@code hdfs://...}. A file is replaced whole: written into a hidden owner-only file beside it,
 * then renamed over it, so a reader never sees half a file and a crash leaves the previous one.
 */
public final class TextFiles {

    private final Configuration hadoop;

    public TextFiles(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    public Configuration configuration() {
        return hadoop;
    }

    /** The file system {@code file} is on; the raw one for local files, which then get no checksum files beside them. */
    public FileSystem fs(String file) {
        try {
            FileSystem fs = new Path(file).getFileSystem(hadoop);
            return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code file} with its file system and, for a relative path, the working folder. */
    public Path path(String file) {
        return fs(file).makeQualified(new Path(file));
    }

    /** The folder {@code file} is in. */
    public String parent(String file) {
        return PathDisplay.display(path(file).getParent());
    }

    /** {@code name} inside the folder {@code folder}. */
    public String child(String folder, String name) {
        return PathDisplay.display(new Path(path(folder), name));
    }

    public boolean exists(String file) {
        try {
            return fs(file).exists(path(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream open(String file) throws IOException {
        return fs(file).open(path(file));
    }

    /** Replaces {@code file} with {@code text} in one rename; the file is its owner's only, like a run's outputs. */
    public void replace(String file, String text) {
        FileSystem fs = fs(file);
        Path target = path(file);
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(tmp, new FsPermission((short) 0600), false, 65536,
                    fs.getDefaultReplication(tmp), fs.getDefaultBlockSize(tmp), null)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            fs.setPermission(tmp, new FsPermission((short) 0600));
            if (fs instanceof org.apache.hadoop.fs.RawLocalFileSystem) {
                // rename(2) replaces the file in one step; Hadoop's rename with OVERWRITE deletes the
                // old file first, and a reader in between finds no file at all (found by
                // ReviewServerTest's concurrent reader).
                if (!fs.rename(tmp, target)) {
                    throw new IOException("could not rename " + tmp + " to " + target);
                }
            } else {
                FileUtil.rename(fs, tmp, target, Options.Rename.OVERWRITE); // atomic on HDFS
            }
        } catch (IOException e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException ignored) {
                // The hidden temporary file is this call's own; a later replace writes another.
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The file's lock, so that two writers never interleave (see {@link RunLock}). */
    public RunLock lock(String file, String what) {
        return RunLock.acquire(fs(file), path(file), UUID.randomUUID().toString(), what);
    }
}
