package org.chronolens.detect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.chronolens.config.ConfigException;
import org.chronolens.config.YamlNode;

/**
 * A partnership's thresholds: {@code rules: <rule id>: <key>: value}, from a file or given in
 * code. Every key is optional and defaults to the rule's declared default; unknown rules and keys
 * are errors, and every error names the file and the line of the key at fault.
 */
public final class RuleConfig {

    private final YamlNode rules;
    private final Map<String, YamlNode> sections;
    private final Map<String, Map<String, Object>> values;

    private RuleConfig(YamlNode rules, Map<String, Map<String, Object>> values) {
        this.rules = rules;
        this.sections = rules == null ? Map.of() : rules.entries(Set.of());
        this.values = values;
    }

    public static RuleConfig defaults() {
        return new RuleConfig(null, Map.of());
    }

    public static RuleConfig load(Path file) {
        YamlNode root = YamlNode.load(file);
        return new RuleConfig(root.entries(Set.of("rules")).get("rules"), Map.of());
    }

    /** Values given in code, by rule id and key (validated like a file's when the rules are built). */
    public static RuleConfig of(Map<String, Map<String, Object>> values) {
        return new RuleConfig(null, Map.copyOf(values));
    }

    /** Refuses a rule id that no entry has, at its line. */
    void checkRules(List<String> ids) {
        if (rules != null) {
            rules.entries(Set.copyOf(ids));
        }
        String expected = ids.stream().sorted().collect(Collectors.joining(", "));
        for (String id : values.keySet()) {
            if (!ids.contains(id)) {
                throw new ConfigException("unknown rule '" + id + "'; expected one of " + expected);
            }
        }
    }

    /** The values given for one rule's parameters, read and validated; absent keys are left to the defaults. */
    Map<String, Object> given(RuleEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>(values.getOrDefault(entry.id(), Map.of()));
        YamlNode node = sections.get(entry.id());
        if (node != null) {
            Map<String, Param<?>> byName = new HashMap<>();
            entry.params().forEach(p -> byName.put(p.name(), p));
            for (Map.Entry<String, YamlNode> e : node.entries(byName.keySet()).entrySet()) {
                out.put(e.getKey(), byName.get(e.getKey()).read(entry.id(), e.getValue()));
            }
        }
        return out;
    }

    /** The file line of a rule's section, for errors that concern the rule as a whole. */
    ConfigException error(String rule, String message) {
        YamlNode node = sections.get(rule);
        return node == null ? new ConfigException(message) : node.error(message);
    }
}
