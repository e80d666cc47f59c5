package org.chronolens.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/** The command line as a user meets it: exit codes, messages, and where the outputs are said to be. */
@ExtendWith(SparkExtension.class)
class MainTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path goodInput() {
        return TestFiles.csv(dir, "in/health.csv", HEADER,
                "F1,C1,E1,2026-01-05,health,appointment,attended,,,,",
                "F1,C1,E2,2026-01-06,health,appointment,nope,,,,");
    }

    /** Was a defect: audit-summary's help made picocli warn about an unescaped '%' on the process's standard error. */
    @Test
    void aPathHadoopCannotParseIsAUsageErrorThatSaysHowToNameIt() {
        org.chronolens.Cli.Outcome o = org.chronolens.Cli.run("audit-summary", "--checklist", "x:y.csv", "--out", dir.resolve("summary").toString());
        assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
        assertTrue(o.err().contains("'x:y.csv' is not a path this tool can read or write"), o.err());
        assertTrue(o.err().contains("Rename the file or folder without ':'"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void everyCommandHasCleanHelp() {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream process = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(process, true));
            for (String command : new String[] {"scan", "report", "validate", "generate", "job", "acknowledge", "sample",
                    "audit-summary", "discover"}) {
                Outcome o = run(command, "--help");
                assertEquals(ExitCode.OK.code(), o.code());
                assertTrue(o.out().contains("Usage: chronolens " + command), o.out());
                assertEquals("", o.err(), command);
            }
        } finally {
            System.setErr(before);
        }
        assertEquals("", process.toString(), "no warning on standard error");
        assertTrue(run("--help").out().contains("4   quarantined share above the ceiling"));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Outcome o = run("validate", "--input", "a.csv", "--out", "o", "--as-off", "2026-01-01");
        assertEquals(ExitCode.USAGE.code(), o.code());
        assertTrue(o.err().contains("Unknown options: '--as-off'") && o.err().contains("Possible solutions: --as-of"), o.err());
    }

    @Test
    void aSuccessfulValidateEndsBySayingWhereItsOutputsAre(SparkSession spark) {
        Path out = dir.resolve("out");
        Outcome o = run("validate", "--input", goodInput().toString(), "--as-of", "2026-10-31", "--out", out.toString(),
                "--quarantine-ceiling", "0.5");
        assertEquals(ExitCode.OK.code(), o.code(), o.err());
        assertTrue(o.out().contains("reconciled: 2 read = 1 accepted + 0 duplicates dropped + 1 quarantined + 0 after as-of"), o.out());
        String[] lines = o.out().strip().split("\n");
        assertTrue(lines[lines.length - 4].startsWith("Outputs in " + out), o.out());
        assertTrue(lines[lines.length - 1].contains("data-quality.json"), o.out());
        assertTrue(o.err().contains("[stage] read"), "one progress line per stage on stderr: " + o.err());
        assertFalse(spark.sparkContext().isStopped(), "a command joining a running Spark leaves it running");
    }

    @Test
    void anIdentifierColumnExitsWithInputRefusedAndWritesNothing() {
        Path in = TestFiles.csv(dir, "in/x.csv", HEADER + ",nhs_number", "F1,C1,E1,2026-01-05,health,appointment,attended,,,,,9434765919");
        Path out = dir.resolve("out");
        Outcome o = run("validate", "--input", in.toString(), "--out", out.toString());
        assertEquals(ExitCode.INPUT_REFUSED.code(), o.code());
        assertTrue(o.err().contains("column 'nhs_number' carries direct identifiers"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace for a data problem");
        assertFalse(Files.exists(out));
    }

    @Test
    void aQuarantineAboveTheCeilingExitsWithItsOwnCode() {
        Outcome o = run("validate", "--input", goodInput().toString(), "--out", dir.resolve("out").toString(),
                "--as-of", "2026-10-31");
        assertEquals(ExitCode.QUALITY_CEILING.code(), o.code());
        assertTrue(o.err().contains("50.00 % of rows were quarantined, above the ceiling of 5.00 %"), o.err());
    }

    @Test
    void anExistingNonEmptyOutputFolderNeedsOverwrite() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "x");
        Outcome o = run("validate", "--input", goodInput().toString(), "--out", out.toString());
        assertEquals(ExitCode.USAGE.code(), o.code());
        assertTrue(o.err().contains("exists and is not empty; choose another --out or add --overwrite"), o.err());
        assertTrue(Files.exists(out.resolve("keep.txt")));
    }

    @Test
    void aBrokenMappingIsAConfigurationErrorWithItsLine() {
        Path mapping = TestFiles.csv(dir, "m.yaml", "columns:", "  case_id: {frm: X}");
        Outcome o = run("validate", "--input", goodInput().toString(), "--out", dir.resolve("out").toString(),
                "--mapping", mapping.toString());
        assertEquals(ExitCode.USAGE.code(), o.code());
        assertTrue(o.err().contains("m.yaml line 2 (columns.case_id): unknown key 'frm'"), o.err());
    }

    @Test
    void aScanEndsBySayingWhereItsReportIs() {
        Path out = dir.resolve("scan");
        Outcome o = run("scan", "--input", goodInput().toString(), "--as-of", "2026-10-31", "--out", out.toString(),
                "--quarantine-ceiling", "0.5");
        assertEquals(ExitCode.OK.code(), o.code(), o.err());
        assertTrue(o.out().contains("Flagged 0 patterns for 0 of 1 subjects:"), o.out());
        String[] lines = o.out().strip().split("\n");
        assertEquals("Report: " + out.resolve("report/index.html"), lines[lines.length - 1]);
        assertTrue(Files.exists(out.resolve("report/index.html")));
    }

    @Test
    void aBadThresholdsFileIsAConfigurationErrorBeforeAnythingIsRead() {
        Path config = TestFiles.csv(dir, "t.yaml", "rules:", "  missed-appointments:", "    count: many");
        Outcome o = run("scan", "--input", goodInput().toString(), "--out", dir.resolve("out").toString(),
                "--config", config.toString());
        assertEquals(ExitCode.USAGE.code(), o.code());
        assertTrue(o.err().contains("t.yaml line 3 (rules.missed-appointments.count): rule missed-appointments, count: "
                + "'many' is not a whole number"), o.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void generateWritesTheChronologyAndGroundTruth() {
        Path out = dir.resolve("gen");
        Outcome o = run("generate", "--cases", "5", "--seed", "3", "--out", out.toString(), "--split-by-agency");
        assertEquals(ExitCode.OK.code(), o.code(), o.err());
        assertTrue(Files.exists(out.resolve("chronology/health.csv")));
        assertTrue(Files.exists(out.resolve("ground-truth.csv")));
        assertTrue(o.out().startsWith("Generated 5 cases"), o.out());
    }

    @Test
    void runningOutOfMemoryIsReportedAsTheEnvironmentWithWhatToChangeAndNoStackTrace() {
        StringWriter err = new StringWriter();
        Exception wrapped = new IllegalStateException("Job aborted due to stage failure",
                new IllegalStateException("task failed", new OutOfMemoryError("Java heap space")));
        int code = Main.handle(wrapped, new Console(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)), null);
        assertEquals(1, code);
        assertTrue(err.toString().contains("out of memory: the run needed more memory than the JVM was given"), err.toString());
        assertTrue(err.toString().contains("CHRONOLENS_JAVA_OPTS"), err.toString());
        assertFalse(err.toString().contains("stack trace"), err.toString());
    }

    @Test
    void anOrdinaryFailureIsStillAnInternalErrorToReport() {
        assertFalse(Main.outOfMemory(new IllegalStateException("boom", new NullPointerException())));
    }

    /** Was a defect: the stack trace of an internal error went to the process's standard error, not the command's. */
    @Test
    void anInternalErrorPrintsItsStackTraceOnTheCommandsOwnStandardError() {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream process = new java.io.ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setErr(new java.io.PrintStream(process, true));
            int code = Main.handle(new IllegalStateException("boom\n" + "x".repeat(5_000)),
                    new Console(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)), null);
            assertEquals(ExitCode.INTERNAL_ERROR.code(), code);
        } finally {
            System.setErr(before);
        }
        assertTrue(err.toString().startsWith("error: internal error: java.lang.IllegalStateException: boom (please report"),
                err.toString().substring(0, 200));
        assertTrue(err.toString().contains("\tat org.chronolens.cli.MainTest"), "the trace is there");
        assertFalse(err.toString().lines().findFirst().orElse("").contains("xxxx"), "the first line stays short");
        assertEquals("", process.toString(), "nothing on the process's standard error");
    }

    /** Was a defect: a command run inside an application changed the application's own session settings. */
    @Test
    void aCommandRunInsideARunningSparkLeavesItsSessionsSettingsAlone(SparkSession spark) {
        String partitions = spark.conf().get("spark.sql.shuffle.partitions");
        String zone = spark.conf().get("spark.sql.session.timeZone");
        Outcome o = run("validate", "--input", goodInput().toString(), "--as-of", "2026-10-31", "--out",
                dir.resolve("out").toString(), "--quarantine-ceiling", "0.9", "--conf", "spark.sql.shuffle.partitions=7",
                "--conf", "spark.sql.session.timeZone=Pacific/Auckland");
        assertEquals(ExitCode.OK.code(), o.code(), o.err());
        assertEquals(partitions, spark.conf().get("spark.sql.shuffle.partitions"));
        assertEquals(zone, spark.conf().get("spark.sql.session.timeZone"));
    }
}
