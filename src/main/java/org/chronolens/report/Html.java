package org.chronolens.report;

import java.nio.CharBuffer;

/**
 * A page being written, as characters: the only way to add a value from the data is {@link #text},
 * which escapes it, and the only way to add markup is {@link #markup}, which takes a {@link Markup}
 * (the code's constants, the report's resources, the drawn timeline), never a string. So a child's
 * page keeps every value inert by construction, as the Mustache templates did by default.
 *
 * <p>One buffer serves every page a task writes ({@link #reset}), and {@link PageWriter} encodes it
 * to UTF-8 straight from its array: no copy of the page as a {@code String}, no new array per page.
 */
final class Html {

    /**
     * Escapes as Mustache's HTML escaper (mustache.java 0.9) did, character for character, so the
     * pages are byte-identical to those the templates wrote: {@code & < > " ' ` =} as entities and
     * the control characters up to carriage return as numeric references. Indexed by character.
     */
    private static final char[][] ESCAPES = escapes();

    private char[] chars;
    private int length;

    Html() {
        this(1 << 16);
    }

    Html(int capacity) {
        chars = new char[capacity];
    }

    /** Empties the buffer for the next page, keeping its capacity. */
    Html reset() {
        length = 0;
        return this;
    }

    /** Markup as it is: the page's own tags and words, never data. */
    Html markup(Markup m) {
        char[] c = m.chars;
        room(c.length);
        System.arraycopy(c, 0, chars, length, c.length);
        length += c.length;
        return this;
    }

    /** A value from the data, escaped; nothing for null, as a template wrote a missing value. */
    Html text(Object value) {
        return value == null ? this : text(value.toString());
    }

    /** A value from the data, escaped. */
    Html text(String s) {
        int n = s.length();
        room(n);
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            char[] escape = c < ESCAPES.length ? ESCAPES[c] : null;
            if (escape != null) {
                s.getChars(from, i, chars, length);
                length += i - from;
                room(escape.length + n - i);
                System.arraycopy(escape, 0, chars, length, escape.length);
                length += escape.length;
                from = i + 1;
            }
        }
        s.getChars(from, n, chars, length);
        length += n - from;
        return this;
    }

    /** A number, which needs no escaping. */
    Html text(long n) {
        return text(Long.toString(n));
    }

    int length() {
        return length;
    }

    /** The page so far, for encoding: a view of the buffer, valid until the next change. */
    CharBuffer chars() {
        return CharBuffer.wrap(chars, 0, length);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    private void room(int more) {
        if (length + more > chars.length) {
            chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
        }
    }

    private static char[][] escapes() {
        char[][] e = new char['`' + 1][];
        for (char c = 0; c <= '\r'; c++) {
            e[c] = ("&#" + (int) c + ";").toCharArray();
        }
        e['&'] = "&amp;".toCharArray();
        e['<'] = "&lt;".toCharArray();
        e['>'] = "&gt;".toCharArray();
        e['"'] = "&quot;".toCharArray();
        e['\''] = "&#39;".toCharArray();
        e['`'] = "&#96;".toCharArray();
        e['='] = "&#61;".toCharArray();
        return e;
    }
}
