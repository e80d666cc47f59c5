package org.chronolens.report;

import java.util.Map;

/**
 * Upper bounds of what a child's page may hold, so that every page stays under 5 MB however long
 * the chronology (a case of 100,000 events made one page of 48 MB, too big for a phone or a
 * printer). Rows are measured before rendering, from their values as the templates will write them:
 * a row of short notes costs a few hundred bytes, one of 4,000 characters of {@code &} tens of
 * kilobytes, so rows are counted and weighed both.
 */
final class PageBudget {

    /** Rows of the chronology on one page: a longer chronology is split into parts. */
    static final int PART_ROWS = 2_000;
    /** Bytes of chronology rows on one page; with the rest of a child's page, far below 5 MB. */
    static final long PART_BYTES = 1_500_000;
    /** Evidence rows listed under one flag (the sample's longest evidence is 131 events); the chronology marks the others. */
    static final int EVIDENCE_ROWS = 500;
    /** Bytes of evidence rows on a child's page, over all its flags. */
    static final long EVIDENCE_BYTES = 1_500_000;

    /** The markup a table row puts around its values, generously. */
    private static final int ROW_MARKUP = 400;
    /** The longest escape a page writes for one character ({@code &quot;}; {@link Html} escapes as Mustache did). */
    private static final int LONGEST_ESCAPE = 6;

    /**
     * Bytes of each ASCII character at most: its longest escape for those the page escapes (and the
     * control characters), one for the rest. A table, not a search of a string of them per character:
     * every row of every chronology is weighed, and the search was 15 % of a child's page's time.
     */
    private static final byte[] ASCII = ascii();

    private PageBudget() {
    }

    /** A table row's bytes at most, the row being the template's scope: each value is written once. */
    static long row(Map<String, Object> row) {
        long bytes = ROW_MARKUP;
        for (Object v : row.values()) {
            if (v != null) {
                bytes += escaped(v.toString());
            }
        }
        return bytes;
    }

    /** Bytes of a value in UTF-8 once escaped, at most: a character the page escapes counts as its longest escape. */
    static long escaped(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += ASCII[c];
            } else {
                // A surrogate pair is four bytes, two a half.
                bytes += c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
        }
        return bytes;
    }

    private static byte[] ascii() {
        byte[] b = new byte[0x80];
        for (char c = 0; c < 0x80; c++) {
            b[c] = (byte) (c < 0x20 || "&<>\"'`=".indexOf(c) >= 0 ? LONGEST_ESCAPE : 1);
        }
        return b;
    }
}
