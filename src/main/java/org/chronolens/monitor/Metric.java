package org.chronolens.monitor;

import java.io.Serializable;

/**
 * One number a run measured, in long form so that any check can read any metric: its name
 * ({@code accepted}, {@code flags}), what it is counted by ({@code agency}, {@code rule},
 * {@code reason}, {@code file}, {@code agency_event_type}, or {@code run} for the whole run) and
 * the key within that ({@code health}, {@code missing-appointments}; empty for the run).
 */
public record Metric(String name, String by, String key, double value) implements Serializable {

    public static Metric of(String name, String by, String key, double value) {
        return new Metric(name, by, key == null ? "" : key, value);
    }

    public static Metric ofRun(String name, double value) {
        return new Metric(name, "run", "", value);
    }

    /** The metric's identity across runs. */
    public String id() {
        return name + "|" + by + "|" + key;
    }
}
