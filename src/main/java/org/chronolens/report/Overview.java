package org.chronolens.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Builds the overview's scope from small, already aggregated facts about the run. */
final class Overview {

    private Overview() {
    }

    static String metric(Object value) {
        double d = ((Number) value).doubleValue();
        return d == Math.floor(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.4f", d);
    }

    /** "count: 3, days: 90, outcomes: was_not_brought, did_not_attend" from a rule's thresholds. */
    static String params(JsonNode rule) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = rule.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String text;
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(i -> items.add(i.asText()));
                text = String.join(", ", items);
            } else {
                text = v.asText();
            }
            parts.add(e.getKey() + ": " + text);
        }
        return String.join("; ", parts);
    }

    static List<Map<String, Object>> entries(JsonNode object) {
        List<Map<String, Object>> out = new ArrayList<>();
        object.fields().forEachRemaining(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", e.getKey());
            m.put("value", String.format(Locale.ROOT, "%,d", e.getValue().asLong()));
            out.add(m);
        });
        return out;
    }
}
