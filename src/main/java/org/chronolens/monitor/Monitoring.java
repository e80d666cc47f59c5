package org.chronolens.monitor;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.chronolens.config.YamlNode;

/**
 * Whether and how a run is monitored across runs: where the metrics history is kept, which
 * anomaly checks run with which parameters, how many earlier runs they look back over, and what an
 * anomaly does ({@code warn}: said on standard error, in data-quality.json and the report;
 * {@code fail}: the quality gate, exit 4 with no events or flags written). Immutable.
 */
public record Monitoring(String history, Policy policy, int lastRuns, List<AnomalyCheck> checks) implements Serializable {

    public enum Policy { WARN, FAIL;

        public static Policy parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "warn" -> WARN;
                case "fail" -> FAIL;
                default -> throw new IllegalArgumentException("anomaly policy '" + text + "' is not one of warn, fail");
            };
        }
    }

    public static final int LAST_RUNS = 5;
    public static final Set<String> KEYS = Set.of("history", "policy", "last_runs", "agency_shrink_below",
            "quarantine_share_factor", "quarantine_min_share", "flags_change_factor", "flags_min_count");

    public Monitoring {
        if (lastRuns < 1) {
            throw new IllegalArgumentException("last_runs must be 1 or more, got " + lastRuns);
        }
        checks = List.copyOf(checks);
    }

    /** No history kept, so nothing is checked. */
    public static Monitoring off() {
        return new Monitoring(null, Policy.WARN, LAST_RUNS, defaultChecks());
    }

    /** The defaults: half the median, three times the usual quarantine share (from 1 % of rows), flags doubled or halved (from 10). */
    public static List<AnomalyCheck> defaultChecks() {
        return List.of(new AnomalyCheck.AgencyMissing(), new AnomalyCheck.AgencyShrunk(0.5),
                new AnomalyCheck.QuarantineSurge(3.0, 0.01), new AnomalyCheck.FlagsChanged(2.0, 10));
    }

    public boolean enabled() {
        return history != null;
    }

    public Monitoring withHistory(String dir) {
        return new Monitoring(dir, policy, lastRuns, checks);
    }

    public Monitoring withPolicy(Policy p) {
        return new Monitoring(history, p, lastRuns, checks);
    }

    /** The runs a check compares with: the latest entry of each as-of date before this one, the last {@code lastRuns}. */
    public List<PastRun> previous(List<PastRun> history, LocalDate asOf) {
        Map<LocalDate, PastRun> latest = new LinkedHashMap<>();
        for (PastRun r : history) {
            if (r.asOf().isBefore(asOf)) {
                latest.put(r.asOf(), r);
            }
        }
        List<PastRun> runs = new ArrayList<>(latest.values());
        return runs.subList(Math.max(0, runs.size() - lastRuns), runs.size());
    }

    /** The anomalies of this run's data ({@code onFlags} false) or of its flags (true); none without history. */
    public List<Anomaly> find(boolean onFlags, List<Metric> now, List<PastRun> previous) {
        if (previous.isEmpty()) {
            return List.of();
        }
        Map<String, Double> values = new LinkedHashMap<>();
        now.forEach(m -> values.put(m.id(), m.value()));
        List<Anomaly> out = new ArrayList<>();
        for (AnomalyCheck c : checks) {
            if (c.onFlags() == onFlags) {
                out.addAll(c.find(values, previous));
            }
        }
        return out;
    }

    /** Reads a job definition's {@code monitoring:} mapping over these settings; errors name the file and line. */
    public Monitoring with(YamlNode mapping) {
        Map<String, YamlNode> m = mapping.entries(KEYS);
        try {
            String dir = m.containsKey("history") ? m.get("history").scalar() : history;
            Policy p = m.containsKey("policy") ? Policy.parse(m.get("policy").scalar()) : policy;
            int last = m.containsKey("last_runs") ? Integer.parseInt(m.get("last_runs").scalar().strip()) : lastRuns;
            List<AnomalyCheck> c = List.of(new AnomalyCheck.AgencyMissing(),
                    new AnomalyCheck.AgencyShrunk(number(m, "agency_shrink_below", 0.5)),
                    new AnomalyCheck.QuarantineSurge(number(m, "quarantine_share_factor", 3.0),
                            number(m, "quarantine_min_share", 0.01)),
                    new AnomalyCheck.FlagsChanged(number(m, "flags_change_factor", 2.0),
                            (long) number(m, "flags_min_count", 10)));
            return new Monitoring(dir, p, last, c);
        } catch (IllegalArgumentException e) {
            throw mapping.error(e instanceof NumberFormatException ? "a number was expected: " + e.getMessage()
                    : e.getMessage());
        }
    }

    private static double number(Map<String, YamlNode> m, String key, double otherwise) {
        return m.containsKey(key) ? Double.parseDouble(m.get(key).scalar().strip()) : otherwise;
    }
}
