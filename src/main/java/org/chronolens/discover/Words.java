package org.chronolens.discover;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Plain words for tokens and patterns, so that a reviewer reads a sentence, not a data structure. */
final class Words {

    private Words() {
    }

    /** {@code appointment:did_not_attend} → "appointment: did not attend". */
    static String token(String token) {
        return token.replace('_', ' ').replace(":", ": ");
    }

    static String itemset(List<String> items) {
        return items.stream().map(Words::token).collect(Collectors.joining(" and "));
    }

    /** "A, then B (a later month), then C (a later month)". */
    static String sequence(List<List<String>> pattern, String granularity) {
        StringBuilder b = new StringBuilder(itemset(pattern.get(0)));
        for (int i = 1; i < pattern.size(); i++) {
            b.append(", then in a later ").append(granularity).append(' ').append(itemset(pattern.get(i)));
        }
        return b.toString();
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    static String rules(List<String> rules) {
        return String.join(" and ", rules);
    }
}
