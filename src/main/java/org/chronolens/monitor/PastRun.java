package org.chronolens.monitor;

import java.time.LocalDate;
import java.util.Map;

/** One earlier run in the history: its id, as-of date and every metric it kept, by {@link Metric#id()}. */
public record PastRun(String runId, LocalDate asOf, Map<String, Double> values) {

    public double value(String metricId) {
        return values.getOrDefault(metricId, 0.0);
    }

    public boolean has(String metricId) {
        return values.getOrDefault(metricId, 0.0) > 0;
    }
}
