package org.chronolens.report;

import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.chronolens.config.ConfigException;
import org.chronolens.config.YamlNode;
import org.chronolens.detect.Theme;
import org.chronolens.detect.rules.AdviceNonAdherence;
import org.chronolens.detect.rules.AdviceNotFollowedUp;
import org.chronolens.detect.rules.HostilityOrResistance;

/**
 * The reflective prompts of each theme, in the project's words by default or in a partnership's
 * own file. A flag shows the prompts of its theme, and a few rules add a second section.
 */
public final class Prompts implements Serializable {

    /** One theme's prompts. */
    public record Section(String key, String title, List<String> prompts) implements Serializable {
    }

    public static final List<String> SECTIONS = List.of("disguised-compliance", "resistance-and-hostility", "thresholds",
            "strategy-meetings", "multi-agency-communication", "escalation", "cultural-curiosity");

    private static final Map<String, String> BY_THEME = Map.of(
            Theme.DISGUISED_COMPLIANCE, "disguised-compliance",
            Theme.STRATEGY_MEETINGS, "strategy-meetings",
            Theme.COMMUNICATION, "multi-agency-communication",
            Theme.ESCALATION, "escalation");

    private static final Map<String, String> EXTRA_BY_RULE = Map.of(
            HostilityOrResistance.ID, "resistance-and-hostility",
            AdviceNonAdherence.ID, "cultural-curiosity",
            AdviceNotFollowedUp.ID, "cultural-curiosity");

    private final Map<String, Section> sections;

    private Prompts(Map<String, Section> sections) {
        this.sections = sections;
    }

    public static Prompts defaults() {
        try (InputStream in = Prompts.class.getResourceAsStream("prompts.yaml")) {
            return read("built-in prompts", YamlNode.load("built-in prompts",
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the built-in prompts cannot be read", e);
        }
    }

    public static Prompts load(Path file) {
        return read(file.toString(), YamlNode.load(file));
    }

    private static Prompts read(String file, YamlNode root) {
        YamlNode themes = root.entries(Set.of("themes")).get("themes");
        if (themes == null) {
            throw root.error("a prompts file needs a 'themes' section with " + String.join(", ", SECTIONS));
        }
        Map<String, Section> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : themes.entries(Set.copyOf(SECTIONS)).entrySet()) {
            Map<String, YamlNode> keys = e.getValue().entries(Set.of("title", "prompts"));
            if (!keys.containsKey("title") || !keys.containsKey("prompts")) {
                throw e.getValue().error("each theme needs a 'title' and a list of 'prompts'");
            }
            List<String> prompts = new ArrayList<>();
            for (YamlNode p : keys.get("prompts").items()) {
                prompts.add(p.scalar());
            }
            if (prompts.isEmpty()) {
                throw keys.get("prompts").error("give at least one prompt");
            }
            out.put(e.getKey(), new Section(e.getKey(), keys.get("title").scalar(), List.copyOf(prompts)));
        }
        List<String> missing = SECTIONS.stream().filter(s -> !out.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException(file + ": the prompts file lacks the theme(s) " + String.join(", ", missing)
                    + "; every theme needs its prompts");
        }
        return new Prompts(out);
    }

    /** The sections a flag of this rule and theme shows, its theme's first. */
    public List<Section> forFlag(String ruleId, String theme) {
        List<Section> out = new ArrayList<>();
        out.add(sections.get(BY_THEME.getOrDefault(theme, "thresholds")));
        String extra = EXTRA_BY_RULE.get(ruleId);
        if (extra != null) {
            out.add(sections.get(extra));
        }
        return out;
    }

    public Section section(String key) {
        return sections.get(key);
    }

    public List<Section> all() {
        return List.copyOf(sections.values());
    }
}
