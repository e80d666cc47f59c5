package org.chronolens.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** A job definition run on two as-of dates: runs land by date, and the second says what changed. */
@ExtendWith(SparkExtension.class)
class JobCommandTest {

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void theSecondRunMarksFlagsNewContinuingOrResolvedAndItsReportSaysWhatChanged(SparkSession spark) throws Exception {
        Path root = dir.resolve("weekly");
        Path job = TestFiles.csv(dir, "job.yaml", "command: scan", "inputs: [sample-data/chronology]",
                "output_root: " + root, "as_of: 2026-08-31");
        assertEquals(ExitCode.OK, run("job", job.toString()));
        assertEquals(ExitCode.OK, run("job", job.toString(), "--as-of", "2026-10-31"));

        Path first = root.resolve("runs/as_of=2026-08-31");
        Path second = root.resolve("runs/as_of=2026-10-31");
        assertTrue(Files.exists(first.resolve("_SUCCESS")) && Files.exists(second.resolve("_SUCCESS")));
        assertFalse(Files.exists(first.resolve("changes.csv")), "the first run has nothing to compare with");
        List<String> changes = Files.readAllLines(second.resolve("changes.csv"));
        assertEquals("change,rule_id,case_id,subject_id,previous_window_end,window_end,explanation", changes.get(0));
        for (String status : List.of("new", "continuing", "resolved")) {
            assertTrue(changes.stream().anyMatch(l -> l.startsWith(status + ",")), status + " missing");
        }
        long flagsNow = Files.readAllLines(second.resolve("flags.csv")).size() - 1;
        assertEquals(flagsNow, changes.stream().filter(l -> l.startsWith("new,") || l.startsWith("continuing,")).count(),
                "every current flag is new or continuing");
        assertTrue(TestFiles.read(second.resolve("report/index.html")).contains("What changed since the previous run"));
        assertTrue(TestFiles.read(second.resolve("manifest.json")).contains("\"previous_run\""));
    }

    @Test
    void mistakesInAJobDefinitionAreConfigurationErrorsWithTheirLine() {
        StringWriter err = new StringWriter();
        Path unknown = TestFiles.csv(dir, "bad.yaml", "command: scan", "inptus: [x]");
        assertEquals(ExitCode.USAGE, Main.run(new String[] {"job", unknown.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("bad.yaml line 2: unknown key 'inptus'"), err.toString());
        for (String line : List.of("pii_policy: shred", "quarantine_ceiling: five percent")) {
            StringWriter e = new StringWriter();
            Path job = TestFiles.csv(dir, "j.yaml", "inputs: [x]", "output_root: out", line);
            assertEquals(ExitCode.USAGE, Main.run(new String[] {"job", job.toString()},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(e, true)), line);
            assertTrue(e.toString().contains("j.yaml line 3"), e.toString());
            assertFalse(e.toString().contains("\tat "), "no stack trace: " + e);
        }
    }
}
