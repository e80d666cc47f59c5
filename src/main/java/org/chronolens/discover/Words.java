package org.chronolens.discover;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Plain words for tokens and patterns, so that a reviewer reads a sentence, not a data structure. */
final class Words {

    private Words() {
    }

    /** {@code appointment:did_not_attend} → "appointment: did not attend"; {@code cp_conference} → "child protection conference". */
    static String token(String token) {
        int colon = token.indexOf(':');
        if (colon > 0 && token.startsWith(org.chronolens.check.Vocabulary.FREE_OUTCOME_TYPE + ":")) {
            return org.chronolens.check.Vocabulary.words(token.substring(colon + 1)); // "moved home", not "other: moved home"
        }
        return colon < 0 ? org.chronolens.check.Vocabulary.words(token)
                : org.chronolens.check.Vocabulary.words(token.substring(0, colon)) + ": "
                        + org.chronolens.check.Vocabulary.words(token.substring(colon + 1));
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

    /** Rules by their titles, as a reviewer reads them: "Appointments missed" and "Child not seen at home visits". */
    static String rules(List<String> rules) {
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        org.chronolens.detect.rules.Catalogue.standard().entries().forEach(e -> titles.put(e.id(), e.title()));
        return rules.stream().map(r -> "\"" + titles.getOrDefault(r, r) + "\"").collect(Collectors.joining(" and "));
    }
}
