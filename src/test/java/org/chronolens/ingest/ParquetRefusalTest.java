package org.chronolens.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** A damaged Parquet file, or Parquet extracts that disagree on a column's type, are refused naming the file. */
@ExtendWith(SparkExtension.class)
class ParquetRefusalTest {

    @TempDir
    Path dir;

    private Cli.Outcome validate(Path in) {
        return Cli.run("validate", "--input", in.toString(), "--as-of", "2026-10-31", "--out", dir.resolve("out").toString());
    }

    @Test
    void aDamagedParquetFileIsRefusedNamingIt(SparkSession spark) throws Exception {
        TestFiles.bytes(dir, "in/health.parquet", "PAR1 this is not parquet at all PAR1".getBytes(StandardCharsets.UTF_8));
        Cli.Outcome o = validate(dir.resolve("in"));
        assertEquals(ExitCode.INPUT_REFUSED.code(), o.code(), o.all());
        assertTrue(o.err().contains("health.parquet: not a readable Parquet file"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void parquetExtractsThatDisagreeOnAColumnsTypeAreRefusedNamingBoth(SparkSession spark) throws Exception {
        Dataset<Row> rows = spark.sql("select 'F1' case_id, 'C1' subject_id, 'E1' event_id, '2026-01-05' event_date, "
                + "'health' agency, 'appointment' event_type, 'attended' outcome");
        rows.write().parquet(dir.resolve("in/health").toString());
        rows.withColumn("event_date", rows.col("event_date").cast("date")).withColumn("event_id",
                org.apache.spark.sql.functions.lit("E2")).write().parquet(dir.resolve("in/police").toString());
        Cli.Outcome o = validate(dir.resolve("in"));
        assertEquals(ExitCode.INPUT_REFUSED.code(), o.code(), o.all());
        assertTrue(o.err().contains("column 'event_date' is date but string in"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertEquals(List.of(), List.of(dir.resolve("out").toFile().list() == null ? new String[0]
                : dir.resolve("out").toFile().list()));
    }
}
