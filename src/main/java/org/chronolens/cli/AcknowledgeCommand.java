package org.chronolens.cli;

import java.io.IOException;
import java.io.Reader;
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
import org.apache.commons.csv.CSVRecord;
import org.chronolens.audit.Acknowledgements;
import org.chronolens.ingest.InputRefusedException;
import org.chronolens.io.UsageException;
import org.chronolens.run.ScanJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Appends one acknowledgement, copying the flag's evidence from the run that showed it, so that a
 * reviewer never types event ids. No Spark: it reads one run's flags.csv as a stream.
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
        String line = line(flag, evidence, reviewer, day, outcome, reason);
        String existing = Files.exists(file) ? read(file) : "";
        String prefix = existing.isEmpty() ? header() : existing.endsWith("\n") ? "" : "\n";
        // Validate the file as it will be, before touching it: a refused line is never appended.
        Acknowledgements.parse(new java.io.StringReader(existing + prefix + line), file.toString());
        try {
            Files.writeString(file, prefix + line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.say("Acknowledged " + flag + " (evidence " + evidence + ") in " + file);
        return ExitCode.OK;
    }

    private String evidenceOf(String key) {
        Path flags = run.resolve(ScanJob.FLAGS_CSV);
        try (Reader in = Files.newBufferedReader(flags, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (r.get("flag_key").equals(key)) {
                    return r.get("evidence_event_ids");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new InputRefusedException("flag '" + key + "' is not in " + flags
                + "; copy the key from the flag_key column or the child's page of that run's report");
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

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
