package org.chronolens.cli;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;

import org.chronolens.review.Acknowledgements;
import org.chronolens.detect.RuleConfig;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.discover.DiscoveryParams;
import org.chronolens.io.HadoopConf;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.report.Prompts;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ValidateJob;
import org.chronolens.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import static org.chronolens.cli.Console.count;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Validates chronology extracts (as validate does), then runs the pattern rules and writes "
                + "flags with their evidence, per-subject denominators and the threshold sensitivity.",
                "Writes into --out: everything validate writes, plus flags.csv and flags/ (Parquet), subjects.csv and "
                        + "subjects/ (Parquet), threshold-sensitivity.csv and thresholds.json."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputOptions input;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The partnership's thresholds (YAML); every key defaults to the rule's own default (see docs/rules.md).")
    private Path config;

    @Option(names = "--prompts", paramLabel = "FILE",
            description = "The partnership's reflective prompts (YAML) for the report, replacing the built-in ones.")
    private Path prompts;

    @Option(names = "--acknowledgements", paramLabel = "FILE",
            description = "Reviewers' acknowledgements (CSV, see docs/operations.md): acknowledged flags are marked, "
                    + "and re-opened when new evidence arrives.")
    private String acknowledgements;

    @Option(names = "--discover", description = "Also run pattern discovery (as the discover command) and fill the "
            + "report's Patterns page.")
    private boolean discover;

    @Option(names = "--discovery-config", paramLabel = "FILE", description = "Discovery settings (YAML); implies --discover.")
    private Path discoveryConfig;

    @Option(names = "--cohorts", paramLabel = "FILE",
            description = "Cohort attributes of children (CSV: subject_id, case_id where ids repeat, attribute columns): "
                    + "writes flag-rates-by-cohort.csv and the report's cohort page (docs/monitoring.md).")
    private String cohorts;

    @Option(names = "--cohort-min-children", paramLabel = "N", defaultValue = "10",
            description = "Suppress a cohort with fewer children than this (default 10), and one more where the first "
                    + "could be worked out.")
    private int cohortMinChildren;

    @Option(names = "--no-report", description = "Skip the HTML report (render it later with the report command).")
    private boolean noReport;

    @Mixin
    private SparkOptions sparkOptions;

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        ValidateJob.Options options = input.toJobOptions().alsoReading(text(config), text(prompts),
                acknowledgements, text(discoveryConfig), cohorts);
        RuleSet rules = Catalogue.standard().build(config == null ? RuleConfig.defaults() : RuleConfig.load(config));
        ScanRequest request = ScanRequest.of(options, rules)
                .withAcknowledgements(acknowledgements == null ? Acknowledgements.none()
                        : Acknowledgements.load(acknowledgements, HadoopConf.of(sparkOptions.conf())))
                .withDiscovery(discoveryConfig != null ? DiscoveryParams.load(discoveryConfig)
                        : discover ? DiscoveryParams.DEFAULTS : null)
                .withCohorts(cohorts, cohortMinChildren);
        if (!noReport) {
            Prompts reflective = prompts == null ? Prompts.defaults() : Prompts.load(prompts);
            reflective.builtInSections().forEach(k -> console.warn(prompts + " gives no prompts for '" + k
                    + "'; the built-in ones are shown"));
            request = request.withReport(reflective);
        }
        long start = System.nanoTime();
        try (Sessions.Handle session = Sessions.open("chronolens scan", sparkOptions.conf())) {
            console.finished("spark", 0, "", java.time.Duration.ofNanos(System.nanoTime() - start));
            ScanJob.Result result = new ScanJob(session.spark(), console).run(request);
            return summarise(console, result, rules);
        }
    }

    /** The scan's summary, as scan and job print it; returns the exit code. */
    static int summarise(Console console, ScanJob.Result result, RuleSet rules) {
        ValidateJob.Result v = result.validation();
        v.quality().warnings().forEach(console::warn);
        ValidateCommand.anomalies(console, result.monitored());
        ValidateCommand.summarise(console, v);
        int code = ValidateCommand.exitCode(console, v);
        if (code == ExitCode.OK.code()) {
            console.say("Flagged " + count(result.flags()) + " patterns for " + count(result.subjectsFlagged())
                    + " of " + count(result.subjects()) + " subjects:");
            for (String id : rules.ids()) {
                console.say(String.format(java.util.Locale.ROOT, "  %-32s %8s", id,
                        count(result.flagsByRule().getOrDefault(id, 0L))));
            }
            if (!result.reviews().isEmpty()) {
                console.say("Reviewed: " + count(result.reviews().getOrDefault("acknowledged", 0L))
                        + " acknowledged, " + count(result.reviews().getOrDefault("reopened", 0L))
                        + " re-opened by new evidence (acknowledgements.csv)");
            }
            if (result.discovery() != null) {
                DiscoverCommand.summarise(console, result.discovery());
            }
        }
        ValidateCommand.outputs(console, v);
        if (code == ExitCode.OK.code()) {
            for (Output o : Output.readable("scan").stream().sorted(Comparator.comparing(Output::file)).toList()) {
                ValidateCommand.say(console, v, o);
            }
            if (result.cohorts()) {
                ValidateCommand.say(console, v, Output.COHORT_RATES_CSV);
            }
            if (result.report() != null) {
                console.say("Report: " + result.report());
            }
        }
        return code;
    }
}
