package org.chronolens.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.io.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/** acknowledge copies the evidence as the run stored it, writes a spreadsheet-safe line, and appends under a lock. */
@ExtendWith(SparkExtension.class)
class AcknowledgeCommandTest {

    @TempDir
    Path dir;

    private Path run() {
        Path in = TestFiles.csv(dir, "in/health.csv", HEADER,
                "F1,C1,E1,2026-01-01,health,appointment,was_not_brought,,,,",
                "F1,C1,E2,2026-01-10,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-01-20,health,appointment,was_not_brought,,,,");
        Path run = dir.resolve("run");
        Cli.Outcome o = Cli.run("scan", "--input", in.toString(), "--as-of", "2026-10-31", "--out", run.toString(),
                "--no-report");
        assertEquals(ExitCode.OK.code(), o.code(), o.all());
        return run;
    }

    @Test
    void theEvidenceComesFromTheRunsParquetAndTheReasonIsSafeInASpreadsheet(SparkSession spark) throws Exception {
        Path run = run();
        Files.delete(run.resolve("flags.csv")); // the spreadsheet copy is not what acknowledge reads
        Path acks = dir.resolve("acks.csv");
        Cli.Outcome o = Cli.run("acknowledge", "--run", run.toString(), "--flag", "missed-appointments|F1|C1",
                "--reviewer", "rev-07", "--outcome", "no-action-needed", "--reason", "=HYPERLINK(\"http://x\")",
                "--date", "2026-10-31", "--file", acks.toString());
        assertEquals(ExitCode.OK.code(), o.code(), o.all());
        String line = TestFiles.read(acks).lines().skip(1).findFirst().orElseThrow();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(acks)),
                "a new acknowledgements file is its owner's only");
        assertTrue(line.startsWith("missed-appointments|F1|C1,E1;E2;E3,rev-07,2026-10-31,no-action-needed,"), line);
        assertTrue(line.endsWith(",\"'=HYPERLINK(\"\"http://x\"\")\""), "the reason cannot run as a formula: " + line);

        Cli.Outcome scan = Cli.run("scan", "--input", dir.resolve("in").toString(), "--as-of", "2026-10-31", "--out",
                dir.resolve("run2").toString(), "--no-report", "--acknowledgements", acks.toString());
        assertEquals(ExitCode.OK.code(), scan.code(), scan.all());
        assertTrue(scan.out().contains("Reviewed: 1 acknowledged, 0 re-opened"), "the acknowledgement holds: " + scan.out());

        // Before its first line the file is still named, so that serve appends to it for the first review.
        Path first = dir.resolve("first.csv");
        Cli.Outcome empty = Cli.run("scan", "--input", dir.resolve("in").toString(), "--as-of", "2026-10-31", "--out",
                dir.resolve("run3").toString(), "--no-report", "--acknowledgements", first.toString());
        assertEquals(ExitCode.OK.code(), empty.code(), empty.all());
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("run3/manifest.json").toFile());
        assertEquals(first.toString(), manifest.path("acknowledgements").asText(), manifest.toString());
        assertTrue(manifest.path("acknowledgements_sha256").isMissingNode(), "no file, no hash: " + manifest);
        assertFalse(Files.exists(first), "reading a file that is not there creates nothing");

        String tomorrow = java.time.LocalDate.now().plusDays(1).toString();
        Cli.Outcome ahead = Cli.run("acknowledge", "--run", run.toString(), "--flag", "missed-appointments|F1|C1",
                "--reviewer", "rev-07", "--outcome", "no-action-needed", "--reason", "Seen", "--date", tomorrow,
                "--file", acks.toString());
        assertEquals(ExitCode.USAGE.code(), ahead.code(), ahead.all());
        assertTrue(ahead.err().contains("--date " + tomorrow + " is after today"), ahead.err());
        assertEquals(2, TestFiles.read(acks).lines().count(), "nothing was added");

        // Was a defect: a --file inside what is a file ended with an internal error and Hadoop's trace.
        Cli.Outcome through = Cli.run("acknowledge", "--run", run.toString(), "--flag", "missed-appointments|F1|C1",
                "--reviewer", "rev-07", "--outcome", "no-action-needed", "--reason", "Seen", "--file",
                acks.resolve("more.csv").toString());
        assertEquals(ExitCode.USAGE.code(), through.code(), through.all());
        assertTrue(through.err().contains(": " + acks + " is a file, not a folder; name a folder"), through.err());
        assertFalse(through.err().contains("\tat "), through.err());
    }

    @Test
    void aReasonOverSeveralLinesReachesTheReportAndAControlCharacterIsRefused(SparkSession spark) throws Exception {
        Path run = run();
        Path acks = dir.resolve("acks.csv");
        Cli.Outcome o = Cli.run("acknowledge", "--run", run.toString(), "--flag", "missed-appointments|F1|C1",
                "--reviewer", "rev-07", "--outcome", "discussed-in-supervision", "--reason",
                "Discussed with the team.\nWill revisit at the next core group.", "--date", "2026-10-31",
                "--file", acks.toString());
        assertEquals(ExitCode.OK.code(), o.code(), o.all());
        Cli.Outcome escape = Cli.run("acknowledge", "--run", run.toString(), "--flag", "missed-appointments|F1|C1",
                "--reviewer", "rev-07", "--outcome", "no-action-needed", "--reason", "ab\u001bc", "--file", acks.toString());
        assertEquals(ExitCode.USAGE.code(), escape.code(), escape.all());
        assertTrue(escape.err().contains("reason holds a control character (code 27)"), escape.err());

        // Was a defect: the run's review trail was read one physical line a row, and a reason over
        // two lines ended every later scan with an internal error.
        Cli.Outcome scan = Cli.run("scan", "--input", dir.resolve("in").toString(), "--as-of", "2026-10-31", "--out",
                dir.resolve("run2").toString(), "--acknowledgements", acks.toString());
        assertEquals(ExitCode.OK.code(), scan.code(), scan.all());
        assertTrue(scan.out().contains("Reviewed: 1 acknowledged"), scan.out());
        String page = TestFiles.read(dir.resolve("run2/report/subjects/F1/C1.html"));
        assertTrue(page.contains("Will revisit at the next core group."), "the reason, both lines, on the child's page");
        assertTrue(TestFiles.read(dir.resolve("run2/report/children-to-review.js")).contains("acknowledged by rev-07"),
                "the landing row says who reviewed");
    }

    @Test
    void twoReviewersAppendingAtOnceAreSerialised(SparkSession spark) throws Exception {
        Path run = run();
        Path acks = dir.resolve("acks.csv");
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(acks.toUri());
        try (RunLock other = RunLock.acquire(FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()).getRaw(),
                target, "reviewer-session", "acknowledgements file " + acks)) {
            Cli.Outcome o = Cli.run("acknowledge", "--run", run.toString(), "--flag", "missed-appointments|F1|C1",
                    "--reviewer", "rev-07", "--outcome", "no-action-needed", "--reason", "Seen", "--file", acks.toString());
            assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
            assertTrue(o.err().contains("is in use by run reviewer-session"), o.err());
            assertFalse(Files.exists(acks), "nothing was appended");
        }
    }
}
