package org.chronolens.run;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.chronolens.ChildJvm;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/** One 300 MB notes field, under a 1 GB heap: quarantined as too_long at its line, and the run goes on. */
@org.junit.jupiter.api.Tag("slow")
class HugeFieldTest {

    @TempDir
    Path dir;

    @Test
    void aThreeHundredMegabyteFieldIsQuarantinedAndTheRunGoesOnUnderOneGigabyteOfHeap() throws Exception {
        Path in = dir.resolve("in/health.csv");
        Files.createDirectories(in.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            w.write("F1,C1,E1,2026-01-01,health,appointment,attended,,,,before\n");
            w.write("F1,C1,E2,2026-01-02,health,appointment,attended,,,,\"");
            char[] chunk = "a note that never ends, ".repeat(1 << 12).toCharArray();
            for (long written = 0; written < 300L << 20; written += chunk.length) {
                w.write(chunk);
            }
            w.write("\"\n");
            w.write("F1,C1,E3,2026-01-03,health,appointment,attended,,,,after\n");
        }
        Path out = dir.resolve("out");
        Process run = ChildJvm.start(ChildJvm.chronolens("1g", null, "scan", "--input", in.toString(), "--as-of",
                "2026-10-31", "--out", out.toString(), "--no-report", "--quarantine-ceiling", "0.5"));
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "finished");
        String stdout = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK.code(), run.exitValue(), stdout + err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        assertTrue(stdout.contains("quarantine by reason: too_long 1"), stdout);
        String quarantine = TestFiles.read(out.resolve("quarantine.csv"));
        assertTrue(quarantine.contains("health.csv,3,too_long,"), quarantine.substring(0, Math.min(400, quarantine.length())));
        assertTrue(quarantine.length() < 20_000, "the quarantined row is cut, not copied: " + quarantine.length());
        String quality = TestFiles.read(out.resolve("data-quality.json"));
        assertTrue(quality.contains("\"accepted\" : 2,"), "E1 and E3 accepted: " + quality);
    }
}
