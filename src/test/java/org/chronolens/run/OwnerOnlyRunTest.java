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

    /** The runs' JVMs' temporary folder: Spark's, the JVM's and the libraries' scratch goes nowhere else. */
    private Path tmp() throws Exception {
        return Files.createDirectories(dir.resolve("tmp"));
    }

    private Path scratch() throws Exception {
        return tmp().resolve("chronolens-" + System.getProperty("user.name"));
    }

    private List<Path> scratchOf(long pid) throws Exception {
        if (!Files.isDirectory(scratch())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(scratch())) {
            return s.filter(p -> p.getFileName().toString().startsWith("run-" + pid + "-")).toList();
        }
    }

    private Path tinyInput() {
        return TestFiles.csv(dir, "in/health.csv", HEADER,
                "F1,C1,E1,2026-01-01,health,appointment,was_not_brought,,,,",
                "F1,C1,E2,2026-01-10,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-01-20,health,appointment,was_not_brought,,,,",
                "F1,C1,E4,2026-01-21,health,appointment,nope,,,,");
    }

    /** Everything in the runs' temporary folder but their (empty) scratch folder. */
    private List<Path> leftInTmp() throws Exception {
        Path tmp = tmp();
        Path scratch = scratch();
        try (Stream<Path> left = Files.walk(tmp)) {
            return left.filter(p -> !p.equals(tmp) && !p.equals(scratch)).toList();
        }
    }

    @Test
    void aKilledRunLeavesItsScratchFolderAndTheNextRunRemovesIt() throws Exception {
        Path in = tinyInput();
        Process killed = ChildJvm.start(ChildJvm.withTmpdir(ChildJvm.chronolens(null, "022", "scan", "--input",
                in.toString(), "--as-of", "2026-10-31", "--out", dir.resolve("killed").toString(), "--no-report",
                "--quarantine-ceiling", "0.5").redirectOutput(ProcessBuilder.Redirect.DISCARD), tmp()));
        List<String> seen = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(killed.getErrorStream(), StandardCharsets.UTF_8))) {
            // Killed once Spark has run queries (its session has made its own folders by then).
            for (String line = err.readLine(); line != null && !line.startsWith("[stage] read"); line = err.readLine()) {
                seen.add(line);
            }
            assertEquals(1, scratchOf(killed.pid()).size(), "the live run has its scratch folder: " + seen);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch())));
            killed.destroyForcibly();
            assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(1, scratchOf(killed.pid()).size(), "nothing runs at a kill -9: the scratch folder is left");

        // Any command that starts Spark removes the scratch folders of processes that no longer run.
        Process next = ChildJvm.start(ChildJvm.withTmpdir(ChildJvm.chronolens(null, "022", "validate", "--input",
                in.toString(), "--as-of", "2026-10-31", "--out", dir.resolve("validated").toString(),
                "--quarantine-ceiling", "0.5").redirectOutput(ProcessBuilder.Redirect.DISCARD), tmp()));
        assertTrue(next.waitFor(120, TimeUnit.SECONDS));
        assertEquals(ExitCode.OK.code(), next.exitValue(), new String(next.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(), scratchOf(killed.pid()), "the killed run's scratch folder was removed");
        // Was a defect: Spark made its session's artifacts folder (and the compression libraries
        // their native code) in the JVM's temporary folder, under the umask, and a kill left them.
        assertEquals(List.of(), leftInTmp(), "the temporary folder holds nothing but the scratch folder");
    }

    @Test
    void everyFileARunWritesIsOwnerOnlyItsScratchSpaceIsRemovedAndStandardErrorHoldsOnlyItsStages() throws Exception {
        Path out = dir.resolve("runs/weekly");
        Process run = ChildJvm.start(ChildJvm.withTmpdir(ChildJvm.chronolens(null, "022", "scan", "--input",
                tinyInput().toString(), "--as-of", "2026-10-31", "--out", out.toString(), "--quarantine-ceiling", "0.5",
                "--discover").redirectOutput(ProcessBuilder.Redirect.DISCARD), tmp()));
        assertTrue(run.waitFor(120, TimeUnit.SECONDS));
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCode.OK.code(), run.exitValue(), err);
        // Was a defect: every run printed the JVM's incubator-module notice, MLlib's native BLAS
        // error and PrefixSpan's warnings. Standard error holds the stage lines and real problems.
        assertEquals(List.of(), err.lines().filter(l -> !l.startsWith("[stage] ")).toList(), "standard error: " + err);
        assertEquals(List.of(), scratchOf(run.pid()), "the run removed its own scratch folder");
        assertEquals(List.of(), leftInTmp(), "the temporary folder holds nothing but the scratch folder");

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
