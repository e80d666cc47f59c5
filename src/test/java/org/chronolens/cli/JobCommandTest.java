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
@org.junit.jupiter.api.Tag("slow")
@ExtendWith(SparkExtension.class)
class JobCommandTest {

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void threeSuccessiveRunsMarkFlagsNewContinuingOrResolvedAndAcknowledgementsHoldUntilNewEvidence(SparkSession spark)
            throws Exception {
        Path root = dir.resolve("weekly");
        Path acks = dir.resolve("acknowledgements.csv");
        // Health's file of late-entered records: empty until the third run.
        Path late = TestFiles.csv(dir.resolve("late-records"), "health-late.csv", TestFiles.HEADER).getParent();
        Path job = TestFiles.csv(dir, "job.yaml", "command: scan", "inputs: [sample-data/chronology, " + late + "]",
                "output_root: " + root, "as_of: 2026-06-30", "acknowledgements: " + acks);
        Path first = root.resolve("runs/as_of=2026-06-30");
        Path second = root.resolve("runs/as_of=2026-08-31");
        Path third = root.resolve("runs/as_of=2026-10-31");

        assertEquals(ExitCode.OK.code(), run("job", job.toString()));
        assertFalse(Files.exists(first.resolve("changes.csv")), "the first run has nothing to compare with");
        assertEquals(ExitCode.OK.code(), run("job", job.toString(), "--as-of", "2026-08-31"));
        // A reviewer acknowledges every missed-appointments flag the second run showed.
        List<String> reviewed = Files.readAllLines(second.resolve("flags.csv")).stream()
                .filter(l -> l.startsWith("missed-appointments|")).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertFalse(reviewed.isEmpty());
        for (String key : reviewed) {
            assertEquals(ExitCode.OK.code(), run("acknowledge", "--run", second.toString(), "--flag", key, "--reviewer",
                    "rev-07", "--outcome", "no-action-needed", "--reason", "Discussed at supervision",
                    "--date", "2026-09-02", "--file", acks.toString()));
        }
        // Before the third run, health's extract brings two records it entered late: an information share, so
        // the flag that said health held the pattern alone resolves; and a missed appointment on the last day
        // of an acknowledged flag's window, new evidence that re-opens it.
        List<String> secondFlags = Files.readAllLines(second.resolve("flags.csv"));
        String[] held = secondFlags.stream()
                .filter(l -> l.startsWith("pattern-held-by-one-agency|") && l.contains("all recorded by health,"))
                .findFirst().orElseThrow().split(",");
        String[] missed = secondFlags.stream().filter(l -> l.startsWith(reviewed.get(0) + ","))
                .findFirst().orElseThrow().split(",");
        TestFiles.csv(late, "health-late.csv", TestFiles.HEADER,
                held[3] + ",," + held[3] + "-LATE1," + held[6] + ",health,information_shared,,,,social_care,",
                missed[3] + "," + missed[4] + "," + missed[3] + "-LATE2," + missed[6] + ",health,appointment,was_not_brought,,,,");
        assertEquals(ExitCode.OK.code(), run("job", job.toString(), "--as-of", "2026-10-31"));
        assertTrue(Files.readAllLines(third.resolve("changes.csv")).stream()
                .anyMatch(l -> l.startsWith("resolved,pattern-held-by-one-agency|" + held[3] + "|")
                        && l.contains(",pattern-held-by-one-agency," + held[3] + ",")), String.join(",", held));

        for (Path later : List.of(second, third)) {
            List<String> changes = Files.readAllLines(later.resolve("changes.csv"));
            assertEquals("change,flag_key,rule_id,case_id,subject_id,previous_window_end,window_end,explanation",
                    changes.get(0));
            for (String status : later.equals(second) ? List.of("new", "continuing") : List.of("new", "continuing", "resolved")) {
                assertTrue(changes.stream().anyMatch(l -> l.startsWith(status + ",")), status + " missing in " + later);
            }
            long flagsNow = Files.readAllLines(later.resolve("flags.csv")).size() - 1;
            assertEquals(flagsNow, changes.stream().filter(l -> l.startsWith("new,") || l.startsWith("continuing,"))
                    .count(), "every current flag is new or continuing");
            assertTrue(TestFiles.read(later.resolve("report/run-details.html")).contains("What changed since the previous run"));
            assertTrue(TestFiles.read(later.resolve("report/index.html")).contains("<strong>Since the previous run:</strong>"));
        }
        assertTrue(TestFiles.read(third.resolve("manifest.json")).contains("\"previous_run\" : \"" + second));

        List<String> flags = Files.readAllLines(third.resolve("flags.csv"));
        long acknowledged = flags.stream().filter(l -> l.endsWith(",acknowledged")).count();
        long reopened = flags.stream().filter(l -> l.endsWith(",reopened")).count();
        assertTrue(acknowledged > 0 && reopened > 0, acknowledged + " acknowledged, " + reopened + " re-opened");
        assertTrue(acknowledged + reopened <= reviewed.size());
        assertTrue(flags.stream().anyMatch(l -> l.startsWith(reviewed.get(0) + ",") && l.endsWith(",reopened")),
                reviewed.get(0) + " has new evidence");
        assertTrue(flags.stream().filter(l -> l.endsWith(",acknowledged") || l.endsWith(",reopened"))
                .allMatch(l -> l.startsWith("missed-appointments|")), "only the acknowledged rule's flags are reviewed");
        List<String> trail = Files.readAllLines(third.resolve("acknowledgements.csv"));
        assertEquals("line,flag_key,reviewer,date,outcome,reason,status", trail.get(0));
        assertEquals(reviewed.size(), trail.size() - 1, "every acknowledgement is in the audit trail");
        assertTrue(trail.stream().anyMatch(l -> l.contains(",reopened by new evidence ")));
        String report = TestFiles.read(third.resolve("report/run-details.html"));
        assertTrue(report.contains("Reviews: acknowledgements audit trail"));
        assertTrue(report.contains(acknowledged + "</strong> still in force"), "the report counts them");

        // The monthly audit samples the latest successful run on or before its date.
        Path audits = dir.resolve("audits");
        Path audit = TestFiles.csv(dir, "audit.yaml", "command: sample", "runs_root: " + root, "output_root: " + audits,
                "as_of: 2026-09-15", "seed: 7", "size: 2");
        assertEquals(ExitCode.OK.code(), run("job", audit.toString()));
        Path pack = audits.resolve("samples/as_of=2026-08-31");
        assertTrue(Files.exists(pack.resolve("_SUCCESS")) && Files.exists(pack.resolve("checklist.csv")));
        assertTrue(TestFiles.read(pack.resolve("sample-manifest.json")).contains("\"run_as_of\" : \"2026-08-31\""));
    }

    @Test
    void mistakesInAJobDefinitionAreConfigurationErrorsWithTheirLine() {
        StringWriter err = new StringWriter();
        Path unknown = TestFiles.csv(dir, "bad.yaml", "command: scan", "inptus: [x]");
        assertEquals(ExitCode.USAGE.code(), Main.run(new String[] {"job", unknown.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("bad.yaml line 2: unknown key 'inptus'"), err.toString());
        for (String line : List.of("pii_policy: shred", "quarantine_ceiling: five percent")) {
            StringWriter e = new StringWriter();
            Path job = TestFiles.csv(dir, "j.yaml", "inputs: [x]", "output_root: out", line);
            assertEquals(ExitCode.USAGE.code(), Main.run(new String[] {"job", job.toString()},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(e, true)), line);
            assertTrue(e.toString().contains("j.yaml line 3"), e.toString());
            assertFalse(e.toString().contains("\tat "), "no stack trace: " + e);
        }
    }

    @Test
    void aMalformedAcknowledgementsFileRefusesTheRunBeforeAnythingIsWritten() {
        Path acks = TestFiles.csv(dir, "acks.csv", "flag_key,evidence_event_ids,reviewer,date,outcome,reason",
                "missed-appointments|C1|C1-C1,E1,rev-07,yesterday,action-taken,Seen");
        Path root = dir.resolve("weekly");
        Path job = TestFiles.csv(dir, "job.yaml", "inputs: [sample-data/chronology]", "output_root: " + root,
                "as_of: 2026-10-31", "acknowledgements: " + acks);
        StringWriter err = new StringWriter();
        assertEquals(ExitCode.USAGE.code(), Main.run(new String[] {"job", job.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("acks.csv line 2: date 'yesterday' is not a date (yyyy-MM-dd)"), err.toString());
        assertFalse(Files.exists(root), "nothing was written");
    }
}
