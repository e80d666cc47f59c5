package org.chronolens.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.run.ValidateJob;
import org.chronolens.run.ValidateRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shipped mapping on the real public no-show data in ../shared (skipped where that folder is absent). */
@ExtendWith(SparkExtension.class)
class NoShowMappingTest {

    private static final Path DATA = Path.of("../shared/external-data/medical-appointment-no-shows/KaggleV2-May-2016.csv");
    private static final Path MAPPING = Path.of("jobs/mappings/medical-appointment-no-shows.yaml");

    @TempDir
    Path dir;

    @Test
    void everyRowOfTheNoShowDataIsReadAndReconciled(SparkSession spark) {
        assumeTrue(Files.isRegularFile(DATA), "the shared external data is not on this machine");
        ValidateRun run = new ValidateRun(spark, dir.resolve("out")).mapping(ColumnMapping.load(MAPPING)).ceiling(0.0);
        ValidateJob.Result r = run.run(DATA);

        assertEquals(ValidateJob.Verdict.OK, r.verdict());
        assertEquals(110_527, r.quality().rowsRead());
        assertEquals(110_527, r.quality().accepted());
        assertTrue(r.quality().reconciled());
        assertEquals(Map.of("health", 110_527L), r.quality().byAgency());
        assertTrue(r.quality().numericPseudonyms(), "PatientId is a plain number: the mapping declares it a pseudonym");

        var events = spark.read().parquet(dir.resolve("out/events").toString());
        assertEquals(22_319, events.where(col("outcome").equalTo("did_not_attend")).count());
        assertEquals(62_299, events.select("subject_id").distinct().count());
        var first = events.where(col("event_id").equalTo("appt-5642903")).first();
        assertEquals("29872499824296", first.getAs("case_id"));
        assertEquals("2016-04-29", first.getAs("event_date").toString());
        assertTrue(r.quality().warnings().stream().anyMatch(w -> w.startsWith("column 'neighbourhood' is not part")),
                r.quality().warnings().toString());
    }
}
