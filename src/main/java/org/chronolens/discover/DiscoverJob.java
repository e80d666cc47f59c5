package org.chronolens.discover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.chronolens.io.OutputFolder;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.io.UsageException;
import org.chronolens.report.PageNames;
import org.chronolens.report.PatternsPage;
import org.chronolens.util.StageClock;
import org.chronolens.util.Stages;

/**
 * Pattern discovery over a completed run: contrast sequences (PrefixSpan), flags that travel
 * together (FPGrowth) and engagement profiles (k-means). Descriptive, for learning; nothing here
 * is attached to a family. Writes {@code RUN/discovery/} (committed like a run) and the report's
 * Patterns page.
 */
public final class DiscoverJob {

    public record Result(String folder, ContrastPatterns.Result sequences, CoOccurrence.Result together,
                         EngagementProfiles.Result profiles) {

        /** What was found, in a few lines for the console: the first three of each kind. */
        public List<String> summary() {
            List<String> lines = new ArrayList<>();
            lines.add("Sequences: " + sequences.patterns().size() + " contrast patterns (" + sequences.flaggedSubjects()
                    + " flagged children, " + sequences.otherSubjects() + " others)");
            sequences.patterns().stream().limit(3).forEach(p -> lines.add(String.format(Locale.ROOT,
                    "  %s: %.0f %% of flagged, %.0f %% of others (%s)%s%s", p.words(), p.supportFlagged() * 100,
                    p.supportOthers() * 100, Strata.byKey(p.stratum()).words(),
                    p.similar() == 0 ? "" : ", and " + p.similar() + " similar",
                    Double.isNaN(p.stability()) ? "" : String.format(Locale.ROOT, "; in the top list in %.0f %% of resamples",
                            p.stability() * 100))));
            lines.add("Flags that travel together: " + together.rules().size() + " association rules");
            together.rules().stream().limit(3).forEach(a -> lines.add("  " + a.words()));
            if (profiles.profiles().isEmpty()) {
                lines.add("Engagement profiles: none (" + profiles.note() + ")");
            } else {
                lines.add(String.format(Locale.ROOT, "Engagement profiles: k = %d, silhouette %.2f", profiles.k(),
                        profiles.silhouette()));
                profiles.profiles().forEach(p -> lines.add(String.format(Locale.ROOT, "  %d. %,d children: %s",
                        p.id(), p.size(), p.words())));
            }
            lines.add("Outputs in " + folder + "; Patterns page: " + folder.replaceAll(Output.DISCOVERY.file() + "$", "")
                    + Output.REPORT.file() + "/" + PageNames.PATTERNS);
            return lines;
        }
    }

    private final SparkSession spark;
    private final Stages stages;

    public DiscoverJob(SparkSession spark, Stages stages) {
        this.spark = spark;
        this.stages = stages;
    }

    /** {@code cohorts}: the cohorts file whose age bands the comparison is also made within, or null. */
    public Result run(String runDir, DiscoveryParams p, String cohorts) {
        StageClock clock = new StageClock(stages);
        Path run = new Path(runDir);
        try {
            FileSystem fs = run.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(RunLayout.path(run, Output.SUCCESS)) || !fs.exists(RunLayout.path(run, Output.SUBJECTS))) {
                throw new UsageException("--run " + runDir + " is not a completed scan (no " + Output.SUCCESS.file()
                        + " or no " + Output.SUBJECTS.file() + "); "
                        + "name a run folder that a scan committed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(run.toString(), spark.read().parquet(RunLayout.path(run, Output.EVENTS).toString()),
                spark.read().parquet(RunLayout.path(run, Output.SUBJECTS).toString()), p, cohorts, clock);
    }

    /**
     * Discovery over a completed run's events and subjects: written into {@code RUN/discovery/}
     * (committed like a run, under the run's lock taken by the caller), then the report's Patterns
     * page.
     */
    public Result write(String runDir, Dataset<Row> events, Dataset<Row> subjects, DiscoveryParams p, String cohorts,
                        StageClock clock) {
        Mined m = mine(events, subjects, p, cohorts, clock);
        String root;
        try (OutputFolder out = OutputFolder.claim(RunLayout.path(runDir, Output.DISCOVERY).toString(), true,
                spark.sparkContext().hadoopConfiguration())) {
            out.create();
            Map<String, String> files = files(p, m, clock);
            files.forEach((name, text) -> {
                if (!name.equals(Output.MANIFEST.file())) {
                    out.writeText(name, text);
                }
            });
            out.commit(files.get(Output.MANIFEST.file()), true);
            root = out.root();
        }
        new PatternsPage(spark.sparkContext().hadoopConfiguration()).write(runDir);
        org.chronolens.io.OwnerOnly.apply(RunLayout.path(runDir, Output.REPORT).toString(),
                spark.sparkContext().hadoopConfiguration());
        clock.stage("patterns page", 1, "pages");
        return new Result(root, m.contrast(), m.together(), m.profiles());
    }

    /**
     * Discovery as part of a scan: written into the scan's staging folder before its commit, so
     * that the run appears with its discovery, or not at all. The report, rendered after, fills its
     * Patterns page from it.
     */
    public Result writeInto(String stagingRoot, String displayRoot, Dataset<Row> events, Dataset<Row> subjects,
                            DiscoveryParams p, String cohorts, StageClock clock) {
        Mined m = mine(events, subjects, p, cohorts, clock);
        Path folder = RunLayout.path(stagingRoot, Output.DISCOVERY);
        try {
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.mkdirs(folder);
            for (Map.Entry<String, String> f : files(p, m, clock).entrySet()) {
                try (java.io.OutputStream out = fs.create(new Path(folder, f.getKey()), true)) {
                    out.write(f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            fs.create(new Path(folder, Output.SUCCESS.file()), true).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(displayRoot + "/" + Output.DISCOVERY.file(), m.contrast(), m.together(), m.profiles());
    }

    /** What the miners found. */
    private record Mined(ContrastPatterns.Result contrast, CoOccurrence.Result together,
                         EngagementProfiles.Result profiles) {
    }

    private Mined mine(Dataset<Row> events, Dataset<Row> subjects, DiscoveryParams p, String cohorts, StageClock clock) {
        // The miners run many small jobs over one row per child: a few partitions, sized to the
        // caseload, keep task overhead from dominating (a caseload of 100,000 children is still small).
        long children = subjects.count();
        int partitions = (int) Math.max(1, Math.min(2L * spark.sparkContext().defaultParallelism(), children / 1_000));
        Dataset<Row> perChild = subjects.coalesce(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        // ContrastPatterns caches the sequences for its own passes.
        Dataset<Row> bands = cohorts == null || !p.stratify() ? null
                : org.chronolens.monitor.Cohorts.load(spark, cohorts, 1).attribute(Strata.AGE_BAND, Sequences.BAND).orElse(null);
        ContrastPatterns.Result contrast = ContrastPatterns.mine(
                Sequences.of(events, subjects, p, bands).coalesce(partitions), p, bands != null);
        clock.stage("sequences", contrast.patterns().size(), "patterns");
        CoOccurrence.Result together = CoOccurrence.mine(perChild, p);
        clock.stage("together", together.rules().size(), "rules");
        EngagementProfiles.Result profiles = EngagementProfiles.cluster(perChild, p);
        perChild.unpersist();
        clock.stage("profiles", profiles.profiles().size(), "profiles");
        return new Mined(contrast, together, profiles);
    }

    /** The files of {@code discovery/}, by name, the manifest among them. */
    private static Map<String, String> files(DiscoveryParams p, Mined m, StageClock clock) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(Output.DISCOVERY_JSON.fileName(), json(p, m.contrast(), m.together(), m.profiles(), clock));
        files.put(Output.DISCOVERY_SEQUENCES.fileName(), sequencesCsv(m.contrast()));
        files.put(Output.DISCOVERY_TOGETHER.fileName(), togetherCsv(m.together()));
        files.put(Output.DISCOVERY_PROFILES.fileName(), profilesCsv(m.profiles()));
        files.put(Output.MANIFEST.file(), manifest(p));
        return files;
    }

    private static String manifest(DiscoveryParams p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "discover");
        m.put("application_version", org.chronolens.util.Version.current());
        m.put("created", java.time.Instant.now().toString());
        m.put("parameters", p);
        return toJson(m);
    }

    private static String json(DiscoveryParams p, ContrastPatterns.Result c, CoOccurrence.Result t,
                               EngagementProfiles.Result e, StageClock clock) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", p);
        Map<String, Object> seq = new LinkedHashMap<>();
        seq.put("flagged_subjects", c.flaggedSubjects());
        seq.put("other_subjects", c.otherSubjects());
        seq.put("frequent_among_flagged", c.frequentAmongFlagged());
        seq.put("by_age_band", c.byAgeBand());
        seq.put("excluded_items", c.excluded());
        seq.put("resamples", c.resamples());
        seq.put("strata", c.strata().stream().map(x -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("stratum", x.key());
            r.put("words", Strata.byKey(x.key()).words());
            r.put("flagged", x.flagged());
            r.put("others", x.others());
            r.put("compared", x.compared());
            r.put("frequent_among_flagged", x.frequent());
            return r;
        }).toList());
        seq.put("patterns", c.patterns().stream().map(x -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("stratum", x.stratum());
            r.put("stratum_words", Strata.byKey(x.stratum()).words());
            r.put("sequence", x.sequence());
            r.put("words", x.words());
            r.put("flagged", x.flagged());
            r.put("others", x.others());
            r.put("support_flagged", x.supportFlagged());
            r.put("support_others", x.supportOthers());
            r.put("ratio", Double.isInfinite(x.ratio()) ? null : x.ratio());
            r.put("difference", rounded(x.difference()));
            r.put("similar", x.similar());
            r.put("stability", Double.isNaN(x.stability()) ? null : x.stability());
            r.put("may_be_chance", Double.isNaN(x.stability()) ? null : x.stability() < ContrastPatterns.STABLE);
            return r;
        }).toList());
        m.put("sequences", seq);
        Map<String, Object> tog = new LinkedHashMap<>();
        tog.put("flagged_subjects", t.flaggedSubjects());
        tog.put("rules", t.rules().stream().map(x -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("antecedent", x.antecedent());
            r.put("consequent", x.consequent());
            r.put("support", x.support());
            r.put("confidence", x.confidence());
            r.put("lift", x.lift());
            r.put("words", x.words());
            r.put("similar", x.similar());
            return r;
        }).toList());
        m.put("together", tog);
        Map<String, Object> prof = new LinkedHashMap<>();
        prof.put("subjects", e.subjects());
        prof.put("k", e.k());
        prof.put("silhouette", Double.isNaN(e.silhouette()) ? null : rounded(e.silhouette()));
        Map<String, Double> sil = new LinkedHashMap<>();
        e.silhouettes().forEach((k, v) -> sil.put(Integer.toString(k), rounded(v)));
        prof.put("silhouette_by_k", sil);
        prof.put("silhouette_shuffled", Double.isNaN(e.shuffled()) ? null : rounded(e.shuffled()));
        prof.put("dominant_share", EngagementProfiles.DOMINANT);
        prof.put("note", e.note());
        prof.put("features", EngagementProfiles.FEATURES.stream().map(f -> {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("name", f.name());
            feature.put("label", f.label());
            return feature;
        }).toList());
        prof.put("profiles", e.profiles().stream().map(x -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("profile", x.id());
            r.put("size", x.size());
            r.put("share", x.share());
            Map<String, Double> centre = new LinkedHashMap<>();
            x.centre().forEach((f, v) -> centre.put(f, rounded(v)));
            r.put("centre", centre);
            r.put("words", x.words());
            r.put("stability", Double.isNaN(x.stability()) ? null : x.stability());
            r.put("may_be_chance", Double.isNaN(x.stability()) ? null : x.stability() < ContrastPatterns.STABLE);
            return r;
        }).toList());
        m.put("profiles", prof);
        m.put("seconds", clock.seconds());
        return toJson(m);
    }

    private static String toJson(Object o) {
        return org.chronolens.io.JsonText.pretty(o);
    }

    private static String sequencesCsv(ContrastPatterns.Result c) {
        List<List<Object>> rows = new ArrayList<>();
        for (ContrastPatterns.Pattern x : c.patterns()) {
            rows.add(List.of(x.stratum(), x.sequence().toString(), x.flagged(), x.others(), fmt(x.supportFlagged()),
                    fmt(x.supportOthers()), Double.isInfinite(x.ratio()) ? "" : fmt(x.ratio()), fmt(x.difference()),
                    x.similar(), Double.isNaN(x.stability()) ? "" : fmt(x.stability()), x.words()));
        }
        return csv(List.of("stratum", "sequence", "flagged_subjects", "other_subjects", "support_flagged", "support_others",
                "ratio", "difference", "similar", "stability", "in_words"), rows);
    }

    private static String togetherCsv(CoOccurrence.Result t) {
        List<List<Object>> rows = new ArrayList<>();
        for (CoOccurrence.Association a : t.rules()) {
            rows.add(List.of(String.join(";", a.antecedent()), String.join(";", a.consequent()), fmt(a.support()),
                    fmt(a.confidence()), fmt(a.lift()), a.similar(), a.words()));
        }
        return csv(List.of("antecedent", "consequent", "support", "confidence", "lift", "similar", "in_words"), rows);
    }

    private static String profilesCsv(EngagementProfiles.Result e) {
        List<String> header = new ArrayList<>(List.of("profile", "size", "share"));
        EngagementProfiles.FEATURES.forEach(f -> header.add(f.name()));
        header.add("stability");
        header.add("in_words");
        List<List<Object>> rows = new ArrayList<>();
        for (EngagementProfiles.Profile x : e.profiles()) {
            List<Object> r = new ArrayList<>(List.of(x.id(), x.size(), fmt(x.share())));
            x.centre().values().forEach(v -> r.add(fmt(v)));
            r.add(Double.isNaN(x.stability()) ? "" : fmt(x.stability()));
            r.add(x.words());
            rows.add(r);
        }
        return csv(header, rows);
    }

    /**
     * Silhouettes and centres are sums over partitions, whose order differs between a laptop and a
     * cluster in the last bits: ten decimals keep what is meaningful and make the file the same.
     */
    static double rounded(double d) {
        return Double.isFinite(d) ? new java.math.BigDecimal(d).setScale(10, java.math.RoundingMode.HALF_EVEN).doubleValue() : d;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    private static String csv(List<String> header, List<List<Object>> rows) {
        return org.chronolens.io.CsvText.of(header, rows);
    }
}
