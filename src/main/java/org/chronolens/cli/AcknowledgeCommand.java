package org.chronolens.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.chronolens.io.HadoopConf;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.io.TextFiles;
import org.chronolens.io.UsageException;
import org.chronolens.review.AcknowledgementLog;
import org.chronolens.review.Acknowledgements;
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
            description = "One of: ${COMPLETION-CANDIDATES}.", completionCandidates = AcknowledgeCommand.Outcomes.class)
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
        AcknowledgementLog.Appended done = new AcknowledgementLog(files, file).append(
                new AcknowledgementLog.Request(run, flag, reviewer, day, outcome, reason), Duration.ZERO);
        console.say("Acknowledged " + flag + " (evidence " + done.evidence() + ") in " + file);
        return ExitCode.OK.code();
    }

    /** The outcomes for --help, from the one list the file is checked against. */
    static final class Outcomes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Acknowledgements.OUTCOMES.iterator();
        }
    }
}
