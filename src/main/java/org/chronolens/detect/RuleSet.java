package org.chronolens.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.chronolens.config.ConfigException;

/**
 * The rules of a catalogue built with a partnership's parameters, validated when built; also what
 * the run writes as its effective thresholds, and the threshold variants of the sensitivity table.
 */
public final class RuleSet implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<RuleEntry> entries;
    private final List<Rule> rules;
    private final Map<String, Params> params;
    private final List<Sensitivity.Variant> variants;

    private RuleSet(List<RuleEntry> entries, List<Rule> rules, Map<String, Params> params) {
        this.entries = List.copyOf(entries);
        this.rules = List.copyOf(rules);
        this.params = params;
        this.variants = Sensitivity.variants(this);
    }

    /** Builds every entry, in order, with its parameters from {@code config} (defaults where not given). */
    public static RuleSet build(List<RuleEntry> entries, RuleConfig config) {
        config.checkRules(entries.stream().map(RuleEntry::id).toList());
        Map<String, Rule> built = new LinkedHashMap<>();
        Map<String, Params> params = new LinkedHashMap<>();
        for (RuleEntry e : entries) {
            if (built.containsKey(e.id())) {
                throw new IllegalArgumentException("rule " + e.id() + " is listed twice");
            }
            Params p;
            try {
                p = Params.of(e.id(), e.params(), config.given(e));
            } catch (IllegalArgumentException invalid) {
                throw new ConfigException(invalid.getMessage());
            }
            Rule rule;
            try {
                rule = e.factory().build(p, id -> {
                    Rule r = built.get(id);
                    if (r == null) {
                        throw new IllegalStateException(e.id() + " builds on " + id + ", which is not listed before it");
                    }
                    return r;
                });
            } catch (IllegalArgumentException invalid) {
                throw config.error(e.id(), invalid.getMessage());
            }
            built.put(e.id(), rule);
            params.put(e.id(), p);
        }
        return new RuleSet(entries, new ArrayList<>(built.values()), params);
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<RuleEntry> entries() {
        return entries;
    }

    public List<String> ids() {
        return entries.stream().map(RuleEntry::id).toList();
    }

    public Optional<RuleEntry> entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The validated parameters of one rule, or empty if the set has no such rule. */
    public Optional<Params> params(String id) {
        return Optional.ofNullable(params.get(id));
    }

    /** Rules whose every flag is one event: their flag key includes the event. */
    public List<String> perEventIds() {
        return entries.stream().filter(e -> e.scope() == Scope.PER_EVENT).map(RuleEntry::id).toList();
    }

    /** Effective parameters per rule id, in rule order: key to value. */
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((id, p) -> out.put(id, p.asMap()));
        return out;
    }

    /** The threshold variants of every rule that has a threshold, built once. */
    public List<Sensitivity.Variant> variants() {
        return variants;
    }

    public List<Flag> evaluate(Chronology c) {
        List<Flag> out = new ArrayList<>();
        for (Rule r : rules) {
            out.addAll(r.evaluate(c));
        }
        return out;
    }

    Rule rule(String id) {
        return rules.get(ids().indexOf(id));
    }

    /** The built rule with this id, if the set has one. */
    public Optional<Rule> find(String id) {
        int i = ids().indexOf(id);
        return i < 0 ? Optional.empty() : Optional.of(rules.get(i));
    }

    Params paramsOf(String id) {
        return params.get(id);
    }
}
