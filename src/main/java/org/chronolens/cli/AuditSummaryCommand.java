package org.chronolens.cli;

import org.chronolens.util.Version;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.hadoop.conf.Configuration;
import org.chronolens.audit.AuditSummary;
import org.chronolens.audit.Checklists;
import org.chronolens.io.HadoopConf;
import org.chronolens.io.OutputFolder;
import org.chronolens.io.Placement;
import org.chronolens.io.TextFiles;
import org.chronolens.io.UsageException;
import org.chronolens.report.Svg;
import org.chronolens.report.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Summarises auditors' checklists: per-rule precision with intervals, agreement, history. No Spark: checklists are small. */
@Command(name = "audit-summary", mixinStandardHelpOptions = true,
        description = {"Reads completed audit checklists (strictly: every problem reported with its line) and writes "
                + "per-rule precision with 95 %% Wilson intervals, agreement between auditors (Cohen's kappa), the rules "
                + "to revisit, and the history across audits (see docs/audit.md).",
                "Writes into --out: audit-summary.html, audit-summary.csv, agreement.csv, audit-history.csv."})
final class AuditSummaryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--checklist", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Completed checklist(s); two auditors' copies of one sample are compared.")
    private List<String> checklists;

    @Option(names = "--sample", paramLabel = "DIR",
            description = "The audit pack the checklists came from (default: the folder each checklist is in).")
    private String sample;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the summary goes.")
    private String out;

    @Option(names = "--overwrite", description = "Replace the contents of --out.")
    private boolean overwrite;

    @Option(names = "--target", paramLabel = "P", defaultValue = "0.8",
            description = "The precision a rule should reach (default ${DEFAULT-VALUE}); below it, revisit the threshold.")
    private double target;

    @Option(names = "--history", paramLabel = "FILE",
            description = "The audit history to update (created if missing); this audit's rows replace any earlier "
                    + "rows of the same sample.")
    private String history;

    @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "The audit date (default: today).")
    private LocalDate date;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        if (!(target > 0 && target < 1)) {
            throw new UsageException("--target " + target + " is not a precision between 0 and 1, e.g. 0.8");
        }
        OutputFolder.Target where = OutputFolder.Target.of(out).overwrite(overwrite)
                .reading(checklists);
        Configuration hadoop = HadoopConf.of(Map.of());
        TextFiles files = new TextFiles(hadoop);
        if (history != null) {
            Placement.refuseFileInPath(hadoop, "--history", history, false);
        }
        try (OutputFolder folder = OutputFolder.claim(where, hadoop)) {
            Checklists.Read read = Checklists.read(checklists, sample, files);
            AuditSummary.Result result = AuditSummary.of(read, target);
            LocalDate day = date == null ? LocalDate.now() : date;
            List<Map<String, String>> rows = AuditSummary.history(history, files, result, read.sampleIds(), day);

            folder.create();
            folder.writeText("audit-summary.csv", AuditSummary.rulesCsv(result));
            folder.writeText("agreement.csv", AuditSummary.agreementCsv(result));
            folder.writeText("audit-history.csv", AuditSummary.historyCsv(rows));
            folder.writeText("audit-summary.html", Templates.render("audit-summary", scope(result, rows, day)));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("command", "audit-summary");
            manifest.put("application_version", Version.current());
            manifest.put("audit_date", day.toString());
            manifest.put("checklists", checklists);
            manifest.put("sample_ids", read.sampleIds());
            manifest.put("target_precision", target);
            manifest.put("flags_audited", result.flags());
            manifest.put("rows_not_audited", read.notAudited());
            folder.commit(json(manifest), true);
            if (history != null) {
                // Replaced whole in one rename, so that a crash never leaves it half written.
                files.replace(history, AuditSummary.historyCsv(rows));
            }

            console.say(String.format(java.util.Locale.ROOT, "%-34s %8s %10s %17s  %s", "rule", "audited", "precision",
                    "95 % interval", "status"));
            for (AuditSummary.RuleResult r : result.rules()) {
                console.say(String.format(java.util.Locale.ROOT, "%-34s %8d %10s %8s – %6s  %s", r.ruleId(), r.audited(),
                        pct(r.precision()), pct(r.interval().low()), pct(r.interval().high()), r.status()));
            }
            for (AuditSummary.Agreement a : result.agreement()) {
                console.say("Agreement " + a.auditorA() + " / " + a.auditorB() + ": " + a.flags() + " flags, observed "
                        + pct(a.observed()) + ", kappa " + (Double.isNaN(a.kappa()) ? "undefined"
                        : String.format(java.util.Locale.ROOT, "%.2f", a.kappa())));
            }
            if (read.notAudited() > 0) {
                console.say(read.notAudited() + " checklist rows have no verdict yet and were left out.");
            }
            console.say("Summary: " + folder.path("audit-summary.html"));
            return ExitCode.OK.code();
        }
    }

    private static Map<String, Object> scope(AuditSummary.Result result, List<Map<String, String>> history, LocalDate day) {
        List<Map<String, Object>> rules = new ArrayList<>();
        List<Svg.Estimate> estimates = new ArrayList<>();
        for (AuditSummary.RuleResult r : result.rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", r.ruleId());
            m.put("audited", r.audited());
            m.put("agree", r.agree());
            m.put("disagree", r.disagree());
            m.put("unclear", r.unclear());
            m.put("disputed", r.disputed());
            m.put("precision", pct(r.precision()));
            m.put("low", pct(r.interval().low()));
            m.put("high", pct(r.interval().high()));
            m.put("status", r.status());
            m.put("revisit", r.status().equals("revisit threshold"));
            rules.add(m);
            estimates.add(new Svg.Estimate(r.ruleId(), r.precision(), r.interval().low(), r.interval().high()));
        }
        List<Map<String, Object>> agreement = new ArrayList<>();
        for (AuditSummary.Agreement a : result.agreement()) {
            agreement.add(Map.of("a", a.auditorA(), "b", a.auditorB(), "flags", a.flags(), "observed", pct(a.observed()),
                    "kappa", Double.isNaN(a.kappa()) ? "" : String.format(java.util.Locale.ROOT, "%.2f", a.kappa())));
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("date", day.toString());
        scope.put("printHeading", "Audit summary, " + day);
        scope.put("version", Version.current());
        scope.put("flags", result.flags());
        scope.put("notAudited", result.notAudited());
        scope.put("target", pct(result.target()));
        scope.put("chart", Svg.intervals("Precision per rule, with 95 % intervals; dashed: the target", estimates,
                result.target()));
        scope.put("rules", rules);
        scope.put("agreement", agreement);
        scope.put("history", history);
        return scope;
    }

    private static String pct(double d) {
        return Double.isNaN(d) ? "" : String.format(java.util.Locale.ROOT, "%.1f %%", d * 100);
    }

    private static String json(Map<String, Object> m) {
        return org.chronolens.io.JsonText.pretty(m);
    }
}
