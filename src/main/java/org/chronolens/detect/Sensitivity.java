package org.chronolens.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The threshold variants a partnership looks at when it agrees a count rule's threshold: one
 * fewer and one more event, half and double the window. A variant the rule's parameters do not
 * allow (one fewer than 1, say) is left out.
 */
public final class Sensitivity {

    public record Variant(String name, CountRule rule) {
    }

    public static final List<String> NAMES = List.of("n_minus_1", "as_configured", "n_plus_1", "half_window",
            "double_window");

    private Sensitivity() {
    }

    public static List<Variant> variants(CountRule r) {
        List<Variant> out = new ArrayList<>();
        add(out, "n_minus_1", r, r.count() - 1, r.days());
        out.add(new Variant("as_configured", r));
        add(out, "n_plus_1", r, r.count() + 1, r.days());
        if (r.days() > 0) {
            add(out, "half_window", r, r.count(), Math.max(1, r.days() / 2));
            add(out, "double_window", r, r.count(), r.days() * 2);
        }
        return out;
    }

    private static void add(List<Variant> out, String name, CountRule r, int count, int days) {
        try {
            out.add(new Variant(name, r.withThreshold(count, days)));
        } catch (IllegalArgumentException outOfRange) {
            // Not a threshold the rule can take; the table shows the variant as not applicable.
        }
    }
}
