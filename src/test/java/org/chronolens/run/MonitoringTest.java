package org.chronolens.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.chronolens.monitor.MetricsHistory;
import org.chronolens.monitor.PastRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** Runs kept in a metrics history, and what the next run says when an extract goes missing or shrinks. */
@org.junit.jupiter.api.Tag("slow")
@ExtendWith(SparkExtension.class)
class MonitoringTest {

    @TempDir
    Path dir;

    /** Health's appointments for forty children, and police's hostile contacts with two families. */
    private Path extracts(String name, int healthRows, boolean police) {
        Path folder = dir.resolve(name);
        List<String> health = new ArrayList<>(List.of(TestFiles.HEADER));
        for (int i = 0; i < healthRows; i++) {
            health.add("F" + (i % 40) + ",C" + (i % 40) + ",H" + i + ",2026-0" + (1 + i % 5) + "-1" + (i % 9)
                    + ",health,appointment,attended,,,,");
        }
        TestFiles.csv(folder, "health.csv", health.toArray(String[]::new));
        if (police) {
            TestFiles.csv(folder, "police.csv", TestFiles.HEADER,
                    "F1,C1,P1,2026-03-02,police,engagement,hostile,,,,",
                    "F2,C2,P2,2026-03-04,police,engagement,hostile,,,,",
                    "F3,C3,P3,2026-03-05,police,contact,no_response,,,,");
        }
        return folder;
    }

    private Cli.Outcome scan(Path input, String asOf, Path history, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "--input", input.toString(), "--as-of", asOf, "--out",
                dir.resolve("out-" + asOf).toString(), "--overwrite", "--no-report", "--history", history.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void anOrdinaryRunHasNoAnomalyAnAgencyMissingInTheNextIsNamedAndAShrunkenExtractIsToo(SparkSession spark)
            throws Exception {
        Path history = dir.resolve("metrics");
        Path usual = extracts("usual", 200, true);
        assertEquals(ExitCode.OK.code(), scan(usual, "2026-06-30", history).code());
        Cli.Outcome second = scan(usual, "2026-07-31", history);
        assertEquals(ExitCode.OK.code(), second.code(), second.all());
        assertFalse(second.err().contains("anomaly"), second.err());
        assertTrue(TestFiles.read(dir.resolve("out-2026-07-31/data-quality.json")).contains("\"anomalies\" : [ ]"));

        Cli.Outcome missing = scan(extracts("no-police", 200, false), "2026-08-31", history);
        assertEquals(ExitCode.OK.code(), missing.code(), "warn is the default policy: " + missing.all());
        assertTrue(missing.err().contains("anomaly: No accepted events from police in this run, where the run of "
                + "2026-07-31 had 3"), missing.err());
        String quality = TestFiles.read(dir.resolve("out-2026-08-31/data-quality.json"));
        assertTrue(quality.contains("\"check\" : \"agency_missing\"") && quality.contains("\"agency\" : \"police\""), quality);

        Cli.Outcome shrunk = scan(extracts("half", 100, true), "2026-09-30", history);
        assertTrue(shrunk.err().contains("anomaly: Health sent 100 accepted events, 50 % of its median of 200"),
                shrunk.err());
        assertFalse(shrunk.err().contains("from police"), "police is back");

        List<PastRun> kept = new MetricsHistory(spark, history.toString()).read();
        assertEquals(List.of("2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30"),
                kept.stream().map(r -> r.asOf().toString()).toList());
        assertEquals(3.0, kept.get(1).value("accepted|agency|police"));
        assertEquals(List.of(), kept.get(0).values().keySet().stream().filter(k -> k.contains("C1") || k.contains("F1"))
                .toList(), "counts only, never an id");
    }

    @Test
    void aHistoryInsideAnInputIsRefusedBeforeAnythingIsRead() {
        Path usual = extracts("usual", 20, true);
        Cli.Outcome r = scan(usual, "2026-06-30", usual.resolve("metrics"));
        assertEquals(ExitCode.USAGE.code(), r.code(), r.all());
        assertTrue(r.err().contains("overlaps the input") && r.err().contains("keep it outside every input"), r.err());
        assertFalse(Files.exists(usual.resolve("metrics")), "nothing kept");
        assertFalse(Files.exists(dir.resolve("out-2026-06-30")), "nothing written");
    }

    @Test
    void underTheFailPolicyAnAnomalyExitsFourCommitsNoFlagsAndKeepsNothing(SparkSession spark) throws Exception {
        Path history = dir.resolve("metrics");
        assertEquals(ExitCode.OK.code(), scan(extracts("usual", 200, true), "2026-06-30", history).code());
        Cli.Outcome gated = scan(extracts("no-police", 200, false), "2026-07-31", history, "--anomaly-policy", "fail");
        assertEquals(ExitCode.QUALITY_CEILING.code(), gated.code(), gated.all());
        assertTrue(gated.err().contains("1 anomalies against the metrics history under --anomaly-policy fail"), gated.err());
        Path out = dir.resolve("out-2026-07-31");
        assertFalse(Files.exists(out.resolve("flags.csv")), "no flags");
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "not a successful run");
        assertTrue(TestFiles.read(out.resolve("data-quality.json")).contains("agency_missing"));
        assertEquals(1, new MetricsHistory(spark, history.toString()).read().size(), "a failed run appends nothing");
    }

    @Test
    void anEntryAKilledRunLeftHalfWrittenIsNeverReadAndTheNextRunAppendsBesideIt(SparkSession spark) throws Exception {
        Path history = dir.resolve("metrics");
        Path usual = extracts("usual", 200, true);
        assertEquals(ExitCode.OK.code(), scan(usual, "2026-06-30", history).code());
        // What a kill between writing an entry and renaming it into place leaves: a hidden, partial entry.
        Path entry;
        try (var entries = Files.list(history)) {
            entry = entries.filter(p -> p.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
        }
        Path half = history.resolve(".run-killed");
        Files.createDirectories(half);
        try (var parts = Files.list(entry)) {
            Path part = parts.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(part);
            Files.write(half.resolve("part-00000.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        }
        Cli.Outcome next = scan(usual, "2026-07-31", history);
        assertEquals(ExitCode.OK.code(), next.code(), next.all());
        assertEquals(List.of("2026-06-30", "2026-07-31"), new MetricsHistory(spark, history.toString()).read().stream()
                .map(r -> r.asOf().toString()).toList());
    }

    @Test
    void aFlagWhoseAgencyWentMissingIsUnseenNotResolved() throws Exception {
        Path root = dir.resolve("weekly");
        Path inputs = dir.resolve("inputs");
        Path usual = extracts("usual", 200, true);
        Files.createDirectories(inputs);
        for (String f : List.of("health.csv", "police.csv")) {
            Files.copy(usual.resolve(f), inputs.resolve(f));
        }
        Path job = TestFiles.csv(dir, "job.yaml", "inputs: [" + inputs + "]", "output_root: " + root, "as_of: 2026-06-30");
        assertEquals(ExitCode.OK.code(), Cli.run("job", job.toString()).code());
        Files.delete(inputs.resolve("police.csv"));
        Cli.Outcome second = Cli.run("job", job.toString(), "--as-of", "2026-07-31");
        assertEquals(ExitCode.OK.code(), second.code(), second.all());
        List<String> changes = Files.readAllLines(root.resolve("runs/as_of=2026-07-31/changes.csv"));
        assertTrue(changes.stream().anyMatch(l -> l.startsWith("unseen (data anomaly),hostility-or-resistance|F1|C1,hostility-or-resistance,F1,C1,")),
                String.join("\n", changes));
        assertFalse(changes.stream().anyMatch(l -> l.startsWith("resolved,hostility-or-resistance,")), "not resolved");
        assertTrue(Files.isDirectory(root.resolve("metrics")), "a job keeps its history beside its runs by default");
        String report = TestFiles.read(root.resolve("runs/as_of=2026-07-31/report/run-details.html"));
        String landing = TestFiles.read(root.resolve("runs/as_of=2026-07-31/report/index.html"));
        assertTrue(landing.contains("No accepted events from police in this run")
                && landing.contains("<a href=\"run-details.html#anomalies\">"), "the landing page warns and leads to the anomalies");
        assertTrue(report.indexOf("Data anomalies: read this before the flags") < report.indexOf("Flags by rule"),
                "the anomaly comes first");
        assertTrue(report.contains("No accepted events from police in this run"), "and names the agency");
        assertTrue(report.contains("<strong>2</strong> unseen"), "the two unseen flags are counted apart");
        assertTrue(report.contains("Accepted events from health, run by run"), "a trend chart per agency");
    }
}
