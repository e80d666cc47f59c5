package org.chronolens.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.chronolens.CountingFileSystem;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.check.EventCheck;
import org.chronolens.check.PiiPolicy;
import org.chronolens.check.Vocabulary;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.report.Prompts;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ValidateJob;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Code that opens files on executors uses the session's Hadoop configuration (so that
 * {@code spark.hadoop.*} settings for HDFS, S3A or ABFS reach it) and closes what it opens, even
 * when a task stops before the end of its file. Both were defects: executors built a
 * {@code new Configuration()}, and a file was closed only when read to its end.
 */
@ExtendWith(SparkExtension.class)
class ExecutorConfigurationTest {

    @TempDir
    Path dir;

    private static final String KEY = "fs." + CountingFileSystem.SCHEME + ".impl";

    @BeforeEach
    void register(SparkSession spark) {
        // Uncached, so that each user gets the file system its own configuration names (in one JVM,
        // a cached instance would hide a configuration that does not know the scheme).
        spark.sparkContext().hadoopConfiguration().set(KEY, CountingFileSystem.class.getName());
        spark.sparkContext().hadoopConfiguration().setBoolean(KEY + ".disable.cache", true);
        CountingFileSystem.OPEN.set(0);
    }

    @AfterEach
    void unregister(SparkSession spark) {
        spark.sparkContext().hadoopConfiguration().unset(KEY);
        spark.sparkContext().hadoopConfiguration().unset(KEY + ".disable.cache");
    }

    private static String counting(Path p) {
        return CountingFileSystem.SCHEME + "://" + p.toAbsolutePath();
    }

    @Test
    void aScanReadsWritesAndRendersThroughAFileSystemKnownOnlyToTheSession(SparkSession spark) throws Exception {
        Path in = TestFiles.csv(dir, "in/h.csv", HEADER,
                "F1,C1,E1,2026-01-01,health,appointment,was_not_brought,,,,",
                "F1,C1,E2,2026-01-10,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-01-20,health,appointment,was_not_brought,,,,");
        Path out = dir.resolve("run");
        ScanJob.Result r = new ScanJob(spark, Stages.NONE).run(ScanRequest.of(new ValidateJob.Options(
                List.of(counting(in)), java.time.LocalDate.of(2026, 10, 31), counting(out), true,
                ColumnMapping.identity(), PiiPolicy.REDACT, 0.05), Catalogue.standard().defaults())
                .withReport(Prompts.defaults()));
        assertEquals(ValidateJob.Verdict.OK, r.validation().verdict());
        assertTrue(TestFiles.read(out.resolve("manifest.json")).matches("(?s).*\"sha256\" : \"[0-9a-f]{64}\".*"),
                "input hashes computed on executors");
        assertTrue(Files.exists(out.resolve("report/subjects/F1/C1.html")), "pages written on executors");
        assertEquals(0, CountingFileSystem.OPEN.get(), "every stream closed");
    }

    @Test
    void aTaskThatStopsEarlyStillClosesItsFile(SparkSession spark) {
        StringBuilder rows = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 5_000; i++) {
            rows.append("F1,C1,E").append(i).append(",2026-01-01,health,appointment,attended,,,,\n");
        }
        Path in = TestFiles.bytes(dir, "in/long.csv", rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        InputFile f = new InputFile(counting(in), "long.csv", InputFile.Format.CSV, rows.length());
        new Ingest(spark, ColumnMapping.identity(), new EventCheck(PiiPolicy.REDACT)).read(List.of(f)).limit(1)
                .collectAsList();
        assertEquals(0, CountingFileSystem.OPEN.get(), "the file was closed although only one row was taken");
        assertTrue(Vocabulary.MAX_RECORD_CHARS > rows.length() / 5_000, "sanity: short rows");
    }
}
