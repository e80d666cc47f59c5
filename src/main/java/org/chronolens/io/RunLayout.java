package org.chronolens.io;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.fs.Path;

/**
 * Every name in a run folder, declared once: what each output is called, what kind of file it is,
 * which command writes it and when, and a line for people. The writers, the readers, the console
 * summary and docs/cli.md (checked by RunLayoutDocsTest) all take their names from here, so an
 * output cannot be renamed in one place and not another.
 *
 * <p>Also here: the audit pack's names, the hidden siblings a run leaves beside its folder while it
 * works (staging, replaced, lock), and where a job keeps its runs.
 */
public final class RunLayout {

    private RunLayout() {
    }

    public enum Kind {
        PARQUET, CSV, JSON, JSON_LINES, HTML, MARKER, FOLDER;

        /** Stored as a folder (Parquet is a folder of part files): shown with a trailing slash. */
        boolean folder() {
            return this == PARQUET || this == FOLDER;
        }
    }

    /**
     * The outputs of a run folder. {@code command} is the one that first writes it (scan and job
     * write everything validate writes); {@code when} is the option or situation it needs, empty
     * when it is always written. A name holding a slash lies inside another output's folder.
     */
    public enum Output {
        EVENTS("events", Kind.PARQUET, "validate", "", "accepted events (Parquet)"),
        QUARANTINE("quarantine", Kind.PARQUET, "validate", "", "quarantined rows (Parquet)"),
        QUARANTINE_CSV("quarantine.csv", Kind.CSV, "validate", "", "quarantined rows with reasons"),
        DATA_QUALITY("data-quality.json", Kind.JSON, "validate", "", "data-quality report"),
        MANIFEST("manifest.json", Kind.JSON, "validate", "", "what the run read, did and counted"),
        SUCCESS("_SUCCESS", Kind.MARKER, "validate", "", "marks a complete run"),
        FLAGS("flags", Kind.PARQUET, "scan", "", "flags (Parquet)"),
        FLAGS_CSV("flags.csv", Kind.CSV, "scan", "", "flags with evidence and explanations"),
        FLAGS_JSON("flags.json", Kind.JSON_LINES, "scan", "", "the same flags as JSON lines"),
        SUBJECTS("subjects", Kind.PARQUET, "scan", "", "denominators per subject (Parquet)"),
        SUBJECTS_CSV("subjects.csv", Kind.CSV, "scan", "", "denominators per subject"),
        SENSITIVITY_CSV("threshold-sensitivity.csv", Kind.CSV, "scan", "", "subjects flagged at other thresholds"),
        THRESHOLDS("thresholds.json", Kind.JSON, "scan", "", "thresholds in force"),
        ACKNOWLEDGEMENTS_CSV("acknowledgements.csv", Kind.CSV, "scan", "--acknowledgements",
                "every acknowledgement with its status in this run"),
        CHANGES_CSV("changes.csv", Kind.CSV, "scan", "an earlier run (job)", "flags new, continuing or resolved since it"),
        COHORT_RATES_CSV("flag-rates-by-cohort.csv", Kind.CSV, "scan", "--cohorts", "flag rates by cohort"),
        REPORT("report", Kind.FOLDER, "scan", "unless --no-report", "the HTML pattern report"),
        REPORT_INDEX("report/index.html", Kind.HTML, "scan", "unless --no-report", "the report's first page"),
        REPORT_PAGES("report-pages", Kind.PARQUET, "scan", "an earlier run (job)",
                "a key per flagged case's pages, so that the next run copies the unchanged ones"),
        DISCOVERY("discovery", Kind.FOLDER, "scan", "--discover", "pattern discovery"),
        DISCOVERY_JSON("discovery/discovery.json", Kind.JSON, "scan", "--discover", "what the Patterns page shows"),
        DISCOVERY_SEQUENCES("discovery/sequences.csv", Kind.CSV, "scan", "--discover", "contrast sequences"),
        DISCOVERY_TOGETHER("discovery/co-occurrence.csv", Kind.CSV, "scan", "--discover", "flags that travel together"),
        DISCOVERY_PROFILES("discovery/profiles.csv", Kind.CSV, "scan", "--discover", "engagement profiles");

        private final String name;
        private final Kind kind;
        private final String command;
        private final String when;
        private final String description;

        Output(String name, Kind kind, String command, String when, String description) {
            this.name = name;
            this.kind = kind;
            this.command = command;
            this.when = when;
            this.description = description;
        }

        /** The path inside the run folder, e.g. {@code flags.csv} or {@code report/index.html}. */
        public String file() {
            return name;
        }

        /** The last part of the name: what it is called inside its own folder. */
        public String fileName() {
            return name.substring(name.lastIndexOf('/') + 1);
        }

        public Kind kind() {
            return kind;
        }

        public String command() {
            return command;
        }

        public String when() {
            return when;
        }

        public String description() {
            return description;
        }

        /** Directly in the run folder, not inside another output. */
        public boolean topLevel() {
            return name.indexOf('/') < 0;
        }

        /** The name as the docs show it: folders (Parquet included) with a trailing slash. */
        public String shown() {
            return kind.folder() ? name + "/" : name;
        }

        /** The outputs {@code command} always writes for people to read (no Parquet, folder or marker). */
        public static List<Output> readable(String command) {
            return Arrays.stream(values()).filter(o -> o.command.equals(command) && o.when.isEmpty() && o.topLevel()
                    && !o.kind.folder() && o.kind != Kind.MARKER && o != MANIFEST).toList();
        }
    }

    /** The files of an audit pack (the sample command's folder), beside its per-child pages. */
    public enum Pack {
        SAMPLE_CSV("sample.csv"),
        CHECKLIST_CSV("checklist.csv"),
        INDEX("index.html"),
        MANIFEST("sample-manifest.json");

        private final String name;

        Pack(String name) {
            this.name = name;
        }

        public String file() {
            return name;
        }
    }

    /** Commands whose manifests mark a folder as an earlier run that --overwrite may replace. */
    public static final Set<String> COMMANDS = Set.of("validate", "scan", "job", "generate", "sample", "discover",
            "audit-summary");

    /** Where a job keeps its runs, under its output root: {@code runs/as_of=<date>/}. */
    public static final String JOB_RUNS = "runs";
    public static final String JOB_RUN_PREFIX = "as_of=";
    /** Where a sample job keeps its audit packs, under its output root: {@code samples/<the run's folder name>/}. */
    public static final String JOB_SAMPLES = "samples";

    /** The folder of a job's run as of {@code date}, under its output root. */
    public static String jobRun(String outputRoot, java.time.LocalDate date) {
        return outputRoot + "/" + JOB_RUNS + "/" + JOB_RUN_PREFIX + date;
    }

    /**
     * Markers of the hidden siblings beside a folder being written ({@code .NAME<marker>}): a run's
     * staging folder and a previous run moved aside (each followed by the run id), and the lock.
     */
    static final String STAGING = ".staging-";
    static final String REPLACED = ".replaced-";
    static final String LOCK = ".lock";

    /** {@code output} in the run folder {@code run}. */
    public static Path path(String run, Output output) {
        return new Path(run, output.file());
    }

    /** {@code output} in the run folder {@code run}. */
    public static Path path(Path run, Output output) {
        return new Path(run, output.file());
    }

    /** The hidden sibling of {@code target} with the given marker: {@code .NAME<marker>}. */
    static Path sibling(Path target, String marker) {
        return new Path(target.getParent(), "." + target.getName() + marker);
    }
}
