package org.chronolens.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Splits a large CSV file into pieces that separate tasks can parse, when that is safe. A piece
 * owns the lines that start inside its byte range. Splitting at line starts is safe only if no
 * quoted value spans a line break, and that holds when every line has an even number of double
 * quotes (a value that opens a quote on one line and closes it on a later one leaves an odd count
 * on the line where it opens). A first parallel pass checks that and counts each piece's lines,
 * so that every piece can number its lines exactly as the whole file would.
 */
public final class CsvPieces {

    /** Files smaller than this are read whole: splitting them costs more than it saves. */
    static final long MIN_SPLIT_BYTES = 32L << 20;

    /** A byte range of a file, and the line number its first owned line has in the whole file. */
    public record Piece(InputFile file, long start, long end, long firstLine) implements Serializable {
        static Piece whole(InputFile file) {
            return new Piece(file, 0, Long.MAX_VALUE, 1);
        }

        boolean isWhole() {
            return start == 0 && end == Long.MAX_VALUE;
        }
    }

    /** What the first pass found in one range. */
    private record Scan(long lines, boolean evenQuotes) implements Serializable {
    }

    private CsvPieces() {
    }

    /** The pieces of every file: large files split when safe, the others whole. */
    static List<Piece> plan(JavaSparkContext sc, List<InputFile> files) {
        return plan(sc, files, MIN_SPLIT_BYTES, 64L << 20);
    }

    /** As {@link #plan(JavaSparkContext, List)}, with the sizes given (tests split small files). */
    static List<Piece> plan(JavaSparkContext sc, List<InputFile> files, long minSplitBytes, long pieceBytes) {
        int slots = Math.max(2, sc.defaultParallelism());
        List<Piece> pieces = new ArrayList<>();
        List<Piece> ranges = new ArrayList<>();
        for (InputFile f : files) {
            if (f.bytes() < minSplitBytes) {
                pieces.add(Piece.whole(f));
                continue;
            }
            long n = Math.max(slots, f.bytes() / pieceBytes);
            long size = (f.bytes() + n - 1) / n;
            for (long s = 0; s < f.bytes(); s += size) {
                ranges.add(new Piece(f, s, Math.min(f.bytes(), s + size), 0));
            }
        }
        if (ranges.isEmpty()) {
            return pieces;
        }
        List<Scan> scans = sc.parallelize(ranges, ranges.size()).map(CsvPieces::scan).collect();
        InputFile current = null;
        boolean safe = true;
        List<Piece> ofFile = new ArrayList<>();
        long line = 1;
        for (int i = 0; i <= ranges.size(); i++) {
            Piece r = i < ranges.size() ? ranges.get(i) : null;
            if (r == null || !r.file().equals(current)) {
                if (current != null) {
                    // A quoted line break somewhere: the file is read whole, by one task.
                    pieces.addAll(safe ? ofFile : List.of(Piece.whole(current)));
                }
                if (r == null) {
                    break;
                }
                current = r.file();
                safe = true;
                ofFile = new ArrayList<>();
                line = 1;
            }
            Scan s = scans.get(i);
            safe &= s.evenQuotes();
            ofFile.add(new Piece(r.file(), r.start(), r.end(), line));
            line += s.lines();
        }
        return pieces;
    }

    /** Counts the lines starting in the range and checks that each has an even number of quotes. */
    private static Scan scan(Piece range) throws IOException {
        try (InputStream in = open(range)) {
            long lines = 0;
            boolean even = true;
            boolean inLine = false;
            int quotes = 0;
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (!inLine) {
                        inLine = true;
                        lines++;
                        quotes = 0;
                    }
                    if (b == '"') {
                        quotes++;
                    } else if (b == '\n') {
                        even &= (quotes & 1) == 0;
                        inLine = false;
                    }
                }
            }
            if (inLine) {
                even &= (quotes & 1) == 0;
            }
            return new Scan(lines, even);
        }
    }

    /**
     * The bytes of the lines owned by a range: from its first line start (the range's start if a
     * line starts there, else just after the next line feed) to the end of the line that holds the
     * range's last byte.
     */
    static InputStream open(Piece p) throws IOException {
        Path path = new Path(p.file().uri());
        FSDataInputStream raw = path.getFileSystem(new Configuration()).open(path);
        long pos = p.start();
        if (pos > 0) {
            raw.seek(pos - 1);
            int b;
            do {
                b = raw.read();
                pos++;
            } while (b != -1 && b != '\n');
            if (b == -1) {
                raw.close();
                return InputStream.nullInputStream();
            }
        }
        return new OwnedLines(new java.io.BufferedInputStream(raw, 1 << 16), pos, p.end());
    }

    /** Stops after the line feed that ends the line holding byte {@code end - 1}. */
    private static final class OwnedLines extends InputStream {
        private final InputStream in;
        private long pos;
        private final long end;
        private boolean finished;

        OwnedLines(InputStream in, long pos, long end) {
            this.in = in;
            this.pos = pos;
            this.end = end;
            this.finished = pos >= end;
        }

        @Override
        public int read() throws IOException {
            if (finished) {
                return -1;
            }
            int b = in.read();
            if (b == -1) {
                finished = true;
                return -1;
            }
            pos++;
            if (b == '\n' && pos >= end) {
                finished = true;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (finished) {
                return -1;
            }
            int i = 0;
            while (i < len) {
                int b = read();
                if (b == -1) {
                    break;
                }
                buf[off + i++] = (byte) b;
                if (finished) {
                    break;
                }
            }
            return i == 0 ? -1 : i;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
