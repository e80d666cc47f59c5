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
import org.chronolens.spark.BroadcastHadoopConf;

/**
 * Splits a large CSV file into pieces that separate tasks parse, also when quoted values hold
 * line breaks. A range of the file owns the physical lines that start in it, and a piece parses
 * the records that start on those lines, reading on into the next range to finish its last one.
 *
 * <p>Where records start depends on the quoting before a range, which its own task cannot see.
 * Just after a line feed the parser is in one of two states: at the start of a record, or inside
 * a quoted value. So a first parallel pass runs the RFC 4180 quote state machine over each range
 * from both of these states, recording the state each run ends in, whether it met anything
 * irregular, and how many lines the range has. Chaining the ranges on the driver from the file's
 * start picks the true run for each range; every piece then knows its starting state and the
 * line number of its first line, so quarantine line numbers are exact. A file in which the true
 * run meets anything irregular (a quote inside an unquoted value, a character after a closing
 * quote, a lone carriage return, an unclosed quote) is read whole by one task, as the parser's own
 * error reporting expects.
 */
public final class CsvPieces {

    /** Files smaller than this are read whole: splitting them costs more than it saves. */
    static final long MIN_SPLIT_BYTES = 32L << 20;

    /** Target size of a piece: big enough that a task's start-up is noise, small enough to balance. */
    static final long PIECE_BYTES = 24L << 20;

    /**
     * A byte range of a file, the line number its first owned line has in the whole file, and
     * whether that line starts inside a quoted value that began in an earlier range.
     */
    public record Piece(InputFile file, long start, long end, long firstLine, boolean startsInside)
            implements Serializable {
        static Piece whole(InputFile file) {
            return new Piece(file, 0, Long.MAX_VALUE, 1, false);
        }

        boolean isWhole() {
            return start == 0 && end == Long.MAX_VALUE;
        }
    }

    /**
     * Pieces read one after another by one task: many small files cost what their bytes cost, not a
     * task each (and, downstream, a partition and an output file each).
     */
    public record Task(List<Piece> pieces) implements Serializable {
        public Task {
            pieces = List.copyOf(pieces);
        }
    }

    /**
     * What opening a file costs a task, in bytes read: a piece weighs its bytes plus this when
     * pieces are grouped into tasks (Spark's file reader does the same with its "open cost").
     */
    static final long OPEN_COST_BYTES = 256L << 10;

    /**
     * Consecutive pieces grouped into tasks, in order, so that the rows keep the order of the
     * pieces. A piece weighing half of {@code taskBytes} or more (a large file's piece, a large
     * file) is a task of its own, as every piece was before; each run of smaller pieces between
     * them is cut into tasks of about equal weight (bytes plus {@link #OPEN_COST_BYTES} each), no
     * heavier than {@code taskBytes}, and into {@code slots} tasks at least when the input is
     * nothing but small files.
     */
    static List<Task> tasks(List<Piece> pieces, int slots, long taskBytes) {
        List<Task> out = new ArrayList<>();
        boolean allSmall = pieces.stream().allMatch(p -> weight(p) < taskBytes / 2);
        List<Piece> run = new ArrayList<>();
        for (Piece p : pieces) {
            if (weight(p) < taskBytes / 2) {
                run.add(p);
                continue;
            }
            group(run, 1, taskBytes, out);
            run = new ArrayList<>();
            out.add(new Task(List.of(p)));
        }
        group(run, allSmall ? slots : 1, taskBytes, out);
        return out;
    }

    /** A run of small pieces cut into about equal tasks: at least {@code least} when it has as many pieces. */
    private static void group(List<Piece> run, int least, long taskBytes, List<Task> out) {
        if (run.isEmpty()) {
            return;
        }
        long total = 0;
        for (Piece p : run) {
            total += weight(p);
        }
        long count = Math.max(Math.min(run.size(), least), (total + taskBytes - 1) / taskBytes);
        // Each piece goes to the task its weight's midpoint falls in, of count equal shares of the
        // run's weight: consecutive, in order, and as even as the pieces allow.
        List<Piece> current = new ArrayList<>();
        long task = 0;
        long before = 0;
        for (Piece p : run) {
            long w = weight(p);
            long at = Math.min(count - 1, (long) ((before + w / 2.0) * count / total));
            if (at != task && !current.isEmpty()) {
                out.add(new Task(current));
                current = new ArrayList<>();
            }
            task = at;
            current.add(p);
            before += w;
        }
        out.add(new Task(current));
    }

    /** The tasks of {@link #plan}'s pieces, for a session's parallelism and {@link #PIECE_BYTES}. */
    static List<Task> tasks(JavaSparkContext sc, List<Piece> pieces) {
        return tasks(pieces, Math.max(2, sc.defaultParallelism()), PIECE_BYTES);
    }

    private static long weight(Piece p) {
        long bytes = p.isWhole() ? p.file().bytes() : p.end() - p.start();
        return bytes + OPEN_COST_BYTES;
    }

    /** What the first pass found in one range, for each of the two states it may start in. */
    private record Scan(long lines, int endFromRecordStart, int endFromInside) implements Serializable {
        int end(boolean inside) {
            return inside ? endFromInside : endFromRecordStart;
        }
    }

    private CsvPieces() {
    }

    /** The pieces of every file: large files split when safe, the others whole. */
    static List<Piece> plan(JavaSparkContext sc, List<InputFile> files, BroadcastHadoopConf hadoop) {
        int slots = Math.max(2, sc.defaultParallelism());
        return plan(sc, files, hadoop, MIN_SPLIT_BYTES, PIECE_BYTES, slots);
    }

    /** As {@link #plan(JavaSparkContext, List)}, with the sizes given (tests split small files). */
    static List<Piece> plan(JavaSparkContext sc, List<InputFile> files, BroadcastHadoopConf hadoop, long minSplitBytes,
                            long pieceBytes, int minPieces) {
        List<Piece> pieces = new ArrayList<>();
        List<Piece> ranges = new ArrayList<>();
        for (InputFile f : files) {
            if (f.bytes() < minSplitBytes) {
                pieces.add(Piece.whole(f));
                continue;
            }
            long n = Math.max(minPieces, (f.bytes() + pieceBytes - 1) / pieceBytes);
            long size = (f.bytes() + n - 1) / n;
            for (long s = 0; s < f.bytes(); s += size) {
                ranges.add(new Piece(f, s, Math.min(f.bytes(), s + size), 0, false));
            }
        }
        if (ranges.isEmpty()) {
            return pieces;
        }
        List<Scan> scans = sc.parallelize(ranges, ranges.size()).map(r -> scan(r, hadoop.get())).collect();
        int i = 0;
        while (i < ranges.size()) {
            InputFile file = ranges.get(i).file();
            List<Piece> ofFile = new ArrayList<>();
            boolean inside = false;
            boolean regular = true;
            long line = 1;
            for (; i < ranges.size() && ranges.get(i).file().equals(file); i++) {
                Piece r = ranges.get(i);
                ofFile.add(new Piece(file, r.start(), r.end(), line, inside));
                int end = scans.get(i).end(inside);
                regular &= end != QuoteState.IRREGULAR;
                inside = end == QuoteState.INSIDE || end == QuoteState.INSIDE_CR;
                line += scans.get(i).lines();
            }
            // The file must end outside any quoted value, or the parser will report the unclosed quote.
            regular &= !inside;
            pieces.addAll(regular ? ofFile : List.of(Piece.whole(file)));
        }
        return pieces;
    }

    /** Runs the quote state machine over the range's owned lines from both possible starting states. */
    private static Scan scan(Piece range, Configuration conf) throws IOException {
        try (InputStream in = ownedLines(range, conf)) {
            long lines = 0;
            boolean lineStart = true;
            int fromStart = QuoteState.RECORD_START;
            int fromInside = QuoteState.INSIDE;
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int k = 0; k < n; k++) {
                    byte b = buf[k];
                    if (lineStart) {
                        lines++;
                    }
                    lineStart = b == '\n';
                    int c = QuoteState.classOf(b);
                    fromStart = QuoteState.next(fromStart, c);
                    fromInside = QuoteState.next(fromInside, c);
                }
            }
            return new Scan(lines, fromStart, fromInside);
        }
    }

    /**
     * The bytes of the lines a range owns: from its first line start (the range's start if a line
     * starts there, else just after the next line feed) to the end of the line that holds the
     * range's last byte.
     */
    private static InputStream ownedLines(Piece p, Configuration conf) throws IOException {
        FSDataInputStream raw = openAt(p, conf);
        if (raw == null) {
            return InputStream.nullInputStream();
        }
        return new Bounded(raw, p.end(), false);
    }

    /**
     * The bytes of the records a piece owns: those starting on its owned lines. A piece that
     * starts inside a quoted value first skips to the end of that record (it belongs to an
     * earlier piece), and the last record is read to its end, past the range if need be.
     *
     * @return the stream and how many lines were skipped before the first owned record
     */
    static Records open(Piece p, Configuration conf) throws IOException {
        FSDataInputStream raw = openAt(p, conf);
        if (raw == null) {
            return new Records(InputStream.nullInputStream(), 0);
        }
        Bounded in = new Bounded(raw, p.end(), true);
        long skipped = p.startsInside() ? in.skipToRecordStart() : 0;
        return new Records(in, skipped);
    }

    /** A piece's byte stream and the lines skipped before its first record. */
    record Records(InputStream in, long skippedLines) {
    }

    /** The file positioned at the range's first line start, or null when no line starts in the range. */
    private static FSDataInputStream openAt(Piece p, Configuration conf) throws IOException {
        Path path = new Path(p.file().uri());
        FSDataInputStream raw = path.getFileSystem(conf).open(path);
        if (p.start() > 0) {
            // A line starts at the range's start only if the byte before it is a line feed.
            long pos = p.start() - 1;
            raw.seek(pos);
            java.io.BufferedInputStream probe = new java.io.BufferedInputStream(raw, 1 << 12);
            int b;
            // Only up to the range's end: a range inside one long record owns no line, and must not
            // read on to that record's end (every such range would read the rest of the record).
            do {
                b = probe.read();
                pos++;
            } while (b != -1 && b != '\n' && pos < p.end());
            if (b == -1 || pos >= p.end()) {
                raw.close();
                return null;
            }
            raw.seek(pos);
        }
        return raw;
    }

    /**
     * Reads from a line start to a stopping point past {@code end}: the first line start at or
     * after {@code end}, or, when tracking quotes, the first record start at or after it.
     */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private final long end;
        private final boolean records;
        private final byte[] buf = new byte[1 << 16];
        private final byte[] single = new byte[1];
        private int len;
        private int at;
        private long pos;
        private int state = QuoteState.RECORD_START;
        private boolean finished;

        Bounded(FSDataInputStream raw, long end, boolean records) throws IOException {
            this.in = raw;
            this.pos = raw.getPos();
            this.end = end;
            this.records = records;
            this.finished = pos >= end;
        }

        /** Consumes the rest of a record that started in an earlier range; returns the line feeds passed. */
        long skipToRecordStart() throws IOException {
            state = QuoteState.INSIDE;
            long lines = 0;
            while (fill()) {
                byte b = buf[at++];
                pos++;
                state = QuoteState.next(state, QuoteState.classOf(b));
                if (b == '\n') {
                    lines++;
                    if (state == QuoteState.RECORD_START) {
                        // The record that spans into this range ended here: ours start now, if still ours.
                        finished = pos >= end;
                        return lines;
                    }
                }
            }
            finished = true;
            return lines;
        }

        private boolean fill() throws IOException {
            if (at < len) {
                return true;
            }
            len = in.read(buf, 0, buf.length);
            at = 0;
            return len > 0;
        }

        @Override
        public int read() throws IOException {
            return read(single, 0, 1) == -1 ? -1 : single[0] & 0xFF;
        }

        @Override
        public int read(byte[] out, int off, int max) throws IOException {
            if (finished || !fill()) {
                finished = true;
                return -1;
            }
            int n = 0;
            while (n < max && at < len) {
                byte b = buf[at++];
                out[off + n++] = b;
                pos++;
                if (records) {
                    state = QuoteState.next(state, QuoteState.classOf(b));
                }
                if (b == '\n' && pos >= end && (!records || state == QuoteState.RECORD_START)) {
                    finished = true;
                    break;
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
