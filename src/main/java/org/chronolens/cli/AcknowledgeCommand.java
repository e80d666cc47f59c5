package org.chronolens.cli;

import org.chronolens.util.Columns;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.chronolens.review.Acknowledgements;
import org.chronolens.config.ConfigText;
import org.chronolens.io.HadoopConf;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.io.RunLock;
import org.chronolens.io.TextFiles;
import org.chronolens.io.SpreadsheetSafe;
import org.chronolens.io.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Appends one acknowledgement, copying the flag's evidence from the run that showed it, so that a
 * reviewer never types event ids. No Spark: it reads the run's flags as stored (Parquet), not the
 * spreadsheet-safe CSV, whose cells may carry a guard character. The run and the file may be on
 * HDFS, beside the runs.
 */
@Command(name = "acknowledge", mixinStandardHelpOptions = true,
        description = {"Records that a flag was reviewed: appends a line to the acknowledgements file, with the evidence "
                + "the flag had in --run. Later scans given the file show the flag as acknowledged until new evidence "
                + "re-opens it."})
final class AcknowledgeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The completed run that showed the flag.")
    private String run;

    @Option(names = "--flag", required = true, paramLabel = "KEY", description = "The flag key (flag_key in flags.csv, "
            + "or on the child's page of the report).")
    private String flag;

    @Option(names = "--reviewer", required = true, paramLabel = "PSEUDONYM", description = "Your reviewer pseudonym.")
    private String reviewer;

    @Option(names = "--outcome", required = true, paramLabel = "OUTCOME",
            description = "action-taken, no-action-needed or flag-incorrect.")
    private String outcome;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (no identifiers).")
    private String reason;

    @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "The review date (default: today).")
    private LocalDate date;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The acknowledgements file (created "
            + "with its header if missing; only ever appended to).")
    private String file;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        TextFiles files = new TextFiles(HadoopConf.of(java.util.Map.of()));
        if (!files.exists(files.child(run, Output.SUCCESS.file()))) {
            throw new UsageException(run + " is not a completed run (no " + Output.SUCCESS.file()
                    + "); name a run folder a scan committed");
        }
        LocalDate today = LocalDate.now();
        if (date != null && date.isAfter(today)) {
            // A review is recorded once it has happened; a date ahead is a typo that would keep the
            // line out of every run until then.
            throw new UsageException("--date " + date + " is after today (" + today
                    + "); give the day the flag was reviewed, or leave --date out for today");
        }
        String day = (date == null ? today : date).toString();
        Acknowledgements.check(flag, "(from the run)", reviewer, day, outcome, reason);
        org.chronolens.io.Placement.refuseFileInPath(files.configuration(), "--file", file, false);
        String evidence = evidenceOf(files, flag);
        // A reason is free text that a spreadsheet would run if it started like a formula.
        String line = line(flag, evidence, reviewer, day, outcome, SpreadsheetSafe.cell(reason.strip()));
        // Appending is a rewrite in one rename under the file's lock: two reviewers at once never
        // interleave their lines, and a crash never leaves half a line (HDFS appends cannot promise either).
        try (RunLock lock = files.lock(file, "acknowledgements file " + file)) {
            String existing = files.exists(file) ? ConfigText.read(file, files.configuration(), Acknowledgements.MAX_BYTES) : "";
            String prefix = existing.isEmpty() ? header() : existing.endsWith("\n") ? "" : "\n";
            String next = existing + prefix + line;
            // Validate the file as it will be, before touching it: a refused line is never added.
            Acknowledgements.parse(new java.io.StringReader(next), file);
            files.replace(file, next);
        }
        console.say("Acknowledged " + flag + " (evidence " + evidence + ") in " + file);
        return ExitCode.OK.code();
    }

    /** The flag's evidence as the run stored it, from its flags/ Parquet. */
    private String evidenceOf(TextFiles files, String key) {
        String folder = files.child(run, Output.FLAGS.file());
        FileSystem fs = files.fs(folder);
        try {
            if (!fs.exists(files.path(folder))) {
                throw new UsageException(run + " has no flags/ folder; name a run folder a scan committed");
            }
            for (FileStatus part : Stream.of(fs.listStatus(files.path(folder)))
                    .filter(s -> s.getPath().getName().endsWith(".parquet") && !s.getPath().getName().startsWith("_")
                            && !s.getPath().getName().startsWith("."))
                    .sorted(java.util.Comparator.comparing(s -> s.getPath().getName())).toList()) {
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), part.getPath())
                        .withConf(files.configuration()).build()) {
                    for (Group g = reader.read(); g != null; g = reader.read()) {
                        if (key.equals(string(g, Columns.FLAG_KEY))) {
                            return string(g, Columns.EVIDENCE_EVENT_IDS);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new UsageException("flag '" + key + "' is not among the flags of " + run
                + "; copy the key from the flag_key column or the child's page of that run's report");
    }

    private static String string(Group g, String field) {
        return g.getFieldRepetitionCount(field) == 0 ? "" : g.getString(field, 0);
    }

    private static String header() {
        return String.join(",", Acknowledgements.COLUMNS) + "\n";
    }

    private static String line(String... values) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord((Object[]) values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

}
