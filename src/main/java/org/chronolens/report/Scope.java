package org.chronolens.report;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reading the values {@link ChildPage} and {@link CaseSummary} build for a child's page, with the
 * meaning the Mustache templates gave them: a section is shown for a value that is there and is not
 * false, an empty string or an empty list. The pages written from them are byte-identical to the
 * templates' because these rules are the templates' rules.
 */
final class Scope {

    private Scope() {
    }

    /** Whether a template's section {@code {{#name}}} would show for this value. */
    static boolean shown(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        return !(value instanceof Collection<?> c) || !c.isEmpty();
    }

    /** Whether {@code map}'s value {@code key} is shown, as {@link #shown(Object)}. */
    static boolean shown(Map<String, Object> map, String key) {
        return shown(map.get(key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
