package org.chronolens.run;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.chronolens.check.PiiPolicy;
import org.chronolens.monitor.CohortRates;
import org.chronolens.monitor.Monitoring;

/**
 * The one list of a scan's options. The {@code scan} and {@code validate} commands make their
 * flags from it, a job definition reads its keys from it, the files a run must not replace are
 * the values of the options that {@linkplain ScanOption#readsFile() read one}, and docs/cli.md's
 * table is checked against it. Adding an option is one entry here and the code that uses its value
 * (in {@link ScanSettings}).
 */
public final class ScanOptions {

    private ScanOptions() {
    }

    /** The Spark settings' help text, which every other command that starts Spark shares. */
    public static final String CONF_DOC = "A Spark setting, passed through (repeatable), e.g. "
            + "--conf spark.sql.shuffle.partitions=64.";

    public static final ScanOption<List<String>> INPUTS = ScanOption.list("inputs", "--input", "PATH",
            "Files, folders (read recursively) or quoted globs of .csv and .parquet extracts; several may follow one "
                    + "--input.").required().validation();

    public static final ScanOption<LocalDate> AS_OF = ScanOption.value("as_of", "--as-of", "yyyy-MM-dd",
            "Events dated after this day are counted and excluded. A job's --as-of wins (back-fills).", "today",
            ScanOptions::date).validation();

    public static final ScanOption<String> OUT = ScanOption.text("out", "--out", "DIR",
            "Folder to create for the outputs; never an input or a folder holding or inside one.").required()
            .validation().notInJobs("a job writes to <output_root>/runs/as_of=<date>/");

    public static final ScanOption<Boolean> OVERWRITE = ScanOption.toggle("overwrite", "--overwrite",
            "Replace the contents of --out if it is not empty (only an earlier run is ever replaced).", false)
            .validation().notInJobs("a job's re-run of a date replaces that date's run");

    public static final ScanOption<String> MAPPING = ScanOption.text("mapping", "--mapping", "FILE",
            "A column mapping (YAML) that reads another system's export as chronology v1.").reads().validation();

    public static final ScanOption<PiiPolicy> PII_POLICY = ScanOption.value("pii_policy", "--pii-policy",
            "POLICY", "What to do with identifiers found in notes and other text: redact, quarantine the row or fail "
                    + "the run. Ids that are identifiers are quarantined under every policy.", "redact",
            PiiPolicy::parse).validation();

    public static final ScanOption<Boolean> NUMERIC_PSEUDONYMS = ScanOption.toggle("numeric_pseudonyms",
            "--numeric-pseudonyms", "The partnership's ids are plain numbers: do not quarantine an id of digits only "
                    + "for looking like an NHS or phone number (the report says this check was off).", false)
            .validation();

    public static final ScanOption<Double> QUARANTINE_CEILING = ScanOption.value("quarantine_ceiling",
            "--quarantine-ceiling", "SHARE", "Fail the run (exit 4) when the quarantined share of rows read is "
                    + "above this (0 to 1).", "0.05", ScanOptions::share).validation();

    public static final ScanOption<String> HISTORY = ScanOption.text("history", "--history", "DIR",
            "Keep this run's metrics in DIR (Parquet) and check them against earlier runs kept there: an agency "
                    + "missing or shrunk, a quarantine reason surging, a rule's flags jumping. A job keeps them in "
                    + "<output_root>/metrics unless it says otherwise.").reads().validation()
            .jobKey("monitoring.history");

    public static final ScanOption<Monitoring.Policy> ANOMALY_POLICY = ScanOption.value("anomaly_policy",
            "--anomaly-policy", "POLICY", "What an anomaly of the data does: warn, or fail (exit 4, nothing written "
                    + "but the data-quality report).", "warn", Monitoring.Policy::parse).validation()
            .jobKey("monitoring.policy");

    public static final ScanOption<String> CONFIG = ScanOption.text("config", "--config", "FILE",
            "The partnership's thresholds (YAML); every key defaults to the rule's own default.").reads();

    public static final ScanOption<String> PROMPTS = ScanOption.text("prompts", "--prompts", "FILE",
            "The partnership's reflective prompts (YAML) for the report, replacing the built-in ones.").reads();

    public static final ScanOption<String> ACKNOWLEDGEMENTS = ScanOption.text("acknowledgements",
            "--acknowledgements", "FILE", "Reviewers' acknowledgements (CSV): acknowledged flags are marked, and "
                    + "re-opened when new evidence arrives.").reads();

    public static final ScanOption<Boolean> DISCOVER = ScanOption.toggle("discover", "--discover",
            "Also run pattern discovery and fill the report's Patterns page.", false);

    public static final ScanOption<String> DISCOVERY_CONFIG = ScanOption.text("discovery_config",
            "--discovery-config", "FILE", "Discovery settings (YAML); implies --discover.").reads();

    public static final ScanOption<String> COHORTS = ScanOption.text("cohorts", "--cohorts", "FILE",
            "Cohort attributes of children (CSV: subject_id, case_id where ids repeat, attribute columns): writes "
                    + "flag-rates-by-cohort.csv and the report's cohort page.").reads();

    public static final ScanOption<Integer> COHORT_MIN_CHILDREN = ScanOption.value("cohort_min_children",
            "--cohort-min-children", "N", "Suppress a cohort with fewer children than this, and one more where the "
                    + "first could be worked out.", String.valueOf(CohortRates.MIN_CHILDREN), ScanOptions::atLeastOne);

    public static final ScanOption<Boolean> REPORT = ScanOption.toggle("report", "--no-report",
            "Skip the HTML report (render it later with the report command); in a job, report: false.", true);

    public static final ScanOption<java.util.Map<String, String>> SPARK = ScanOption.map("spark", "--conf",
            "KEY=VALUE", CONF_DOC + " In a job, a mapping of settings.", ScanOptions::sparkKey).validation();

    /** Every option, in the order the docs and help list them. */
    public static final List<ScanOption<?>> ALL = ScanOption.checked(List.of(INPUTS, AS_OF, OUT, OVERWRITE, MAPPING,
            PII_POLICY, NUMERIC_PSEUDONYMS, QUARANTINE_CEILING, HISTORY, ANOMALY_POLICY, CONFIG, PROMPTS,
            ACKNOWLEDGEMENTS, DISCOVER, DISCOVERY_CONFIG, COHORTS, COHORT_MIN_CHILDREN, REPORT, SPARK));

    /** The options {@code validate} takes. */
    public static List<ScanOption<?>> validation() {
        return ALL.stream().filter(ScanOption::forValidation).toList();
    }

    private static LocalDate date(String text) {
        if (text.equals("today")) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (yyyy-MM-dd) or 'today'");
        }
    }

    private static double share(String text) {
        try {
            double d = Double.parseDouble(text);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not a share: give a number from 0 to 1, e.g. 0.05 for 5 %");
    }

    private static int atLeastOne(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not a whole number of 1 or more, e.g. 10");
    }

    private static void sparkKey(String key) {
        if (!key.startsWith("spark.")) {
            throw new IllegalArgumentException("'" + key + "' is not a Spark setting: Spark settings start with 'spark.' "
                    + "(e.g. spark.sql.shuffle.partitions)");
        }
        if (key.toLowerCase(Locale.ROOT).equals("spark.")) {
            throw new IllegalArgumentException("'" + key + "' names no setting");
        }
    }
}
