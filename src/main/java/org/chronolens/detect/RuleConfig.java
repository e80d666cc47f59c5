package org.chronolens.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.chronolens.config.ConfigException;
import org.chronolens.config.YamlNode;

/**
 * A partnership's thresholds: {@code rules: <rule id>: <key>: value}. Every key is optional and
 * defaults to rules-v1; unknown rules and keys are errors with their line. Each rule reads its own
 * section through a {@link Section}, which turns a parameter's validation error into one that also
 * names the file and line.
 */
public final class RuleConfig {

    private final Map<String, YamlNode> sections;

    private RuleConfig(Map<String, YamlNode> sections) {
        this.sections = sections;
    }

    public static RuleConfig defaults() {
        return new RuleConfig(Map.of());
    }

    public static RuleConfig load(Path file, Collection<String> ruleIds) {
        YamlNode root = YamlNode.load(file);
        YamlNode rules = root.entries(Set.of("rules")).get("rules");
        if (rules == null) {
            return defaults();
        }
        return new RuleConfig(rules.entries(Set.copyOf(ruleIds)));
    }

    public Section section(String rule, Set<String> keys) {
        YamlNode node = sections.get(rule);
        return new Section(rule, node == null ? Map.of() : node.entries(keys));
    }

    /** One rule's keys. */
    public static final class Section {
        private final String rule;
        private final Map<String, YamlNode> entries;

        Section(String rule, Map<String, YamlNode> entries) {
            this.rule = rule;
            this.entries = entries;
        }

        public int integer(String key, int def) {
            YamlNode n = entries.get(key);
            if (n == null) {
                return def;
            }
            try {
                return Integer.parseInt(n.scalar().strip());
            } catch (NumberFormatException e) {
                throw n.error("rule " + rule + ", " + key + ": '" + n.scalar() + "' is not a whole number");
            }
        }

        public double number(String key, double def) {
            YamlNode n = entries.get(key);
            if (n == null) {
                return def;
            }
            try {
                return Double.parseDouble(n.scalar().strip());
            } catch (NumberFormatException e) {
                throw n.error("rule " + rule + ", " + key + ": '" + n.scalar() + "' is not a number");
            }
        }

        public boolean bool(String key, boolean def) {
            YamlNode n = entries.get(key);
            if (n == null) {
                return def;
            }
            String v = n.scalar().strip();
            if (!v.equals("true") && !v.equals("false")) {
                throw n.error("rule " + rule + ", " + key + ": '" + v + "' is not true or false");
            }
            return Boolean.parseBoolean(v);
        }

        public List<String> list(String key, List<String> def) {
            YamlNode n = entries.get(key);
            if (n == null) {
                return def;
            }
            List<String> out = new ArrayList<>();
            for (YamlNode item : n.items()) {
                out.add(item.scalar().strip());
            }
            return out;
        }

        /** Builds the rule, giving a parameter error the line of the rule's section. */
        public <T> T build(Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (IllegalArgumentException e) {
                YamlNode any = entries.values().stream().findFirst().orElse(null);
                throw any == null ? new ConfigException(e.getMessage()) : any.error(e.getMessage());
            }
        }
    }
}
