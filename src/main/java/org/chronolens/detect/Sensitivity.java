package org.chronolens.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The threshold variants a partnership looks at when it agrees a rule's threshold: one fewer and
 * one more event, half and double the window. A variant the rule's parameters do not allow (one
 * fewer than 1, say) is left out, and shown as not applicable.
 */
public final class Sensitivity {

    /** One variant of one rule: the rule rebuilt at another count or window. 0: no count, no window. */
    public record Variant(String ruleId, String name, Rule rule, int count, int days) implements java.io.Serializable {
    }

    /** The variant that is the rule as the partnership configured it. */
    public static final String AS_CONFIGURED = "as_configured";

    public static final List<String> NAMES = List.of("n_minus_1", AS_CONFIGURED, "n_plus_1", "half_window",
            "double_window");

    private Sensitivity() {
    }

    static List<Variant> variants(RuleSet set) {
        List<Variant> out = new ArrayList<>();
        for (RuleEntry e : set.entries()) {
            RuleEntry.Threshold t = e.threshold();
            if (t == null) {
                continue;
            }
            Params p = set.paramsOf(e.id());
            int count = t.count() == null ? 0 : p.get(t.count());
            int days = t.days() == null ? 0 : p.get(t.days());
            if (t.count() != null) {
                add(out, set, e, "n_minus_1", p, count - 1, days);
            }
            out.add(new Variant(e.id(), AS_CONFIGURED, set.rule(e.id()), count, days));
            if (t.count() != null) {
                add(out, set, e, "n_plus_1", p, count + 1, days);
            }
            if (t.days() != null) {
                add(out, set, e, "half_window", p, count, Math.max(1, days / 2));
                add(out, set, e, "double_window", p, count, days * 2);
            }
        }
        return out;
    }

    private static void add(List<Variant> out, RuleSet set, RuleEntry e, String name, Params p, int count, int days) {
        try {
            Params changed = p;
            if (e.threshold().count() != null) {
                changed = changed.with(e.threshold().count(), count);
            }
            if (e.threshold().days() != null) {
                changed = changed.with(e.threshold().days(), days);
            }
            out.add(new Variant(e.id(), name, e.factory().build(changed, set::rule), count, days));
        } catch (IllegalArgumentException outOfRange) {
            // Not a threshold the rule can take; the table shows the variant as not applicable.
        }
    }

    /** The variants of one rule, by name. */
    public static java.util.Map<String, Variant> of(RuleSet set, String ruleId) {
        java.util.Map<String, Variant> out = new java.util.LinkedHashMap<>();
        set.variants().stream().filter(v -> v.ruleId().equals(ruleId)).forEach(v -> out.put(v.name(), v));
        return out;
    }
}
