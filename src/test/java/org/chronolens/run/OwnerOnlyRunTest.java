package org.chronolens.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.chronolens.ChildJvm;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Under umask 022, as on most machines, everything a run writes is its owner's only, and Spark's
 * scratch space lives in an owner-only folder that the run removes (and the next run removes after
 * a kill).
 */
@org.junit.jupiter.api.Tag("slow")
class OwnerOnlyRunTest {

    @TempDir
    Path dir;

    private static final Path SCRATCH = Path.of(System.getProperty("java.io.tmpdir"),
            "chronolens-" + System.getProperty("user.name"));

    private static List<Path> scratchOf(long pid) throws Exception {
        if (!Files.isDirectory(SCRATCH)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(SCRATCH)) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-" + pid + "-")).toList();
        }
    }

    @Test
    void everyFileARunWritesIsOwnerOnlyAndItsScratchSpaceIsRemoved() throws Exception {
        // A run killed mid-way leaves its scratch folder (nothing runs at a kill -9) ...
        Process killed = ChildJvm.start(ChildJvm.chronolens(null, "022", "scan", "--input", "sample-data/chronology",
                "--as-of", "2026-10-31", "--out", dir.resolve("killed").toString(), "--no-report")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        List<String> seen = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(killed.getErrorStream(), StandardCharsets.UTF_8))) {
            // The scratch folder exists from the moment Spark has started.
            for (String line = err.readLine(); line != null && !line.startsWith("[stage] spark"); line = err.readLine()) {
                seen.add(line);
            }
            assertEquals(1, scratchOf(killed.pid()).size(), "the live run has its scratch folder: " + seen);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(SCRATCH)));
            killed.destroyForcibly();
            assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(1, scratchOf(killed.pid()).size(), "a kill leaves it");

        // ... which the next run removes; its own it removes at its end.
        Path in = TestFiles.csv(dir, "in/health.csv", HEADER,
                "F1,C1,E1,2026-01-01,health,appointment,was_not_brought,,,,",
                "F1,C1,E2,2026-01-10,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-01-20,health,appointment,was_not_brought,,,,",
                "F1,C1,E4,2026-01-21,health,appointment,nope,,,,");
        Path out = dir.resolve("runs/weekly");
        Process run = ChildJvm.start(ChildJvm.chronolens(null, "022", "scan", "--input", in.toString(), "--as-of",
                "2026-10-31", "--out", out.toString(), "--quarantine-ceiling", "0.5", "--discover")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        assertTrue(run.waitFor(120, TimeUnit.SECONDS));
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK, run.exitValue(), err);
        // Was a defect: every run printed the JVM's incubator-module notice, MLlib's native BLAS
        // error and PrefixSpan's warnings. Standard error holds the stage lines and real problems.
        assertEquals(List.of(), err.lines().filter(l -> !l.startsWith("[stage] ")).toList(), "standard error: " + err);
        assertEquals(List.of(), scratchOf(killed.pid()), "the killed run's scratch folder was removed");
        assertEquals(List.of(), scratchOf(run.pid()), "the run removed its own");

        List<String> loose = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(dir.resolve("runs"))) {
            for (Path p : all.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                files += Files.isRegularFile(p) ? 1 : 0;
                if (!perms.equals(Files.isDirectory(p) ? "rwx------" : "rw-------")) {
                    loose.add(perms + " " + dir.relativize(p));
                }
            }
        }
        assertTrue(files > 20, "the run wrote its outputs and report: " + files + " files");
        assertEquals(List.of(), loose, "files and folders that others could read");
    }
}
