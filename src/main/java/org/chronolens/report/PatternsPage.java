package org.chronolens.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;

/**
 * The report's Patterns page, rendered from {@code RUN/discovery/discovery.json} when discovery has
 * run, or saying how to run it. Rendered by the report and by {@code discover}, so that either
 * order leaves the page current.
 */
public final class PatternsPage {

    private final Configuration hadoop;

    public PatternsPage(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    public void write(String runDir) {
        Path run = new Path(runDir);
        Path json = RunLayout.path(run, Output.DISCOVERY_JSON);
        try {
            FileSystem fs = run.getFileSystem(hadoop);
            Map<String, Object> scope = new LinkedHashMap<>();
            Path quality = RunLayout.path(run, Output.DATA_QUALITY);
            if (fs.exists(quality)) {
                try (InputStream in = fs.open(quality)) {
                    scope.put("printHeading", Templates.runHeading(new ObjectMapper().readTree(in).path("as_of").asText()));
                }
            }
            if (fs.exists(new Path(RunLayout.path(run, Output.DISCOVERY), Output.SUCCESS.file()))) {
                try (InputStream in = fs.open(json)) {
                    scope.putAll(scope(new ObjectMapper().readTree(in)));
                }
            }
            Path report = RunLayout.path(run, Output.REPORT);
            fs.mkdirs(report);
            Path tmp = new Path(report, "." + PageNames.PATTERNS + ".tmp");
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(Templates.render("patterns", scope).getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(new Path(report, PageNames.PATTERNS), false);
            fs.rename(tmp, new Path(report, PageNames.PATTERNS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> scope(JsonNode d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("discovered", true);
        JsonNode p = d.path("parameters");
        s.put("granularity", p.path("granularity").asText());
        s.put("sequenceSupport", pct(p.path("sequenceSupport").asDouble()));
        s.put("minRatio", p.path("minRatio").asText());
        s.put("maxLength", p.path("maxPatternLength").asText());
        s.put("ruleSupport", pct(p.path("ruleSupport").asDouble()));
        s.put("ruleConfidence", pct(p.path("ruleConfidence").asDouble()));
        s.put("kRange", p.path("kMin").asText() + " to " + p.path("kMax").asText());
        s.put("seed", p.path("seed").asText());

        JsonNode seq = d.path("sequences");
        s.put("flaggedSubjects", String.format(Locale.ROOT, "%,d", seq.path("flagged_subjects").asLong()));
        s.put("otherSubjects", String.format(Locale.ROOT, "%,d", seq.path("other_subjects").asLong()));
        s.put("frequentFlagged", String.format(Locale.ROOT, "%,d", seq.path("frequent_among_flagged").asLong()));
        s.put("stratified", seq.path("strata").size() > 1);
        s.put("byAgeBand", seq.path("by_age_band").asBoolean());
        s.put("excluding", p.path("excludeRuleItems").asBoolean());
        List<String> excluded = new ArrayList<>();
        seq.path("excluded_items").forEach(x -> {
            String[] t = x.asText().split(":", 2);
            excluded.add(org.chronolens.check.Vocabulary.words(t[0]) + (t.length > 1 ? " " + org.chronolens.check.Vocabulary.words(t[1]) : ""));
        });
        s.put("excludedWords", excluded.size() < 2 ? String.join("", excluded)
                : String.join(", ", excluded.subList(0, excluded.size() - 1)) + " and " + excluded.get(excluded.size() - 1));
        int resamples = seq.path("resamples").asInt(0);
        s.put("resamples", resamples > 0 ? Integer.toString(resamples) : null);
        List<Map<String, Object>> strata = new ArrayList<>();
        JsonNode groups = seq.path("strata");
        for (int i = 0; groups.size() > 1 && i < groups.size(); i++) {
            JsonNode g = groups.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("first", i == 0);
            row.put("last", i == groups.size() - 1);
            row.put("words", org.chronolens.check.Vocabulary.capitalised(g.path("words").asText()));
            row.put("flagged", String.format(Locale.ROOT, "%,d", g.path("flagged").asLong()));
            row.put("others", String.format(Locale.ROOT, "%,d", g.path("others").asLong()));
            row.put("compared", g.path("compared").asBoolean());
            strata.add(row);
        }
        s.put("strata", strata);
        List<Map<String, Object>> patterns = new ArrayList<>();
        for (JsonNode x : seq.path("patterns")) {
            int similar = x.path("similar").asInt(0);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("words", x.path("words").asText());
            if (similar > 0) {
                row.put("similar", "and " + similar + " similar " + (similar == 1 ? "sequence" : "sequences")
                        + " (mostly the same children)");
            }
            row.put("flagged", pct(x.path("support_flagged").asDouble()));
            row.put("others", pct(x.path("support_others").asDouble()));
            row.put("ratio", x.path("ratio").isNull() ? "only among flagged" : String.format(Locale.ROOT, "%.1f times",
                    x.path("ratio").asDouble()));
            row.put("stratum", x.path("stratum_words").asText());
            row.put("stability", stability(x.path("stability"), resamples));
            row.put("unstable", x.path("may_be_chance").asBoolean(false));
            patterns.add(row);
        }
        s.put("patterns", patterns);
        if (!patterns.isEmpty()) {
            // The worked example is the first finding that holds up, where there is one.
            Map<String, Object> first = patterns.stream().filter(x -> !(Boolean) x.get("unstable")).findFirst()
                    .orElse(patterns.get(0));
            s.put("example", Map.of("words", first.get("words"), "flagged", first.get("flagged"), "others",
                    first.get("others"), "ratio", first.get("ratio"), "stratum", first.get("stratum")));
        }

        JsonNode tog = d.path("together");
        List<Map<String, Object>> rules = new ArrayList<>();
        for (JsonNode x : tog.path("rules")) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("words", x.path("words").asText());
            int similar = x.path("similar").asInt(0);
            if (similar > 0) {
                row.put("similar", "and " + similar + " similar " + (similar == 1 ? "rule" : "rules")
                        + " (mostly the same children)");
            }
            row.put("support", pct(x.path("support").asDouble()));
            row.put("confidence", pct(x.path("confidence").asDouble()));
            row.put("lift", String.format(Locale.ROOT, "%.1f times", x.path("lift").asDouble()));
            rules.add(row);
        }
        s.put("together", rules);
        s.put("togetherSubjects", String.format(Locale.ROOT, "%,d", tog.path("flagged_subjects").asLong()));

        JsonNode prof = d.path("profiles");
        s.put("profileNote", prof.path("note").asText());
        s.put("k", prof.path("k").asText());
        s.put("silhouette", prof.path("silhouette").isNull() ? "" : String.format(Locale.ROOT, "%.2f",
                prof.path("silhouette").asDouble()));
        List<Map<String, Object>> byK = new ArrayList<>();
        prof.path("silhouette_by_k").fields().forEachRemaining(e -> byK.add(Map.of("k", e.getKey(),
                "score", String.format(Locale.ROOT, "%.3f", e.getValue().asDouble()))));
        s.put("silhouettes", byK);
        s.put("hasSilhouettes", !byK.isEmpty());
        s.put("tooFew", prof.path("k").asInt(0) == 0);
        s.put("shuffled", prof.path("silhouette_shuffled").isNull() || prof.path("silhouette_shuffled").isMissingNode() ? null
                : String.format(Locale.ROOT, "%.2f", prof.path("silhouette_shuffled").asDouble()));
        s.put("dominant", pct(prof.path("dominant_share").asDouble()));
        s.put("subjects", String.format(Locale.ROOT, "%,d", prof.path("subjects").asLong()));
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (JsonNode x : prof.path("profiles")) {
            profiles.add(Map.of("id", x.path("profile").asText(), "size", String.format(Locale.ROOT, "%,d",
                    x.path("size").asLong()), "share", pct(x.path("share").asDouble()), "words", x.path("words").asText(),
                    "stability", stability(x.path("stability"), resamples), "unstable", x.path("may_be_chance").asBoolean(false)));
        }
        s.put("profiles", profiles);
        s.put("strength", strength(prof.path("silhouette").asDouble(Double.NaN)));
        return s;
    }

    /** "in 17 of 20 draws", or a dash where no resamples were drawn. */
    private static String stability(JsonNode share, int resamples) {
        if (share.isNull() || share.isMissingNode() || resamples == 0) {
            return "–";
        }
        return "in " + Math.round(share.asDouble() * resamples) + " of " + resamples + " draws";
    }

    /** Kaufman and Rousseeuw's reading of an average silhouette. */
    private static String strength(double s) {
        if (Double.isNaN(s)) {
            return "";
        }
        return s > 0.7 ? "strong structure" : s > 0.5 ? "reasonable structure"
                : s > 0.25 ? "weak structure: the profiles overlap, read them as tendencies" : "no substantial structure: "
                + "the caseload does not fall into distinct profiles; do not read these as types";
    }

    private static String pct(double d) {
        return String.format(Locale.ROOT, "%.0f %%", d * 100);
    }
}
