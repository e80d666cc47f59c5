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
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Theme;

/**
 * The reflective prompts of each section (a theme, or a concern a few rules add), in the project's
 * words by default or in a partnership's own file. A flag shows the sections its catalogue entry
 * names: its theme's, then its extras. A partnership's file may leave sections out — they keep the
 * built-in prompts — so that it keeps loading when a release adds a rule or a theme.
 */
public final class Prompts implements Serializable {

    /** One theme's prompts. */
    public record Section(String key, String title, List<String> prompts) implements Serializable {
    }

    public static final List<String> SECTIONS = List.of("disguised-compliance", "resistance-and-hostility", "thresholds",
            "strategy-meetings", "multi-agency-communication", "escalation", "cultural-curiosity");

    private final Map<String, Section> sections;
    /** Section keys per rule id, from the catalogue entries the report shows. */
    private final Map<String, List<String>> keysByRule;
    /** What a partnership's file left to the built-in prompts. */
    private final List<String> builtIn;

    private Prompts(Map<String, Section> sections, Map<String, List<String>> keysByRule, List<String> builtIn) {
        this.sections = sections;
        this.keysByRule = keysByRule;
        this.builtIn = builtIn;
    }

    public static Prompts defaults() {
        try (InputStream in = Prompts.class.getResourceAsStream("prompts.yaml")) {
            Map<String, Section> all = read("built-in prompts", YamlNode.load("built-in prompts",
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)));
            List<String> missing = SECTIONS.stream().filter(k -> !all.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("the built-in prompts lack " + missing);
            }
            return new Prompts(all, Map.of(), List.of());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the built-in prompts cannot be read", e);
        }
    }

    /** A partnership's prompts; sections it does not give keep the built-in prompts. */
    public static Prompts load(Path file) {
        Map<String, Section> given = read(file.toString(), YamlNode.load(file));
        Prompts defaults = defaults();
        Map<String, Section> all = new LinkedHashMap<>();
        List<String> builtIn = new ArrayList<>();
        for (String key : SECTIONS) {
            all.put(key, given.getOrDefault(key, defaults.sections.get(key)));
            if (!given.containsKey(key)) {
                builtIn.add(key);
            }
        }
        return new Prompts(all, Map.of(), List.copyOf(builtIn));
    }

    /** The sections a partnership's file left out, which show the built-in prompts (for a warning). */
    public List<String> builtInSections() {
        return builtIn;
    }

    /**
     * Everything a page can show of these prompts, as JSON: the same text for the same prompts in
     * any run, and another for prompts that differ anywhere (a prompt split in two included).
     */
    String fingerprint() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    List.of(sections, new java.util.TreeMap<>(keysByRule)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("prompts are text", e);
        }
    }

    /**
     * These prompts for the rules of a run: each rule's sections come from its entry, and every
     * section an entry names must exist (a rule whose prompts are missing is a mistake, not a
     * reason to show another theme's).
     */
    public Prompts forRules(List<RuleEntry> entries) {
        Map<String, List<String>> keys = new java.util.HashMap<>();
        for (RuleEntry e : entries) {
            for (String k : e.promptSections()) {
                if (!sections.containsKey(k)) {
                    throw new IllegalStateException("rule " + e.id() + " names the prompt section '" + k
                            + "', which the prompts do not have");
                }
            }
            keys.put(e.id(), e.promptSections());
        }
        return new Prompts(sections, keys, builtIn);
    }

    private static Map<String, Section> read(String file, YamlNode root) {
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
        if (out.isEmpty()) {
            throw themes.error("give at least one theme's prompts");
        }
        return out;
    }

    /**
     * The sections a flag of this rule shows, its theme's first. A rule the report's catalogue does
     * not know (a run of an older version) shows its theme's prompts, found by the theme's title.
     */
    public List<Section> forFlag(String ruleId, String themeTitle) {
        List<String> keys = keysByRule.get(ruleId);
        if (keys == null) {
            keys = java.util.Arrays.stream(Theme.values()).filter(t -> t.title().equals(themeTitle))
                    .map(Theme::key).findFirst().map(List::of).orElse(List.of());
        }
        return keys.stream().map(sections::get).toList();
    }

    public Section section(String key) {
        return sections.get(key);
    }

    public List<Section> all() {
        return List.copyOf(sections.values());
    }
}
