package org.chronolens.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.chronolens.ingest.ColumnMapping;
import org.chronolens.io.UsageException;
import org.chronolens.monitor.Monitoring;
import org.chronolens.run.ValidateJob;
import org.chronolens.check.PiiPolicy;
import picocli.CommandLine.Option;

/** The options of every command that reads chronologies: validate and scan. */
final class InputOptions {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Files, folders (read recursively) or quoted globs of .csv and .parquet extracts.")
    private List<String> inputs;

    @Option(names = "--as-of", paramLabel = "yyyy-MM-dd",
            description = "Events dated after this day are counted and excluded (default: today).")
    private LocalDate asOf = LocalDate.now();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create for the outputs.")
    private String out;

    @Option(names = "--overwrite", description = "Replace the contents of --out if it is not empty.")
    private boolean overwrite;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "A column mapping (YAML) that reads another system's export as chronology v1.")
    private Path mapping;

    @Option(names = "--pii-policy", paramLabel = "POLICY", defaultValue = "redact",
            description = "What to do with identifiers found in notes and other text: redact (default), quarantine or "
                    + "fail. Ids that are identifiers are quarantined under every policy.")
    private String piiPolicy;

    @Option(names = "--numeric-pseudonyms",
            description = "The partnership's ids are plain numbers: do not quarantine an id of digits only for looking "
                    + "like an NHS or phone number (the report says this check was off).")
    private boolean numericPseudonyms;

    @Option(names = "--quarantine-ceiling", paramLabel = "SHARE", defaultValue = "0.05",
            description = "Fail the run when the quarantined share of rows read is above this (0 to 1; default 0.05).")
    private double ceiling;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Keep this run's metrics in DIR (Parquet) and check them against earlier runs kept there: an "
                    + "agency missing or shrunk, a quarantine reason surging, a rule's flags jumping (docs/monitoring.md).")
    private String history;

    @Option(names = "--anomaly-policy", paramLabel = "POLICY", defaultValue = "warn",
            description = "What an anomaly of the data does: warn (default) or fail (exit 4, nothing written but the "
                    + "data-quality report).")
    private String anomalyPolicy;

    ValidateJob.Options toJobOptions() {
        if (!(ceiling >= 0 && ceiling <= 1)) {
            throw new UsageException("--quarantine-ceiling " + ceiling + " is not a share: give a number from 0 to 1, "
                    + "e.g. 0.05 for 5 %");
        }
        PiiPolicy policy;
        try {
            policy = PiiPolicy.parse(piiPolicy);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pii-policy: " + e.getMessage());
        }
        ColumnMapping m = mapping == null ? ColumnMapping.identity() : ColumnMapping.load(mapping);
        Monitoring monitoring;
        try {
            monitoring = Monitoring.off().withHistory(history).withPolicy(Monitoring.Policy.parse(anomalyPolicy));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--anomaly-policy: " + e.getMessage());
        }
        return new ValidateJob.Options(inputs, asOf, out, overwrite, m, policy, ceiling)
                .withNumericPseudonyms(numericPseudonyms).withMonitoring(monitoring)
                .alsoReading(history);
    }
}
