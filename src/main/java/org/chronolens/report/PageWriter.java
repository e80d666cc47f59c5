package org.chronolens.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes report pages from wherever they are rendered, driver or executor, to any Hadoop file
 * system. On a local disk the pages are written with Java's own file API, owner-only from their
 * creation: Hadoop's local file system, without its native library, sets a new file's permission
 * by starting a {@code chmod} process, one per page and one per folder, which cost most of the
 * report's time (14,000 processes for 8,400 pages).
 */
final class PageWriter {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final FileSystem fs;
    private final Path root;
    /** The root on the local disk, or null when pages go through Hadoop. */
    private final java.nio.file.Path local;
    private final Set<java.nio.file.Path> folders = new HashSet<>();

    PageWriter(String root, Configuration conf) {
        try {
            this.root = new Path(root);
            this.fs = this.root.getFileSystem(conf);
            fs.setWriteChecksum(false); // no hidden .crc file beside every page
            this.local = "file".equals(fs.getUri().getScheme()) ? Paths.get(fs.makeQualified(this.root).toUri()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String relative, String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        try {
            if (local != null) {
                writeLocal(local.resolve(relative), bytes);
                return;
            }
            try (OutputStream out = fs.create(new Path(root, relative), true)) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The report's folder, not the page: a page's name carries the child's id.
            throw new UncheckedIOException("writing the report's pages in " + root, e);
        }
    }

    private void writeLocal(java.nio.file.Path page, byte[] bytes) throws IOException {
        java.nio.file.Path folder = page.getParent();
        if (folders.add(folder)) {
            if (POSIX) {
                Files.createDirectories(folder, attribute("rwx------"));
            } else {
                Files.createDirectories(folder);
            }
        }
        // A link planted where a page goes is not followed out of the report.
        Set<java.nio.file.OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        try (SeekableByteChannel out = POSIX ? Files.newByteChannel(page, options, attribute("rw-------"))
                : Files.newByteChannel(page, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    private static FileAttribute<?> attribute(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
