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
 * @param seed              the seed of every random choice (k-means initialisation, the resamples)
 * @param stratify          compare flagged children with the others within plan statuses (and age bands, where cohorts give them)
 * @param excludeRuleItems  leave out of the mined sequences the events a rule's definition counts
 * @param resamples         bootstrap resamples of children for the stability of each finding (0: none)
 */
public record DiscoveryParams(String granularity, double sequenceSupport, int maxPatternLength, double minRatio,
                              int topPatterns, int miningSample, double ruleSupport, double ruleConfidence, int kMin, int kMax, long seed,
                              boolean stratify, boolean excludeRuleItems, int resamples) {

    public static final DiscoveryParams DEFAULTS = builder().build();

    private static final Set<String> KEYS = Set.of("granularity", "sequence_support", "max_pattern_length", "min_ratio",
            "top_patterns", "mining_sample", "rule_support", "rule_confidence", "k_min", "k_max", "seed",
            "stratify", "exclude_rule_items", "resamples");

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
        if (topPatterns < 1 || topPatterns > 50) {
            throw new IllegalArgumentException("top_patterns " + topPatterns + " is not from 1 to 50 (a list a reader can "
                    + "take in; the overlaps and resamples are counted for twenty times as many)");
        }
        if (miningSample < 50) {
            throw new IllegalArgumentException("mining_sample " + miningSample + " must be at least 50 children");
        }
        if (resamples < 0 || resamples > 200) {
            throw new IllegalArgumentException("resamples " + resamples + " is not from 0 (none) to 200, e.g. 20");
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
            return builder().granularity(text(m, "granularity", d.granularity()))
                    .sequenceSupport(number(m, "sequence_support", d.sequenceSupport()))
                    .maxPatternLength((int) number(m, "max_pattern_length", d.maxPatternLength()))
                    .minRatio(number(m, "min_ratio", d.minRatio()))
                    .topPatterns((int) number(m, "top_patterns", d.topPatterns()))
                    .miningSample((int) number(m, "mining_sample", d.miningSample()))
                    .ruleSupport(number(m, "rule_support", d.ruleSupport()))
                    .ruleConfidence(number(m, "rule_confidence", d.ruleConfidence()))
                    .kRange((int) number(m, "k_min", d.kMin()), (int) number(m, "k_max", d.kMax()))
                    .seed((long) number(m, "seed", d.seed()))
                    .stratify(bool(m, "stratify", d.stratify()))
                    .excludeRuleItems(bool(m, "exclude_rule_items", d.excludeRuleItems()))
                    .resamples((int) number(m, "resamples", d.resamples())).build();
        } catch (IllegalArgumentException e) {
            throw top.get("discovery").error(e.getMessage());
        }
    }

    /** Settings by name, starting from the defaults; {@link Builder#build} validates them. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named settings, so that nobody counts positions among eleven numbers. */
    public static final class Builder {
        private String granularity = "month";
        private double sequenceSupport = 0.2;
        private int maxPatternLength = 3;
        private double minRatio = 2.0;
        private int topPatterns = 15;
        private int miningSample = 1_000;
        private double ruleSupport = 0.05;
        private double ruleConfidence = 0.3;
        private int kMin = 2;
        private int kMax = 8;
        private long seed = 42;
        private boolean stratify = true;
        private boolean excludeRuleItems = true;
        private int resamples = 20;

        public Builder granularity(String v) {
            granularity = v;
            return this;
        }

        public Builder sequenceSupport(double v) {
            sequenceSupport = v;
            return this;
        }

        public Builder maxPatternLength(int v) {
            maxPatternLength = v;
            return this;
        }

        public Builder minRatio(double v) {
            minRatio = v;
            return this;
        }

        public Builder topPatterns(int v) {
            topPatterns = v;
            return this;
        }

        public Builder miningSample(int v) {
            miningSample = v;
            return this;
        }

        public Builder ruleSupport(double v) {
            ruleSupport = v;
            return this;
        }

        public Builder ruleConfidence(double v) {
            ruleConfidence = v;
            return this;
        }

        public Builder kRange(int min, int max) {
            kMin = min;
            kMax = max;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder stratify(boolean v) {
            stratify = v;
            return this;
        }

        public Builder excludeRuleItems(boolean v) {
            excludeRuleItems = v;
            return this;
        }

        public Builder resamples(int v) {
            resamples = v;
            return this;
        }

        public DiscoveryParams build() {
            return new DiscoveryParams(granularity, sequenceSupport, maxPatternLength, minRatio, topPatterns,
                    miningSample, ruleSupport, ruleConfidence, kMin, kMax, seed, stratify, excludeRuleItems, resamples);
        }
    }

    private static String text(Map<String, YamlNode> m, String key, String def) {
        return m.containsKey(key) ? m.get(key).scalar().strip() : def;
    }

    private static boolean bool(Map<String, YamlNode> m, String key, boolean def) {
        if (!m.containsKey(key)) {
            return def;
        }
        String v = m.get(key).scalar().strip();
        if (!v.equals("true") && !v.equals("false")) {
            throw m.get(key).error(key + " '" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
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
