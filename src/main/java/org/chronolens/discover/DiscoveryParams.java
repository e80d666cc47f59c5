package org.chronolens.discover;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.chronolens.config.YamlNode;

/**
 * The knobs of pattern discovery, with defaults (docs/discovery.md). Validated on construction so
 * that a bad value is refused before Spark starts.
 *
 * @param granularity       itemset period of the sequences: week or month
 * @param sequenceSupport   PrefixSpan's minimum support (share of subjects in a group)
 * @param maxPatternLength  longest sequence mined, in itemsets
 * @param minRatio          a contrast pattern's support among flagged subjects must be at least this many times its support among the rest
 * @param topPatterns       how many contrast patterns to report
 * @param miningSample      at most this many children per group are mined by PrefixSpan (supports are then counted over all)
 * @param ruleSupport       FPGrowth's minimum support (share of flagged subjects)
 * @param ruleConfidence    FPGrowth's minimum confidence for an association rule
 * @param kMin              smallest number of engagement profiles tried
 * @param kMax              largest number tried
 * @param seed              the seed of every random choice (k-means initialisation)
 */
public record DiscoveryParams(String granularity, double sequenceSupport, int maxPatternLength, double minRatio,
                              int topPatterns, int miningSample, double ruleSupport, double ruleConfidence, int kMin, int kMax, long seed) {

    public static final DiscoveryParams DEFAULTS = new DiscoveryParams("month", 0.2, 3, 2.0, 15, 1_000, 0.05, 0.3, 2, 8, 42);

    private static final Set<String> KEYS = Set.of("granularity", "sequence_support", "max_pattern_length", "min_ratio",
            "top_patterns", "mining_sample", "rule_support", "rule_confidence", "k_min", "k_max", "seed");

    public DiscoveryParams {
        if (!granularity.equals("week") && !granularity.equals("month")) {
            throw new IllegalArgumentException("granularity '" + granularity + "' is not week or month");
        }
        share("sequence_support", sequenceSupport);
        share("rule_support", ruleSupport);
        share("rule_confidence", ruleConfidence);
        if (maxPatternLength < 2 || maxPatternLength > 6) {
            throw new IllegalArgumentException("max_pattern_length " + maxPatternLength + " is not from 2 to 6");
        }
        if (!(minRatio >= 1)) {
            throw new IllegalArgumentException("min_ratio " + minRatio + " must be at least 1");
        }
        if (topPatterns < 1) {
            throw new IllegalArgumentException("top_patterns " + topPatterns + " must be at least 1");
        }
        if (miningSample < 50) {
            throw new IllegalArgumentException("mining_sample " + miningSample + " must be at least 50 children");
        }
        if (kMin < 2 || kMax < kMin || kMax > 20) {
            throw new IllegalArgumentException("k range " + kMin + ".." + kMax + " must satisfy 2 <= k_min <= k_max <= 20");
        }
    }

    private static void share(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " " + v + " is not a share above 0 and at most 1, e.g. 0.2");
        }
    }

    /** Reads a YAML file with a {@code discovery:} mapping; missing keys keep their defaults. */
    public static DiscoveryParams load(Path file) {
        YamlNode root = YamlNode.load(file);
        Map<String, YamlNode> top = root.entries(Set.of("discovery"));
        if (!top.containsKey("discovery")) {
            return DEFAULTS;
        }
        Map<String, YamlNode> m = top.get("discovery").entries(KEYS);
        DiscoveryParams d = DEFAULTS;
        try {
            return new DiscoveryParams(text(m, "granularity", d.granularity()),
                    number(m, "sequence_support", d.sequenceSupport()), (int) number(m, "max_pattern_length", d.maxPatternLength()),
                    number(m, "min_ratio", d.minRatio()), (int) number(m, "top_patterns", d.topPatterns()),
                    (int) number(m, "mining_sample", d.miningSample()),
                    number(m, "rule_support", d.ruleSupport()), number(m, "rule_confidence", d.ruleConfidence()),
                    (int) number(m, "k_min", d.kMin()), (int) number(m, "k_max", d.kMax()), (long) number(m, "seed", d.seed()));
        } catch (IllegalArgumentException e) {
            throw top.get("discovery").error(e.getMessage());
        }
    }

    private static String text(Map<String, YamlNode> m, String key, String def) {
        return m.containsKey(key) ? m.get(key).scalar().strip() : def;
    }

    private static double number(Map<String, YamlNode> m, String key, double def) {
        if (!m.containsKey(key)) {
            return def;
        }
        try {
            return Double.parseDouble(m.get(key).scalar().strip());
        } catch (NumberFormatException e) {
            throw m.get(key).error(key + " '" + m.get(key).scalar() + "' is not a number");
        }
    }
}
