package org.chronolens.cli;

import org.chronolens.util.Columns;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.chronolens.review.Acknowledgements;
import org.chronolens.config.ConfigText;
import org.chronolens.io.RunLock;
import org.chronolens.io.SpreadsheetSafe;
import org.chronolens.io.UsageException;
import org.chronolens.run.ScanJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Appends one acknowledgement, copying the flag's evidence from the run that showed it, so that a
 * reviewer never types event ids. No Spark: it reads the run's flags as stored (Parquet), not the
 * spreadsheet-safe CSV, whose cells may carry a guard character. The file is appended to under its
 * own lock, so two reviewers acknowledging at once never interleave their lines.
 */
@Command(name = "acknowledge", mixinStandardHelpOptions = true,
        description = {"Records that a flag was reviewed: appends a line to the acknowledgements file, with the evidence "
                + "the flag had in --run. Later scans given the file show the flag as acknowledged until new evidence "
                + "re-opens it."})
final class AcknowledgeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The completed run that showed the flag.")
    private Path run;

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
    private Path file;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        if (!Files.exists(run.resolve("_SUCCESS"))) {
            throw new UsageException(run + " is not a completed run (no _SUCCESS); name a run folder a scan committed");
        }
        String day = (date == null ? LocalDate.now() : date).toString();
        Acknowledgements.check(flag, "(from the run)", reviewer, day, outcome, reason);
        String evidence = evidenceOf(flag);
        // A reason is free text that a spreadsheet would run if it started like a formula.
        String line = line(flag, evidence, reviewer, day, outcome, SpreadsheetSafe.cell(reason.strip()));
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri());
        try (RunLock lock = RunLock.acquire(org.apache.hadoop.fs.FileSystem.getLocal(new Configuration()).getRaw(), target,
                java.util.UUID.randomUUID().toString(), "acknowledgements file " + file)) {
            String existing = Files.exists(file) ? ConfigText.read(file, 64L << 20) : "";
            String prefix = existing.isEmpty() ? header() : existing.endsWith("\n") ? "" : "\n";
            // Validate the file as it will be, before touching it: a refused line is never appended.
            Acknowledgements.parse(new java.io.StringReader(existing + prefix + line), file.toString());
            if (!Files.exists(file)) {
                // Flag keys name cases: the file is its owner's only, like a run's outputs.
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, prefix + line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.say("Acknowledged " + flag + " (evidence " + evidence + ") in " + file);
        return ExitCode.OK;
    }

    /** The flag's evidence as the run stored it, from its flags/ Parquet. */
    private String evidenceOf(String key) {
        java.nio.file.Path folder = run.resolve(ScanJob.FLAGS);
        try (java.util.stream.Stream<java.nio.file.Path> parts = Files.list(folder)) {
            for (java.nio.file.Path part : parts.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                        new org.apache.hadoop.fs.Path(part.toUri())).withConf(new Configuration()).build()) {
                    for (Group g = reader.read(); g != null; g = reader.read()) {
                        if (key.equals(string(g, Columns.FLAG_KEY))) {
                            return string(g, Columns.EVIDENCE_EVENT_IDS);
                        }
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException(run + " has no flags/ folder; name a run folder a scan committed");
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
