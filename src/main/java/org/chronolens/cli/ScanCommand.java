package org.chronolens.cli;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;

import org.chronolens.detect.RuleSet;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanOptions;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ScanSettings;
import org.chronolens.run.ValidateJob;
import org.chronolens.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import static org.chronolens.cli.Console.count;

@Command(name = "scan", mixinStandardHelpOptions = true, modelTransformer = DeclaredOptions.Scan.class,
        sortOptions = false,
        description = {"Validates chronology extracts (as validate does), then runs the pattern rules and writes "
                + "flags with their evidence, per-subject denominators and the threshold sensitivity.",
                "Writes into --out: everything validate writes, plus flags.csv and flags/ (Parquet), subjects.csv and "
                        + "subjects/ (Parquet), threshold-sensitivity.csv and thresholds.json."})
final class ScanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        ScanSettings settings = DeclaredOptions.read(spec, ScanOptions.ALL);
        ScanRequest request = settings.request(settings.validation(), console::warn);
        long start = System.nanoTime();
        try (Sessions.Handle session = Sessions.open("chronolens scan", settings.get(ScanOptions.SPARK))) {
            console.finished("spark", 0, "", java.time.Duration.ofNanos(System.nanoTime() - start));
            ScanJob.Result result = new ScanJob(session.spark(), console).run(request);
            return summarise(console, result, request.rules());
        }
    }

    /**
     * Every line of the acknowledgements file counted by what became of it, so that none is lost
     * without a word; docs/operations.md says what to do about each.
     */
    static void reviewTrail(Console console, Map<String, Long> trail) {
        long lines = trail.values().stream().mapToLong(Long::longValue).sum();
        if (lines == 0) {
            return;
        }
        console.say("Acknowledgements file: " + count(lines) + (lines == 1 ? " line" : " lines") + ": "
                + trail.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> count(e.getValue()) + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining("; ")) + " (" + Output.ACKNOWLEDGEMENTS_CSV.file() + ")");
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
            reviewTrail(console, result.findings().trail());
            result.stages().forEach(stage -> stage.summary().forEach(console::say));
        }
        ValidateCommand.outputs(console, v);
        if (code == ExitCode.OK.code()) {
            for (Output o : Output.readable("scan").stream().sorted(Comparator.comparing(Output::file)).toList()) {
                ValidateCommand.say(console, v, o);
            }
            if (!result.findings().trail().isEmpty()) {
                ValidateCommand.say(console, v, Output.ACKNOWLEDGEMENTS_CSV);
            }
            // What the stages wrote beside the scan's own outputs, where it is one file to open.
            result.stages().stream().flatMap(stage -> stage.wrote().stream())
                    .filter(o -> o.topLevel() && o.kind() != RunLayout.Kind.FOLDER && o.kind() != RunLayout.Kind.PARQUET)
                    .forEach(o -> ValidateCommand.say(console, v, o));
            if (result.report() != null) {
                console.say("Report: " + result.report());
            }
        }
        return code;
    }
}
