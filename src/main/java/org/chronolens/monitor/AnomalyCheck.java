package org.chronolens.monitor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * One check of this run's metrics against the runs before it, in the spirit of Deequ's anomaly
 * detection: a check is data (its parameters), finds zero or more anomalies, and never stops
 * another check. {@code previous} holds the last runs before this one, oldest first, never empty.
 */
public interface AnomalyCheck extends Serializable {

    String name();

    /** Whether the check reads the rules' metrics (run after the rules) rather than the data's. */
    default boolean onFlags() {
        return false;
    }

    List<Anomaly> find(Map<String, Double> now, List<PastRun> previous);

    /** An agency that sent events to the last run and none to this one. */
    record AgencyMissing() implements AnomalyCheck {
        public String name() {
            return "agency_missing";
        }

        public List<Anomaly> find(Map<String, Double> now, List<PastRun> previous) {
            List<Anomaly> out = new ArrayList<>();
            PastRun last = previous.get(previous.size() - 1);
            for (String agency : keys(last.values(), "accepted|agency|")) {
                String id = "accepted|agency|" + agency;
                if (last.has(id) && now.getOrDefault(id, 0.0) == 0) {
                    double[] past = values(previous, id);
                    out.add(new Anomaly(name(), "accepted events", agency, agency, 0, min(past), max(past), String.format(
                            Locale.ROOT, "No accepted events from %s in this run, where the run of %s had %,d: is its "
                                    + "extract missing? Its flags may be unseen rather than resolved.", words(agency),
                            last.asOf(), (long) last.value(id))));
                }
            }
            return out;
        }
    }

    /** An agency whose accepted events fell to a fraction of their median over the last runs, or below. */
    record AgencyShrunk(double below) implements AnomalyCheck {
        public AgencyShrunk {
            if (!(below > 0 && below < 1)) {
                throw new IllegalArgumentException("agency_shrink_below must be between 0 and 1 (a fraction of the "
                        + "median), got " + below);
            }
        }

        public String name() {
            return "agency_shrunk";
        }

        public List<Anomaly> find(Map<String, Double> now, List<PastRun> previous) {
            List<Anomaly> out = new ArrayList<>();
            TreeSet<String> agencies = new TreeSet<>();
            previous.forEach(p -> agencies.addAll(keys(p.values(), "accepted|agency|")));
            for (String agency : agencies) {
                String id = "accepted|agency|" + agency;
                double value = now.getOrDefault(id, 0.0);
                double median = median(values(previous, id));
                if (value > 0 && value <= below * median) {
                    out.add(new Anomaly(name(), "accepted events", agency, agency, value, below * median,
                            max(values(previous, id)), String.format(Locale.ROOT, "%s sent %,d accepted events, %.0f %% "
                                    + "of its median of %,.0f over the last %d runs (expected more than %.0f %%): is its "
                                    + "extract partial?", capital(words(agency)), (long) value, 100 * value / median,
                            median, previous.size(), 100 * below)));
                }
            }
            return out;
        }
    }

    /** A quarantine reason whose share of rows read is far above its history. */
    record QuarantineSurge(double factor, double minShare) implements AnomalyCheck {
        public QuarantineSurge {
            if (!(factor > 1)) {
                throw new IllegalArgumentException("quarantine_share_factor must be above 1, got " + factor);
            }
            if (!(minShare >= 0 && minShare < 1)) {
                throw new IllegalArgumentException("quarantine_min_share must be from 0 to below 1, got " + minShare);
            }
        }

        public String name() {
            return "quarantine_surge";
        }

        public List<Anomaly> find(Map<String, Double> now, List<PastRun> previous) {
            List<Anomaly> out = new ArrayList<>();
            double read = now.getOrDefault("rows_read|run|", 0.0);
            for (String reason : keys(now, "quarantined|reason|")) {
                String id = "quarantined|reason|" + reason;
                double share = read == 0 ? 0 : now.get(id) / read;
                double usual = median(previous.stream().mapToDouble(p -> p.value("rows_read|run|") == 0 ? 0
                        : p.value(id) / p.value("rows_read|run|")).toArray());
                if (share >= minShare && share > factor * usual) {
                    out.add(new Anomaly(name(), "quarantined share", reason, null, share, 0, factor * usual,
                            String.format(Locale.ROOT, "%.2f %% of rows were quarantined as %s, against a median of "
                                    + "%.2f %% over the last %d runs: has an extract's format changed?", 100 * share,
                                    reason, 100 * usual, previous.size())));
                }
            }
            return out;
        }
    }

    /** A rule whose flags changed by more than a factor from their median, where there are enough to judge. */
    record FlagsChanged(double factor, long minCount) implements AnomalyCheck {
        public FlagsChanged {
            if (!(factor > 1)) {
                throw new IllegalArgumentException("flags_change_factor must be above 1, got " + factor);
            }
            if (minCount < 0) {
                throw new IllegalArgumentException("flags_min_count must be 0 or more, got " + minCount);
            }
        }

        public String name() {
            return "flags_changed";
        }

        public boolean onFlags() {
            return true;
        }

        public List<Anomaly> find(Map<String, Double> now, List<PastRun> previous) {
            List<Anomaly> out = new ArrayList<>();
            TreeSet<String> rules = new TreeSet<>(keys(now, "flags|rule|"));
            rules.addAll(keys(previous.get(previous.size() - 1).values(), "flags|rule|"));
            for (String rule : rules) {
                String id = "flags|rule|" + rule;
                double value = now.getOrDefault(id, 0.0);
                double median = median(values(previous, id));
                if (Math.max(value, median) >= minCount && (value > factor * median || value < median / factor)) {
                    out.add(new Anomaly(name(), "flags", rule, null, value, median / factor, factor * median,
                            String.format(Locale.ROOT, "%s raised %,d flags, against a median of %,.0f over the last "
                                    + "%d runs (expected %,.0f to %,.0f): did the data or the thresholds change?", rule,
                                    (long) value, median, previous.size(), median / factor, factor * median)));
                }
            }
            return out;
        }
    }

    private static List<String> keys(Map<String, Double> values, String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                .sorted().toList();
    }

    private static double[] values(List<PastRun> runs, String id) {
        return runs.stream().mapToDouble(p -> p.value(id)).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static String words(String token) {
        return token.replace('_', ' ');
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
