package org.chronolens.monitor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.sql.SparkSession;
import org.chronolens.quality.DataQuality;

/**
 * One run as monitoring sees it: the earlier runs it is compared with, its metrics, and the
 * anomalies found so far (the data's when validation has measured it, then the flags' once the
 * rules have run). Immutable; {@link #keep} appends the run to the history once it has committed.
 */
public final class Monitored {

    /** In changes.csv: a previous flag now absent whose evidence agency had an anomaly this run. */
    public static final String UNSEEN = "unseen (data anomaly)";

    private final Monitoring monitoring;
    private final List<PastRun> previous;
    private final List<Metric> metrics;
    private final List<Anomaly> anomalies;

    private Monitored(Monitoring monitoring, List<PastRun> previous, List<Metric> metrics, List<Anomaly> anomalies) {
        this.monitoring = monitoring;
        this.previous = List.copyOf(previous);
        this.metrics = List.copyOf(metrics);
        this.anomalies = List.copyOf(anomalies);
    }

    /** Reads the history and checks the data's metrics against it; nothing when monitoring is off. */
    public static Monitored check(SparkSession spark, Monitoring m, LocalDate asOf, DataQuality quality) {
        if (!m.enabled()) {
            return new Monitored(m, List.of(), List.of(), List.of());
        }
        List<PastRun> previous = m.previous(new MetricsHistory(spark, m.history()).read(), asOf);
        List<Metric> now = RunMetrics.ofData(quality);
        return new Monitored(m, previous, now, m.find(false, now, previous));
    }

    /** The same run with the rules' metrics and their anomalies added. */
    public Monitored withFlags(List<Metric> flagMetrics) {
        if (!monitoring.enabled()) {
            return this;
        }
        List<Metric> all = new ArrayList<>(metrics);
        all.addAll(flagMetrics);
        List<Anomaly> found = new ArrayList<>(anomalies);
        found.addAll(monitoring.find(true, flagMetrics, previous));
        return new Monitored(monitoring, previous, all, found);
    }

    public List<Anomaly> anomalies() {
        return anomalies;
    }

    /** Under the {@code fail} policy an anomaly of the data stops the run before anything is written. */
    public boolean gateCloses() {
        return monitoring.policy() == Monitoring.Policy.FAIL && !anomalies.isEmpty();
    }

    /** The agencies an anomaly concerns: their flags may be unseen rather than resolved. */
    public Set<String> anomalousAgencies() {
        Set<String> out = new TreeSet<>();
        anomalies.stream().filter(a -> a.agency() != null).forEach(a -> out.add(a.agency()));
        return out;
    }

    /**
     * The data-quality report with what monitoring adds: the anomalies and each agency's trend. Not
     * the history's folder, which the manifest records: a run's outputs do not depend on where it
     * kept its history, so a re-run elsewhere is byte-identical.
     */
    public Map<String, Object> json(DataQuality quality) {
        Map<String, Object> out = new LinkedHashMap<>(quality.toJson());
        out.put("anomalies", anomalies.stream().map(Anomaly::toJson).toList());
        if (monitoring.enabled()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("policy", monitoring.policy().name().toLowerCase(java.util.Locale.ROOT));
            h.put("runs_compared", previous.size());
            h.put("accepted_by_agency", trend(quality));
            out.put("monitoring", h);
        }
        return out;
    }

    /** Accepted events per agency over the runs compared and this one, oldest first. */
    private Map<String, List<Map<String, Object>>> trend(DataQuality quality) {
        Set<String> agencies = new TreeSet<>(quality.byAgency().keySet());
        previous.forEach(p -> p.values().keySet().stream().filter(k -> k.startsWith("accepted|agency|"))
                .forEach(k -> agencies.add(k.substring("accepted|agency|".length()))));
        agencies.remove(DataQuality.NOT_AN_AGENCY);
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        for (String agency : agencies) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (PastRun p : previous) {
                points.add(point(p.asOf(), (long) p.value("accepted|agency|" + agency)));
            }
            points.add(point(quality.asOf(), quality.byAgency().getOrDefault(agency, 0L)));
            out.put(agency, points);
        }
        return out;
    }

    /** Appends this run to the history: call only once the run has committed. */
    public void keep(SparkSession spark, String runId, LocalDate asOf, List<Metric> extra) {
        if (!monitoring.enabled()) {
            return;
        }
        List<Metric> all = new ArrayList<>(metrics);
        all.addAll(extra);
        new MetricsHistory(spark, monitoring.history()).append(runId, asOf, all);
    }

    private static Map<String, Object> point(java.time.LocalDate asOf, long accepted) {
        Map<String, Object> point = new java.util.LinkedHashMap<>();
        point.put("as_of", asOf.toString());
        point.put("accepted", accepted);
        return point;
    }
}
