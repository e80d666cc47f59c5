package org.chronolens.report;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.chronolens.io.RunLayout;

/**
 * The report's "Flag rates by cohort" page, from the run's flag-rates-by-cohort.csv when the scan
 * was given cohorts: per attribute, the rate of children with any flag by category with its 95 %
 * interval (a chart and a table), then every rule's. Written only when the file exists.
 */
final class CohortsPage {

    private CohortsPage() {
    }

    /** Renders the page into {@code report}; returns whether there were cohorts to show. */
    static boolean write(Configuration hadoop, Path run, Path report, String printHeading) {
        Path csv = RunLayout.path(run, RunLayout.Output.COHORT_RATES_CSV);
        try {
            FileSystem fs = run.getFileSystem(hadoop);
            if (!fs.exists(csv)) {
                return false;
            }
            Map<String, List<CSVRecord>> byAttribute = new LinkedHashMap<>();
            try (Reader in = new InputStreamReader(fs.open(csv), StandardCharsets.UTF_8)) {
                for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    byAttribute.computeIfAbsent(r.get("attribute"), a -> new ArrayList<>()).add(r);
                }
            }
            List<Map<String, Object>> attributes = new ArrayList<>();
            byAttribute.forEach((attribute, rows) -> attributes.add(attribute(attribute, rows)));
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("attributes", attributes);
            scope.put("printHeading", printHeading);
            new PageWriter(report.toString(), hadoop).write(PageNames.COHORTS, Templates.render("cohorts", scope));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> attribute(String attribute, List<CSVRecord> rows) {
        List<Svg.Estimate> estimates = new ArrayList<>();
        List<Map<String, Object>> any = new ArrayList<>();
        List<Map<String, Object>> rules = new ArrayList<>();
        double overall = Double.NaN;
        for (CSVRecord r : rows) {
            Map<String, Object> m = row(r);
            if (r.get("rule_id").equals("any")) {
                any.add(m);
                if (!Boolean.parseBoolean(r.get("suppressed"))) {
                    double rate = Double.parseDouble(r.get("rate"));
                    estimates.add(new Svg.Estimate(r.get("category"), rate, Double.parseDouble(r.get("rate_low")),
                            Double.parseDouble(r.get("rate_high"))));
                    if (Double.isNaN(overall) && !r.get("rate_ratio").isEmpty()) {
                        overall = rate / Double.parseDouble(r.get("rate_ratio"));
                    }
                } else {
                    estimates.add(new Svg.Estimate(r.get("category") + " (suppressed)", Double.NaN, 0, 0));
                }
            } else {
                rules.add(m);
            }
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", attribute);
        a.put("chart", Svg.intervals("Children with any flag, by " + attribute + ", with 95 % intervals; dashed: all "
                + "children scanned", estimates, Double.isNaN(overall) ? 0 : overall));
        a.put("any", any);
        a.put("rules", rules);
        return a;
    }

    private static Map<String, Object> row(CSVRecord r) {
        boolean suppressed = Boolean.parseBoolean(r.get("suppressed"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", r.get("rule_id"));
        m.put("category", r.get("category"));
        m.put("suppressed", suppressed);
        if (!suppressed) {
            m.put("children", r.get("children"));
            m.put("flagged", r.get("children_flagged"));
            m.put("rate", pct(r.get("rate")));
            m.put("interval", pct(r.get("rate_low")) + " to " + pct(r.get("rate_high")));
            m.put("ratio", r.get("rate_ratio").isEmpty() ? "" : String.format(Locale.ROOT, "%.2f",
                    Double.parseDouble(r.get("rate_ratio"))));
        }
        return m;
    }

    private static String pct(String share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * Double.parseDouble(share));
    }
}
