package org.chronolens.run;

import org.chronolens.util.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.check.PiiPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/** A run appears whole, with its manifest and _SUCCESS, or not at all. */
@ExtendWith(SparkExtension.class)
class CommitProtocolTest {

    @TempDir
    Path dir;

    private ValidateJob.Options options(Path in, Path out) {
        return new ValidateJob.Options(List.of(in.toString()), ValidateRun.AS_OF, out.toString(), true,
                ColumnMapping.identity(), PiiPolicy.REDACT, 0.05);
    }

    private Path input() {
        return TestFiles.csv(dir, "in/h.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,attended,,,,");
    }

    private List<String> beside(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".out.")).toList();
        }
    }

    @Test
    void aCommittedRunHasItsManifestAndSuccessAndLeavesNoStagingBehind(SparkSession spark) throws Exception {
        Path out = dir.resolve("out");
        new ValidateJob(spark, Stages.NONE).run(options(input(), out));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        String manifest = TestFiles.read(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"command\" : \"validate\""), manifest);
        assertTrue(manifest.contains("\"as_of\" : \"2026-10-31\""), manifest);
        assertTrue(manifest.matches("(?s).*\"sha256\" : \"[0-9a-f]{64}\".*"), manifest);
        assertTrue(manifest.contains("\"stage_seconds\""), manifest);
        assertTrue(manifest.contains("\"verdict\" : \"OK\""), manifest);
        assertEquals(List.of(), beside(out));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)),
                "run folders hold case data: owner only by default");
    }

    @Test
    void aFailureBetweenOutputsLeavesNoRunFolderAndNothingBesideIt(SparkSession spark) throws Exception {
        Path out = dir.resolve("out");
        Stages failing = (stage, count, unit, took) -> {
            if (stage.equals("quarantine")) {
                throw new IllegalStateException("injected failure after the quarantine was written");
            }
        };
        assertThrows(IllegalStateException.class, () -> new ValidateJob(spark, failing).run(options(input(), out)));
        assertFalse(Files.exists(out), "no run folder appears");
        assertEquals(List.of(), beside(out), "the failed run removed its staging folder and released its lock");

        new ValidateJob(spark, Stages.NONE).run(options(input(), out));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(List.of(), beside(out));
    }

    @Test
    void aReRunReplacesThePreviousRunWithTheSameOutputs(SparkSession spark) throws Exception {
        Path out = dir.resolve("out");
        new ValidateJob(spark, Stages.NONE).run(options(input(), out));
        byte[] first = Files.readAllBytes(out.resolve("data-quality.json"));
        Files.writeString(out.resolve("stray.txt"), "left by hand");
        new ValidateJob(spark, Stages.NONE).run(options(input(), out));
        assertArrayEquals(first, Files.readAllBytes(out.resolve("data-quality.json")));
        assertFalse(Files.exists(out.resolve("stray.txt")), "the whole folder is replaced");
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void aRunThatFailsItsQualityGateIsVisibleButNeverMarkedSuccessful(SparkSession spark) throws Exception {
        Path out = dir.resolve("out");
        Path bad = TestFiles.csv(dir, "in/b.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,nope,,,,");
        ValidateJob.Result r = new ValidateJob(spark, Stages.NONE).run(options(bad, out));
        assertEquals(ValidateJob.Verdict.CEILING_EXCEEDED, r.verdict());
        assertTrue(Files.exists(out.resolve("data-quality.json")));
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertTrue(TestFiles.read(out.resolve("manifest.json")).contains("\"verdict\" : \"CEILING_EXCEEDED\""));
    }
}
