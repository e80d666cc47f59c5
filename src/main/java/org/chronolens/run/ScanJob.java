package org.chronolens.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.spark.sql.SparkSession;
import org.chronolens.io.JsonText;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.monitor.Monitored;
import org.chronolens.monitor.RunMetrics;
import org.chronolens.util.Hashes;
import org.chronolens.util.StageClock;
import org.chronolens.util.Stages;

/**
 * The scan: validation as {@code validate} does it, then the rules ({@link ScanRules}), then each
 * stage of {@link #STAGES} the request wants, all in the run's staging folder, then the commit: all
 * of it appears at once, with its manifest, or none of it.
 */
public final class ScanJob {

    /**
     * The stages after the rules, in the order they run. Adding one is a class and a line here;
     * {@link #checkOrder} holds each to reading only what is written before it.
     */
    static final List<Supplier<ScanStage>> STAGES = List.of(CohortRatesStage::new, ChangesStage::new,
            DiscoveryStage::new, ReportStage::new);

    /** What the run wrote and found: validation's result, the rules' findings, and each stage's report. */
    public record Result(ValidateJob.Result validation, ScanFindings findings, Monitored monitored,
                         List<StageReport> stages) {

        public Result {
            stages = List.copyOf(stages);
        }

        public long flags() {
            return findings.flags();
        }

        public long subjects() {
            return findings.subjects();
        }

        public long subjectsFlagged() {
            return findings.subjectsFlagged();
        }

        public Map<String, Long> flagsByRule() {
            return findings.flagsByRule();
        }

        public Map<String, Long> childrenByRule() {
            return findings.childrenByRule();
        }

        public Map<String, Long> reviews() {
            return findings.reviews();
        }

        /** Whether a stage wrote this output. */
        public boolean wrote(Output output) {
            return stages.stream().anyMatch(s -> s.wrote().contains(output));
        }

        /** Where the report's first page is, or null when no report was written. */
        public String report() {
            return wrote(Output.REPORT_INDEX) ? validation.out().path(Output.REPORT_INDEX.file()) : null;
        }
    }

    private final SparkSession spark;
    private final Stages stages;
    private final List<Supplier<ScanStage>> list;

    public ScanJob(SparkSession spark, Stages stages) {
        this(spark, stages, STAGES);
    }

    /** A scan with another list of stages (tests add one, as a new stage would be added to {@link #STAGES}). */
    ScanJob(SparkSession spark, Stages stages, List<Supplier<ScanStage>> list) {
        this.spark = spark;
        this.stages = stages;
        this.list = List.copyOf(list);
    }

    public Result run(ScanRequest request) {
        StageClock clock = new StageClock(stages);
        ScanContext context = new ScanContext(spark, stages, request, clock);
        List<ScanStage> wanted = new ArrayList<>();
        for (Supplier<ScanStage> s : list) {
            ScanStage stage = s.get();
            if (stage.wanted(request)) {
                wanted.add(stage);
            }
        }
        checkOrder(wanted);
        // What each stage needs from outside the run is checked before anything is read or written.
        wanted.forEach(s -> s.check(context));
        ValidateJob validate = new ValidateJob(spark, stages);
        ValidateJob.Result v = validate.run(request.validation(), clock);
        context.validated(v);
        try {
            boolean ok = v.verdict() == ValidateJob.Verdict.OK;
            ScanFindings findings = ok ? ScanRules.run(spark, v, request, clock) : ScanFindings.none();
            Monitored monitored = ok ? v.monitored().withFlags(RunMetrics.ofFlags(findings.subjects(),
                    findings.subjectsFlagged(), findings.flagsByRule(), findings.childrenByRule())) : v.monitored();
            context.found(findings, monitored);
            List<StageReport> reports = new ArrayList<>();
            if (ok) {
                v.out().writeText(Output.DATA_QUALITY.file(), JsonText.pretty(monitored.json(v.quality())));
                for (ScanStage stage : wanted) {
                    reports.add(stage.run(context));
                }
            }
            v.out().commit(manifest(validate, v, request, findings, monitored, reports).toJson(clock,
                    v.verdict().name()), ok);
            if (ok) {
                monitored.keep(spark, v.out().runId(), request.validation().asOf(), List.of());
                clock.stage("history", monitored.anomalies().size(), "anomalies");
            }
            return new Result(v, findings, monitored, reports);
        } finally {
            v.release();
        }
    }

    private static Manifest manifest(ValidateJob validate, ValidateJob.Result v, ScanRequest request,
                                     ScanFindings findings, Monitored monitored, List<StageReport> reports) {
        ValidateJob.Options o = request.validation();
        String thresholds = ScanRules.thresholds(request.rules());
        Manifest manifest = validate.manifest("scan", o, v).put("thresholds", request.rules().parameters())
                .put("thresholds_sha256", Hashes.sha256(thresholds));
        reports.forEach(r -> r.manifest().forEach(manifest::put));
        if (o.monitoring().enabled()) {
            manifest.put("metrics_history", o.monitoring().history());
        }
        manifest.put("data_quality", monitored.json(v.quality())).put("flags", findings.flags())
                .put("flags_by_rule", findings.flagsByRule()).put("subjects", findings.subjects())
                .put("subjects_flagged", findings.subjectsFlagged()).put("reviews", findings.reviews());
        // Named whenever one was given, even before its first line: `serve` appends to the file the
        // run names, so the first review of a scheduled job's run needs no extra option.
        if (!request.acknowledgements().source().isEmpty()) {
            manifest.put("acknowledgements", request.acknowledgements().source());
            if (!request.acknowledgements().isEmpty()) {
                manifest.put("acknowledgements_sha256", request.acknowledgements().sha256())
                        .put("acknowledgement_lines", findings.trail());
            }
        }
        return manifest;
    }

    /** Every output a stage reads is written by validation, the rules or a stage before it. */
    static void checkOrder(List<ScanStage> stages) {
        Set<Output> written = EnumSet.copyOf(ScanRules.WRITES);
        for (ScanStage s : stages) {
            for (Output o : s.reads()) {
                if (!written.contains(o)) {
                    throw new IllegalStateException("the scan stage '" + s.name() + "' reads " + o.file()
                            + ", which nothing before it writes");
                }
            }
            written.addAll(s.writes());
        }
    }
}
