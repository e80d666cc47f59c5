package org.chronolens.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
import org.chronolens.io.EnvironmentFailure;

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
    /** Encodes the pages written by code; malformed input replaced by '?', as {@link String#getBytes} does. */
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** The last page's bytes, reused for the next. */
    private ByteBuffer bytes;

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
        write(relative, ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A page written by code ({@link ChildPageHtml}), encoded to UTF-8 once, from the buffer's own
     * array into this writer's own buffer, which every page of the task reuses.
     */
    void write(String relative, Html html) {
        write(relative, encode(html.chars()));
    }

    private void write(String relative, ByteBuffer bytes) {
        try {
            if (local != null) {
                writeLocal(local.resolve(relative), bytes);
                return;
            }
            try (OutputStream out = fs.create(new Path(root, relative), true)) {
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            }
        } catch (IOException e) {
            // The report's folder, not the page: a page's name carries the child's id.
            throw new UncheckedIOException("writing the report's pages in " + root, EnvironmentFailure.withoutPaths(e));
        }
    }

    /**
     * Copies one page of an earlier report ({@code from}, its root) to the same place in this one,
     * written as this writer writes a page (owner-only). A link where the page was is neither
     * followed nor copied. Returns false when the earlier report has no such page: the caller
     * renders it instead.
     */
    boolean copy(String from, String relative) {
        Path source = new Path(from, relative);
        try {
            if (local != null) {
                java.nio.file.Path file = Paths.get(fs.makeQualified(source).toUri());
                byte[] page;
                try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    page = java.nio.channels.Channels.newInputStream(in).readAllBytes();
                } catch (java.nio.file.NoSuchFileException | java.nio.file.FileSystemLoopException e) {
                    return false;
                } catch (IOException e) {
                    // A link opened without following it (ELOOP), or a folder: not a page.
                    if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        return false;
                    }
                    throw e;
                }
                writeLocal(local.resolve(relative), ByteBuffer.wrap(page));
                return true;
            }
            if (!fs.isFile(source)) {
                return false;
            }
            try (java.io.InputStream in = fs.open(source)) {
                write(relative, ByteBuffer.wrap(in.readAllBytes()));
            }
            return true;
        } catch (IOException e) {
            // The report's folder, not the page: a page's name carries the child's id.
            throw new UncheckedIOException("copying pages of the earlier report " + from + " into " + root,
                    EnvironmentFailure.withoutPaths(e));
        }
    }

    /**
     * The characters as UTF-8, as {@link String#getBytes} would give them (an unpaired surrogate
     * becomes {@code ?}), in {@link #bytes}, grown to the largest page so far.
     */
    private ByteBuffer encode(CharBuffer chars) {
        int most = (int) Math.min(Integer.MAX_VALUE - 8, (long) chars.remaining() * 3);
        if (bytes == null || bytes.capacity() < most) {
            bytes = ByteBuffer.allocate(Math.max(most, bytes == null ? 0 : bytes.capacity() * 2));
        }
        bytes.clear();
        encoder.reset();
        CoderResult r = encoder.encode(chars, bytes, true);
        if (!r.isUnderflow()) {
            throw new IllegalStateException("a page could not be encoded: " + r);
        }
        encoder.flush(bytes);
        return bytes.flip();
    }

    private void writeLocal(java.nio.file.Path page, ByteBuffer buffer) throws IOException {
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
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    private static FileAttribute<?> attribute(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
