package org.chronolens.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.ChildJvm;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.chronolens.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A scheduled run killed with SIGKILL while the rules run leaves nothing that looks like a run, and
 * the next run for the same date gives exactly what an undisturbed run gives.
 */
@org.junit.jupiter.api.Tag("slow")
@ExtendWith(SparkExtension.class)
class KillAndRerunTest {

    private static final String AS_OF = "2026-10-31";

    @TempDir
    Path dir;

    @Test
    void aRunKilledDuringTheRulesStageLeavesNoRunAndTheRerunIsByteIdenticalToAnUndisturbedRun(SparkSession spark)
            throws Exception {
        Path killedRoot = dir.resolve("killed");
        Path job = job("killed.yaml", killedRoot);
        Process child = childJvm(job);
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.add(line);
                if (line.startsWith("[stage] events")) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook runs, as with kill -9
                    break;
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL; output so far: " + seen);
        assertTrue(seen.stream().noneMatch(l -> l.startsWith("[stage] rules")), "killed before the rules finished");

        Path runs = killedRoot.resolve("runs");
        assertFalse(Files.exists(runs.resolve("as_of=" + AS_OF)), "no run folder is visible");
        assertEquals(1, names(runs).stream().filter(n -> n.startsWith(".as_of=" + AS_OF + ".staging-")).count(),
                "only a staging folder is left: " + names(runs));

        assertEquals(ExitCode.OK.code(), run("job", job.toString()));
        assertEquals(List.of("as_of=" + AS_OF), names(runs), "the re-run cleaned up the staging folder");

        Path calmRoot = dir.resolve("undisturbed");
        assertEquals(ExitCode.OK.code(), run("job", job("undisturbed.yaml", calmRoot).toString()));

        Map<String, String> rerun = contents(runs.resolve("as_of=" + AS_OF));
        Map<String, String> undisturbed = contents(calmRoot.resolve("runs/as_of=" + AS_OF));
        assertEquals(undisturbed.keySet(), rerun.keySet(), "the same files");
        assertTrue(rerun.containsKey("flags.csv") && rerun.containsKey("report/index.html") && rerun.containsKey("_SUCCESS"));
        for (String name : undisturbed.keySet()) {
            assertEquals(undisturbed.get(name), rerun.get(name), name + " differs");
        }
    }

    private Path job(String name, Path root) {
        return TestFiles.csv(dir, name, "command: scan", "inputs: [sample-data/chronology]", "output_root: " + root,
                "as_of: " + AS_OF, "spark:", "  spark.sql.shuffle.partitions: \"4\"");
    }

    private static Process childJvm(Path job) throws IOException {
        return ChildJvm.chronolens(null, null, "job", job.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int run(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Every file of a run by relative path, except what names the run itself (its manifest, with run id
     * and timings) and Parquet part files, whose names carry a job id; their content is in the CSVs.
     */
    private static Map<String, String> contents(Path run) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(run)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String name = run.relativize(f).toString();
                if (!name.equals("manifest.json") && !name.endsWith(".parquet")) {
                    files.put(name, Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }
}
