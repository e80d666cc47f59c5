package org.chronolens;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own, {@code counting:///path}, that counts the input streams
 * left open. Registered only in a session's Hadoop configuration (as {@code spark.hadoop.fs.*}
 * settings are), it shows whether executors use that configuration and close what they open.
 */
public class CountingFileSystem extends RawLocalFileSystem {

    public static final String SCHEME = "counting";
    public static final AtomicInteger OPEN = new AtomicInteger();

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        FSDataInputStream in = super.open(f, bufferSize);
        OPEN.incrementAndGet();
        return new FSDataInputStream(in) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    OPEN.decrementAndGet();
                }
                super.close();
            }
        };
    }
}
