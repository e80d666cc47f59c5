package org.chronolens;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local disk under a scheme of its own, {@code fulldisk:///path}, that fills up: once
 * {@link #BUDGET} bytes have been written through it, every further write fails as a full disk's
 * does ({@code No space left on device}). For machines where a test cannot mount a small file
 * system of its own (not root).
 */
public class FullDiskFileSystem extends RawLocalFileSystem {

    public static final String SCHEME = "fulldisk";
    /** Bytes left before the disk is full; shared by every instance, as one disk is. */
    public static final AtomicLong BUDGET = new AtomicLong(Long.MAX_VALUE);

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    protected OutputStream createOutputStream(Path f, boolean append) throws IOException {
        return filling(super.createOutputStream(f, append));
    }

    @Override
    protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
            throws IOException {
        return filling(super.createOutputStreamWithMode(f, append, permission));
    }

    private static OutputStream filling(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                take(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                take(len);
                out.write(b, off, len);
            }
        };
    }

    private static void take(long bytes) throws IOException {
        if (BUDGET.addAndGet(-bytes) < 0) {
            throw new IOException("No space left on device");
        }
    }
}
