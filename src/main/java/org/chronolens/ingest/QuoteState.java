package org.chronolens.ingest;

/**
 * The RFC 4180 quoting of Commons CSV's parser as a byte-level state machine, for finding record
 * starts without parsing. It is stricter than the parser: whatever the parser would read in a way
 * this machine cannot follow (a quote inside an unquoted value, which the parser keeps as text; a
 * space after a closing quote, which it skips) is {@link #IRREGULAR}, and such a file is not split.
 */
final class QuoteState {

    static final int RECORD_START = 0;
    static final int FIELD_START = 1;
    static final int UNQUOTED = 2;
    static final int INSIDE = 3;
    /** Just after a quote inside a quoted value: the closing quote, or the first of an escaped pair. */
    static final int CLOSING = 4;
    static final int CARRIAGE_RETURN = 5;
    /** A carriage return inside a quoted value, which must be the first half of a line break. */
    static final int INSIDE_CR = 6;
    static final int IRREGULAR = 7;

    private static final int QUOTE = 0;
    private static final int COMMA = 1;
    private static final int LF = 2;
    private static final int CR = 3;
    private static final int OTHER = 4;

    private static final int[] CLASS = new int[256];
    private static final int[] NEXT = new int[8 * 5];

    static {
        java.util.Arrays.fill(CLASS, OTHER);
        CLASS['"'] = QUOTE;
        CLASS[','] = COMMA;
        CLASS['\n'] = LF;
        CLASS['\r'] = CR;
        //           state            quote      comma        lf            cr               other
        row(RECORD_START,    INSIDE,    FIELD_START, RECORD_START, CARRIAGE_RETURN, UNQUOTED);
        row(FIELD_START,     INSIDE,    FIELD_START, RECORD_START, CARRIAGE_RETURN, UNQUOTED);
        row(UNQUOTED,        IRREGULAR, FIELD_START, RECORD_START, CARRIAGE_RETURN, UNQUOTED);
        row(INSIDE,          CLOSING,   INSIDE,      INSIDE,       INSIDE_CR,       INSIDE);
        row(INSIDE_CR,       IRREGULAR, IRREGULAR,   INSIDE,       IRREGULAR,       IRREGULAR);
        row(CLOSING,         INSIDE,    FIELD_START, RECORD_START, CARRIAGE_RETURN, IRREGULAR);
        row(CARRIAGE_RETURN, IRREGULAR, IRREGULAR,   RECORD_START, IRREGULAR,       IRREGULAR);
        row(IRREGULAR,       IRREGULAR, IRREGULAR,   IRREGULAR,    IRREGULAR,       IRREGULAR);
    }

    private QuoteState() {
    }

    private static void row(int state, int quote, int comma, int lf, int cr, int other) {
        int base = state * 5;
        NEXT[base + QUOTE] = quote;
        NEXT[base + COMMA] = comma;
        NEXT[base + LF] = lf;
        NEXT[base + CR] = cr;
        NEXT[base + OTHER] = other;
    }

    static int classOf(byte b) {
        return CLASS[b & 0xFF];
    }

    static int next(int state, int byteClass) {
        return NEXT[state * 5 + byteClass];
    }
}
