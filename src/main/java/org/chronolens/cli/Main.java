package org.chronolens.cli;

import org.chronolens.util.Version;
import java.io.PrintWriter;

import org.chronolens.config.ConfigException;
import org.chronolens.ingest.InputRefusedException;
import org.chronolens.io.EnvironmentFailure;
import org.chronolens.io.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code chronolens <command> [options]}. */
@Command(name = "chronolens",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Flags patterns in anonymised multi-agency safeguarding chronologies, for professional reflection.",
        subcommands = {ScanCommand.class, ReportCommand.class, JobCommand.class, AcknowledgeCommand.class, ServeCommand.class, SampleCommand.class, AuditSummaryCommand.class, DiscoverCommand.class, ValidateCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class Main {

    private static final org.chronolens.check.PiiScanner PII = new org.chronolens.check.PiiScanner();

    public static void main(String[] args) {
        // MLlib's BLAS would try a native library first and print an error where none is installed.
        if (System.getProperty("dev.ludovic.netlib.blas.allowNative") == null) {
            System.setProperty("dev.ludovic.netlib.blas.allowNative", "false");
        }
        PrintWriter err = new PrintWriter(System.err, true);
        ExitGuard.install(err);
        ExitGuard.exit(run(args, new PrintWriter(System.out, true), err));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpList());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, new Console(out, err),
                outputOf(parseResult)));
        return cli.execute(args);
    }

    /** The {@code --out} the command line gave, if it gave one: where a failed write is said to be when nothing else says. */
    private static String outputOf(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.hasMatchedOption("--out") ? String.valueOf((Object) leaf.matchedOptionValue("--out", null)) : null;
    }

    static int handle(Exception e, Console console, String out) {
        if (e instanceof UsageException || e instanceof ConfigException) {
            console.error(e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (e instanceof InputRefusedException) {
            console.error(e.getMessage());
            return ExitCode.INPUT_REFUSED.code();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.URISyntaxException bad) {
                // A path Hadoop cannot parse, such as x:y.csv (the part before ':' reads as a file system).
                console.error("'" + bad.getInput() + "' is not a path this tool can read or write (" + bad.getReason()
                        + "): Hadoop, which reads and writes every file here, takes a ':' in a name for a file "
                        + "system such as hdfs:. Rename the file or folder without ':', or give a whole URI such as "
                        + "hdfs://namenode:8020/...");
                return ExitCode.USAGE.code();
            }
        }
        java.util.Optional<EnvironmentFailure> environment = EnvironmentFailure.of(e);
        if (environment.isPresent()) {
            console.error(PII.redact(environment.get().message(out)));
            return ExitCode.ENVIRONMENT.code();
        }
        String unreadable = unreadableInput(e);
        if (unreadable != null) {
            console.error("input refused: " + unreadable + " could not be read (damaged, truncated, or not what its "
                    + "name says). Nothing was committed; export the file again and run again");
            return ExitCode.INPUT_REFUSED.code();
        }
        if (outOfMemory(e)) {
            // The environment, not a bug: say what to change instead of printing Spark's stack trace.
            console.error("out of memory: the run needed more memory than the JVM was given (CHRONOLENS_JAVA_OPTS, "
                    + "default -Xmx4g). Nothing was committed; an earlier run in the output folder is untouched. "
                    + "Give it more, e.g. CHRONOLENS_JAVA_OPTS=\"-Xmx8g -XX:+UseParallelGC\", or run on a cluster "
                    + "(jobs/run --master ...)");
            return ExitCode.INTERNAL_ERROR.code();
        }
        console.error("internal error: " + summary(e) + " (please report it with the stack trace below; it holds no "
                + "event data)");
        console.trace(e);
        return ExitCode.INTERNAL_ERROR.code();
    }

    /** The exception's class and the first line of its message, short: Spark's can run to pages. */
    static String summary(Throwable e) {
        String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return e.getClass().getName() + ": " + (m.length() > 200 ? m.substring(0, 200) + "..." : m);
    }

    /** The input file Spark failed to read, anywhere in the cause chain, as messages name files; or null. */
    static String unreadableInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.spark.SparkThrowable st && String.valueOf(st.getCondition()).startsWith("FAILED_READ_FILE")) {
                String path = st.getMessageParameters().getOrDefault("path", "an input file");
                String local = path.startsWith("file:") ? java.net.URI.create(path).getPath() : path;
                java.nio.file.Path cwd = java.nio.file.Paths.get("").toAbsolutePath();
                if (local.startsWith(cwd + "/")) {
                    local = local.substring(cwd.toString().length() + 1);
                }
                return new org.chronolens.check.PiiScanner().redact(local);
            }
        }
        return null;
    }

    /** A JVM or Spark out-of-memory error anywhere in the cause chain (Spark wraps executors' errors). */
    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError || t instanceof org.apache.spark.memory.SparkOutOfMemoryError
                    || String.valueOf(t.getMessage()).contains("OUT_OF_MEMORY")) {
                return true;
            }
        }
        return false;
    }
}
