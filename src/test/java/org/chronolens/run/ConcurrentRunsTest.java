package org.chronolens.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.ChildJvm;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.cli.ExitCode;
import org.chronolens.io.OutputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A scheduled run and a manual back-fill into one folder: the second is refused while the first
 * lives, whichever starts first, and a killed first run blocks nothing and leaves nothing.
 */
@org.junit.jupiter.api.Tag("slow")
@ExtendWith(SparkExtension.class)
class ConcurrentRunsTest {

    @TempDir
    Path dir;

    private static String[] scan(Path out) {
        return new String[] {"scan", "--input", "sample-data/chronology", "--as-of", "2026-10-31", "--out", out.toString(),
                "--overwrite", "--no-report"};
    }

    private static List<String> besides(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + out.getFileName())).sorted()
                    .toList();
        }
    }

    @Test
    void aSecondRunWhileTheFirstLivesIsRefusedAndAKilledFirstRunBlocksNothing(SparkSession spark) throws Exception {
        Path out = dir.resolve("weekly");
        Process first = ChildJvm.start(ChildJvm.chronolens(null, null, scan(out))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        List<String> seen = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                seen.add(line);
                if (line.startsWith("[stage] read")) {
                    break;
                }
            }
            assertTrue(first.isAlive(), "the first run is live: " + seen);

            Cli.Outcome second = Cli.run(scan(out));
            assertEquals(ExitCode.USAGE.code(), second.code(), second.all());
            assertTrue(second.err().contains("is in use by run") && second.err().contains("process " + first.pid()),
                    second.err());
            assertTrue(besides(out).stream().anyMatch(n -> n.contains(".staging-")),
                    "the refused run left the live run's staging folder alone: " + besides(out));

            first.destroyForcibly(); // SIGKILL, as kill -9
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(137, first.exitValue());

        Cli.Outcome rerun = Cli.run(scan(out));
        assertEquals(ExitCode.OK.code(), rerun.code(), rerun.all());
        assertTrue(Files.exists(out.resolve(org.chronolens.io.RunLayout.Output.SUCCESS.file())));
        assertEquals(List.of(), besides(out), "the killed run's staging folder and lock are gone");
    }

    @Test
    void aRunStartedWhileAnotherHoldsTheFolderIsRefusedNamingIt(SparkSession spark) throws Exception {
        Path out = dir.resolve("backfill");
        try (OutputFolder live = OutputFolder.claim(out.toString(), true, spark.sparkContext().hadoopConfiguration())) {
            live.create();
            Process second = ChildJvm.start(ChildJvm.chronolens(null, null, scan(out)));
            assertTrue(second.waitFor(120, TimeUnit.SECONDS));
            String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(ExitCode.USAGE.code(), second.exitValue(), err);
            assertTrue(err.contains("is in use by run " + live.runId()), err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
            assertTrue(Files.isDirectory(Path.of(java.net.URI.create(live.workingRoot()))), "the live run's work is untouched");
        }
    }
}
