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

    /**
     * A rule's thresholds as a reader takes them in: each parameter by what it means (its doc in
     * the catalogue) and its values in words, "how many counted events make the pattern: 3; which
     * outcomes count: was not brought, did not attend". The thresholds file keeps the keys.
     */
    static String params(String ruleId, JsonNode rule) {
        Map<String, String> docs = new LinkedHashMap<>();
        org.chronolens.detect.rules.Catalogue.standard().entries().stream().filter(e -> e.id().equals(ruleId))
                .flatMap(e -> e.params().stream()).forEach(p -> docs.put(p.name(), p.doc()));
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = rule.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String text;
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(i -> items.add(org.chronolens.check.Vocabulary.words(i.asText())));
                text = String.join(", ", items);
            } else if (v.isBoolean()) {
                text = v.asBoolean() ? "yes" : "no";
            } else {
                text = v.asText();
            }
            parts.add(docs.getOrDefault(e.getKey(), e.getKey()) + ": " + text);
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
