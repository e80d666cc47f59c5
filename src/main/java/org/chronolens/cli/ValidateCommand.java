package org.chronolens.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.chronolens.io.RunLayout.Output;
import org.chronolens.run.ScanOptions;
import org.chronolens.run.ScanSettings;
import org.chronolens.run.ValidateJob;
import org.chronolens.spark.Sessions;
import org.chronolens.quality.DataQuality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import static org.chronolens.cli.Console.count;

@Command(name = "validate", mixinStandardHelpOptions = true, modelTransformer = DeclaredOptions.Validate.class,
        sortOptions = false,
        description = {"Reads chronology extracts, checks every row against chronology v1 and writes the accepted "
                + "events, the quarantine and a data-quality report.",
                "Writes into --out: events/ (Parquet), quarantine.csv and quarantine/ (Parquet), data-quality.json."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        ScanSettings settings = DeclaredOptions.read(spec, ScanOptions.validation());
        ValidateJob.Options options = settings.validation();
        long start = System.nanoTime();
        try (Sessions.Handle session = Sessions.open("chronolens validate", settings.get(ScanOptions.SPARK))) {
            console.finished("spark", 0, "", java.time.Duration.ofNanos(System.nanoTime() - start));
            ValidateJob.Result result = new ValidateJob(session.spark(), console).run(options);
            result.quality().warnings().forEach(console::warn);
            anomalies(console, result.monitored());
            summarise(console, result);
            outputs(console, result);
            return exitCode(console, result);
        }
    }

    /** The exit code of a validation, saying why when it is not success. */
    static int exitCode(Console console, ValidateJob.Result result) {
        return switch (result.verdict()) {
            case OK -> ExitCode.OK.code();
            case CEILING_EXCEEDED -> {
                console.error(String.format(java.util.Locale.ROOT, "%.2f %% of rows were quarantined, above the "
                                + "ceiling of %.2f %%; accepted events were not written. See quarantine.csv",
                        100 * result.quality().quarantinedShare(), 100 * result.quality().ceiling()));
                yield ExitCode.QUALITY_CEILING.code();
            }
            case ANOMALY -> {
                console.error(result.monitored().anomalies().size() + " anomalies against the metrics history under "
                        + "--anomaly-policy fail; accepted events were not written. See data-quality.json");
                yield ExitCode.QUALITY_CEILING.code();
            }
            case PII_REFUSED -> {
                console.error(result.quality().identifiersFound() + " identifiers found in text and ids under "
                        + "--pii-policy fail; accepted events were not written. See quarantine.csv");
                yield ExitCode.INPUT_REFUSED.code();
            }
        };
    }

    /** Each anomaly on standard error, one sentence each, before the summary. */
    static void anomalies(Console console, org.chronolens.monitor.Monitored monitored) {
        monitored.anomalies().forEach(a -> console.warn("anomaly: " + a.sentence()));
    }

    static void summarise(Console c, ValidateJob.Result r) {
        DataQuality q = r.quality();
        c.say("Validated " + count(q.rowsRead()) + " rows from " + q.byFile().size() + " files, as of " + q.asOf());
        c.say(String.format(java.util.Locale.ROOT, "  accepted            %12s", count(q.accepted())));
        c.say(String.format(java.util.Locale.ROOT, "  duplicates dropped  %12s", count(q.duplicatesDropped())));
        c.say(String.format(java.util.Locale.ROOT, "  quarantined         %12s  (%.2f %% of rows read; ceiling %.2f %%)",
                count(q.quarantined()), 100 * q.quarantinedShare(), 100 * q.ceiling()));
        c.say(String.format(java.util.Locale.ROOT, "  after as-of         %12s", count(q.afterAsOf())));
        c.say("  reconciled: " + q.toJson().get("reconciliation"));
        if (!q.byReason().isEmpty()) {
            c.say("  quarantine by reason: " + join(q.byReason()));
        }
        if (q.identifiersFound() > 0) {
            c.say("  identifiers found in text and ids (" + q.piiPolicy().code() + "): " + join(q.piiByKind()));
        }
    }

    static void outputs(Console c, ValidateJob.Result r) {
        c.say("Outputs in " + r.out().root() + ":");
        if (r.verdict() == ValidateJob.Verdict.OK) {
            say(c, r, Output.EVENTS);
        }
        say(c, r, Output.QUARANTINE_CSV);
        say(c, r, Output.DATA_QUALITY);
    }

    static void say(Console c, ValidateJob.Result r, Output o) {
        c.say("  " + r.out().path(o.file()) + "   " + o.description());
    }

    private static String join(Map<String, Long> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> {
            if (v > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(count(v));
            }
        });
        return b.toString();
    }
}
