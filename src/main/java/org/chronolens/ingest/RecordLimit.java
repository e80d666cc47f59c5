package org.chronolens.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands between a CSV file's characters and the parser, so that no record longer than a limit is
 * ever held in memory: once a record passes the limit, the parser is given an end to it (a closing
 * quote if a quoted value is open, and a line break) and the rest of the record is read past, with
 * RFC 4180 quoting followed, without keeping it. The reader then quarantines that record as
 * {@code too_long}.
 *
 * <p>Line numbers stay exact: the parser counts the line breaks it is given, and this filter
 * remembers, per cut record, how many line breaks of the file it did not pass on. A line break is a
 * CR, an LF or a CR LF, as the parser counts them.
 */
final class RecordLimit extends Reader {

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    /** Just after a quote inside a quoted value: the closing quote, or the first of an escaped pair. */
    private static final int QUOTED_QUOTE = 3;

    private final Reader in;
    private final long limit;
    private final char[] buf = new char[1 << 13];
    private int len;
    private int at;
    private boolean eof;

    private int state = FIELD_START;
    private boolean lastWasCr;
    private long recordChars;
    private long outLines;
    private long recordStartLine = 1;
    private long recordInBreaks;
    private long recordOutBreaks;
    private boolean skipping;
    private boolean swallowLf;
    private String pending = "";

    /** Cut records by the line the parser sees them start on, with the line breaks not passed on. */
    private final TreeMap<Long, Long> cut = new TreeMap<>();

    RecordLimit(Reader in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Whether the record the parser sees starting on {@code parserLine} (1-based) was cut. */
    boolean wasCut(long parserLine) {
        return cut.containsKey(parserLine);
    }

    /** Line breaks of the file held back in cut records that start before {@code parserLine}. */
    long hiddenLinesBefore(long parserLine) {
        long n = 0;
        for (Map.Entry<Long, Long> e : cut.headMap(parserLine, false).entrySet()) {
            n += e.getValue();
        }
        return n;
    }

    @Override
    public int read(char[] out, int off, int max) throws IOException {
        int n = 0;
        while (n < max) {
            if (!pending.isEmpty()) {
                char c = pending.charAt(0);
                pending = pending.substring(1);
                out[off + n++] = c;
                if (c == '\n') {
                    outLines++;
                    recordOutBreaks++;
                }
                continue;
            }
            if (at == len) {
                if (!fill()) {
                    if (skipping) {
                        endCut();
                    }
                    break;
                }
            }
            char c = buf[at++];
            if (swallowLf) {
                swallowLf = false;
                if (c == '\n') {
                    lastWasCr = false;
                    continue; // the second half of the CR LF that ended a cut record
                }
            }
            boolean lineBreak = c == '\r' || (c == '\n' && !lastWasCr);
            boolean recordEnds = lineBreak && state != QUOTED;
            if (!(c == '\n' && lastWasCr)) {
                state = next(state, c);
            }
            lastWasCr = c == '\r';
            if (lineBreak) {
                recordInBreaks++;
            }
            if (skipping) {
                if (recordEnds) {
                    endCut();
                    newRecord();
                    swallowLf = c == '\r';
                }
                continue;
            }
            out[off + n++] = c;
            if (lineBreak) {
                outLines++;
                recordOutBreaks++;
            }
            if (recordEnds) {
                newRecord();
            } else if (++recordChars > limit) {
                // End the record for the parser and read past the rest of it.
                skipping = true;
                pending = (state == QUOTED ? "\"" : "") + "\n";
                cut.put(recordStartLine, 0L);
            }
        }
        return n == 0 && eof && pending.isEmpty() ? -1 : n;
    }

    private void endCut() {
        skipping = false;
        cut.put(recordStartLine, recordInBreaks - recordOutBreaks);
    }

    private void newRecord() {
        state = FIELD_START;
        recordChars = 0;
        recordInBreaks = 0;
        recordOutBreaks = 0;
        recordStartLine = outLines + 1;
    }

    private static int next(int state, char c) {
        return switch (state) {
            case QUOTED -> c == '"' ? QUOTED_QUOTE : QUOTED;
            case QUOTED_QUOTE -> c == '"' ? QUOTED : c == ',' || c == '\n' || c == '\r' ? FIELD_START : UNQUOTED;
            case FIELD_START -> c == '"' ? QUOTED : c == ',' || c == '\n' || c == '\r' ? FIELD_START : UNQUOTED;
            default -> c == ',' || c == '\n' || c == '\r' ? FIELD_START : UNQUOTED;
        };
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        len = in.read(buf, 0, buf.length);
        at = 0;
        if (len <= 0) {
            len = 0;
            eof = true;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
