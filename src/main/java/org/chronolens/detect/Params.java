package org.chronolens.detect;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One rule's parameter values, validated, in the order its entry declares them. */
public final class Params implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String rule;
    private final List<Param<?>> declared;
    private final Map<String, Object> values;

    private Params(String rule, List<Param<?>> declared, Map<String, Object> values) {
        this.rule = rule;
        this.declared = declared;
        this.values = values;
    }

    /** The defaults of every declared parameter, with {@code given} values (already read) in their place. */
    static Params of(String rule, List<Param<?>> declared, Map<String, Object> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param<?> p : declared) {
            values.put(p.name(), given.containsKey(p.name()) ? p.validate(rule, given.get(p.name())) : p.defaultValue());
        }
        return new Params(rule, declared, Collections.unmodifiableMap(values));
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Param<T> p) {
        if (!values.containsKey(p.name())) {
            throw new IllegalArgumentException(rule + " has no parameter " + p.name());
        }
        return (T) values.get(p.name());
    }

    /** The same values with one changed and validated: a threshold variant. */
    public <T> Params with(Param<T> p, T value) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(p.name(), value);
        return of(rule, declared, changed);
    }

    /** Key to value, in declared order: what thresholds.json and the manifest record. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return rule + values;
    }
}
