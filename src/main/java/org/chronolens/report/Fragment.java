package org.chronolens.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of a page written once in the code, as HTML with {@code {}} where a value goes: parsed
 * once into its markup between the holes, then filled with values that {@link Html#text} escapes.
 * The markup a page writes comes only from such constants, so no value can add a tag or an
 * attribute, and the pages read close to the templates they replaced.
 */
final class Fragment {

    private static final String HOLE = "{}";

    private final Markup[] between;

    private Fragment(Markup[] between) {
        this.between = between;
    }

    /** @param html the fragment's markup, a constant of the code; {@code {}} marks each value */
    static Fragment of(String html) {
        List<Markup> parts = new ArrayList<>();
        int from = 0;
        for (int hole = html.indexOf(HOLE); hole >= 0; hole = html.indexOf(HOLE, from)) {
            parts.add(Markup.constant(html.substring(from, hole)));
            from = hole + HOLE.length();
        }
        parts.add(Markup.constant(html.substring(from)));
        return new Fragment(parts.toArray(Markup[]::new));
    }

    /** Writes the fragment with its values, each escaped; null writes nothing, as a template's missing value did. */
    void to(Html h, Object... values) {
        if (values.length != between.length - 1) {
            throw new IllegalArgumentException("a fragment with " + (between.length - 1) + " values was given " + values.length);
        }
        h.markup(between[0]);
        for (int i = 0; i < values.length; i++) {
            h.text(values[i]).markup(between[i + 1]);
        }
    }
}
