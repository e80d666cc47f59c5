package org.chronolens.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A metric of this run outside what the history leads one to expect: which check found it, the
 * metric, the agency, reason or rule it concerns, its value, the expected range and a sentence
 * that names them. {@code agency} is set where the anomaly is an agency's data (a flag whose
 * evidence comes from that agency may only be unseen, not resolved).
 */
public record Anomaly(String check, String metric, String subject, String agency, double value, double expectedLow,
                      double expectedHigh, String sentence) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", check);
        m.put("metric", metric);
        m.put("subject", subject);
        m.put("agency", agency);
        m.put("value", value);
        m.put("expected_low", expectedLow);
        m.put("expected_high", expectedHigh);
        m.put("message", sentence);
        return m;
    }
}
