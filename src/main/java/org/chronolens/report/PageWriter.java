package org.chronolens.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes report pages from wherever they are rendered, driver or executor, to any Hadoop file system. */
final class PageWriter {

    private final FileSystem fs;
    private final Path root;

    PageWriter(String root, Configuration conf) {
        try {
            this.root = new Path(root);
            this.fs = this.root.getFileSystem(conf);
            fs.setWriteChecksum(false); // no hidden .crc file beside every page
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String relative, String html) {
        try (OutputStream out = fs.create(new Path(root, relative), true)) {
            out.write(html.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
