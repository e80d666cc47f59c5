package org.chronolens.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Markup that a page writes as it is, unescaped: the page's own tags and words, the report's style
 * sheet and scripts, and the SVG timeline, which escapes every value it draws ({@link Svg#escape}).
 * Never text from the data: that goes through {@link Html#text}, which escapes it. So there are only
 * three ways to make one, each named for what it may hold.
 */
final class Markup {

    final char[] chars;

    private Markup(char[] chars) {
        this.chars = chars;
    }

    /**
     * A constant: a string literal of a page's tags and words, or a piece of the report's own
     * resources ({@link StyleSheet}); never a value from the data.
     */
    static Markup constant(String literal) {
        return new Markup(literal.toCharArray());
    }

    /** A resource of the report (a style sheet, a script) as it is in the application's jar. */
    static Markup resource(String name) {
        return new Markup(resourceText(name).toCharArray());
    }

    /** What {@link Timeline} drew: SVG whose every text and attribute from the data it escaped itself. */
    static Markup drawn(StringBuilder svg) {
        char[] chars = new char[svg.length()];
        svg.getChars(0, chars.length, chars, 0);
        return new Markup(chars);
    }

    /** The text of one of the report's resources, beside the templates. */
    static String resourceText(String name) {
        try (InputStream in = Markup.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's resource " + name + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return new String(chars);
    }
}
