package org.chronolens.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/** A run never writes into, over or inside what it reads, and --overwrite replaces only an earlier run. */
@ExtendWith(SparkExtension.class)
class OutputPlacementTest {

    @TempDir
    Path dir;

    private Path extracts() {
        TestFiles.csv(dir, "extracts/health.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,attended,,,,");
        return dir.resolve("extracts");
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p) + (Files.isRegularFile(p) ? " " + TestFiles.read(p).hashCode() : ""))
                    .sorted().toList();
        }
    }

    private void assertRefused(String out, String input, String why, boolean overwrite) throws Exception {
        List<String> before = tree(dir);
        Cli.Outcome o = overwrite
                ? Cli.run("scan", "--input", input, "--as-of", "2026-10-31", "--out", out, "--overwrite", "--no-report")
                : Cli.run("scan", "--input", input, "--as-of", "2026-10-31", "--out", out, "--no-report");
        assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
        assertTrue(o.err().contains(why), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertEquals(before, tree(dir), "nothing was written, moved or deleted");
    }

    @Test
    void anOutputOrHistoryOnAnObjectStoreIsRefusedBecauseARunCannotCommitAtomicallyThere() throws Exception {
        Path in = extracts();
        assertRefused("s3a://bucket/runs/sample", in.toString(), "--out s3a://bucket/runs/sample is on an object store "
                + "(s3a://), where a run cannot commit atomically", false);
        assertRefused("abfss://c@account.dfs.core.windows.net/runs", in.toString(), "Write the run to HDFS or a local disk",
                false);
        List<String> before = tree(dir);
        Cli.Outcome o = Cli.run("scan", "--input", in.toString(), "--as-of", "2026-10-31", "--out",
                dir.resolve("out").toString(), "--no-report", "--history", "gs://bucket/metrics");
        assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
        assertTrue(o.err().contains("--history gs://bucket/metrics is on an object store"), o.err());
        assertEquals(before, tree(dir), "nothing was written");
    }

    @Test
    void anOutputThatIsTheInputFolderIsRefusedAndTheInputIsKept() throws Exception {
        Path in = extracts();
        assertRefused(in.toString(), in.toString(), "is the input", true);
    }

    @Test
    void anOutputInsideTheInputFolderIsRefused() throws Exception {
        Path in = extracts();
        assertRefused(in.resolve("out").toString(), in.toString(), "lies inside the input", true);
    }

    @Test
    void anOutputThatHoldsTheInputIsRefused() throws Exception {
        Path in = extracts();
        assertRefused(dir.toString(), in.resolve("health.csv").toString(), "holds the input", true);
    }

    @Test
    void anOutputReachedThroughALinkOrDotsIsSeenForWhatItIs() throws Exception {
        Path in = extracts();
        Path link = Files.createSymbolicLink(dir.resolve("shortcut"), in);
        assertRefused(link.toString(), in.toString(), "is the input", true);
        assertRefused(in.resolve("../extracts/./sub").toString(), in.toString(), "lies inside the input", false);
    }

    @Test
    void anOutputWhosePathRunsThroughAFileIsAUsageErrorNotAnInternalOne() throws Exception {
        Path in = extracts();
        TestFiles.csv(dir, "runs", "a file where a folder was meant");
        // Was a defect: exit 1, "internal error", and Hadoop's FileAlreadyExistsException with its trace.
        assertRefused(dir.resolve("runs/weekly").toString(), in.toString(),
                "--out " + dir.resolve("runs/weekly") + ": " + dir.resolve("runs") + " is a file, not a folder", false);
        assertRefused(dir.resolve("runs/2026/weekly").toString(), in.toString(),
                ": " + dir.resolve("runs") + " is a file, not a folder", false);
    }

    @Test
    void aHistoryWhosePathRunsThroughAFileIsRefusedBeforeAnyWork() throws Exception {
        Path in = extracts();
        TestFiles.csv(dir, "metrics", "a file where a folder was meant");
        List<String> before = tree(dir);
        // Was a defect: the scan ran, then ended with an internal error and Hadoop's trace.
        Cli.Outcome scan = Cli.run("scan", "--input", in.toString(), "--as-of", "2026-10-31", "--out",
                dir.resolve("out").toString(), "--no-report", "--history", dir.resolve("metrics/weekly").toString());
        assertEquals(ExitCode.USAGE.code(), scan.code(), scan.all());
        assertTrue(scan.err().contains("--history " + dir.resolve("metrics/weekly") + ": " + dir.resolve("metrics")
                + " is a file, not a folder; name a folder"), scan.err());
        Cli.Outcome audit = Cli.run("audit-summary", "--checklist", "sample-data/audit/checklist-aud-a.csv", "--out",
                dir.resolve("audit").toString(), "--history", dir.resolve("metrics/audit-history.csv").toString());
        assertEquals(ExitCode.USAGE.code(), audit.code(), audit.all());
        assertTrue(audit.err().contains(dir.resolve("metrics") + " is a file, not a folder"), audit.err());
        assertFalse((scan.err() + audit.err()).contains("\tat "), "no stack trace");
        assertEquals(before, tree(dir), "nothing was written");
    }

    @Test
    void overwriteOverAFolderThatIsNotARunIsRefusedAndLeftAsItWas() throws Exception {
        Path in = extracts();
        Path precious = dir.resolve("precious");
        TestFiles.csv(dir, "precious/notes.txt", "not a run");
        assertRefused(precious.toString(), in.toString(), "is not an earlier chronolens run", true);
        assertEquals("not a run\n", TestFiles.read(precious.resolve("notes.txt")));
    }

    @Test
    void aRunFolderInsideAnInputFolderIsNotReadAsInput(SparkSession spark) throws Exception {
        Path in = extracts();
        Path first = dir.resolve("first");
        assertEquals(ExitCode.OK.code(), Cli.run("scan", "--input", in.toString(), "--as-of", "2026-10-31", "--out",
                first.toString(), "--no-report").code());
        // An analyst moves the run under the extracts folder; the next scan must not read its CSVs.
        Files.move(first, in.resolve("last-week"));
        Cli.Outcome o = Cli.run("validate", "--input", in.toString(), "--as-of", "2026-10-31", "--out",
                dir.resolve("second").toString());
        assertEquals(ExitCode.OK.code(), o.code(), o.all());
        assertTrue(o.out().contains("Validated 1 rows from 1 files"), o.out());
        Cli.Outcome named = Cli.run("validate", "--input", in.resolve("last-week").toString(), "--as-of", "2026-10-31",
                "--out", dir.resolve("third").toString());
        assertEquals(ExitCode.INPUT_REFUSED.code(), named.code());
        assertTrue(named.err().contains("is a chronolens run folder, not an extract"), named.err());
    }
}
