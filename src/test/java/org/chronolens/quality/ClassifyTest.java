package org.chronolens.quality;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.check.EventCheck;
import org.chronolens.check.PiiPolicy;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.ingest.Ingest;
import org.chronolens.ingest.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Classification survives the loss of what it materialised, as when an executor dies on a
 * cluster: the facts are recomputed from their lineage. A local checkpoint (the defect) cannot be.
 */
@ExtendWith(SparkExtension.class)
class ClassifyTest {

    @TempDir
    Path dir;

    private static Map<String, Long> statuses(Dataset<Row> classified) {
        Map<String, Long> out = new TreeMap<>();
        classified.groupBy(Classify.STATUS).count().collectAsList().forEach(r -> out.put(r.getString(0), r.getLong(1)));
        return out;
    }

    @Test
    void theClassifiedRowsAreRecomputedWhenTheirMaterialisedFactsAreLost(SparkSession spark) {
        Path in = TestFiles.csv(dir, "h.csv", HEADER,
                "F1,C1,E1,2026-01-01,health,appointment,attended,,,,",
                "F1,C1,E1,2026-01-01,health,appointment,attended,,,,",
                "F1,C1,E2,2026-01-02,health,appointment,attended,,,,",
                "F1,C1,E2,2026-01-02,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-01-03,health,advice_followup,adhered,E9,,,",
                "F1,C1,E4,2026-12-03,health,appointment,attended,,,,");
        InputFile f = new InputFile(in.toUri().toString(), "h.csv", InputFile.Format.CSV, in.toFile().length());
        Dataset<Row> checked = new Ingest(spark, ColumnMapping.identity(), new EventCheck(PiiPolicy.REDACT))
                .read(List.of(f));
        Classify classify = new Classify(LocalDate.of(2026, 10, 31), List.of("h.csv"));
        Dataset<Row> classified = classify.transform(checked);
        Map<String, Long> before = statuses(classified);
        assertEquals(Map.of("accepted", 1L, "duplicate", 1L, "quarantined", 3L, "after_as_of", 1L), before);

        // What an executor's death takes with it: every block of every cached RDD. Spark logs each
        // lost block it then fails to fetch as an error with its trace; here that is the point, so
        // the test's output is spared the 500 lines.
        Map<String, org.apache.logging.log4j.Level> levels = new TreeMap<>();
        for (String logger : List.of("org.apache.spark.network.server.TransportRequestHandler",
                "org.apache.spark.network.shuffle.OneForOneBlockFetcher",
                "org.apache.spark.network.shuffle.RetryingBlockTransferor", "org.apache.spark.storage.BlockManager")) {
            levels.put(logger, org.apache.logging.log4j.LogManager.getLogger(logger).getLevel());
            org.apache.logging.log4j.core.config.Configurator.setLevel(logger, org.apache.logging.log4j.Level.OFF);
        }
        try {
            for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(spark.sparkContext().getPersistentRDDs().keySet())) {
                SparkEnv.get().blockManager().removeRdd((Integer) id);
            }
            assertEquals(before, statuses(classified), "the same, recomputed");
        } finally {
            levels.forEach(org.apache.logging.log4j.core.config.Configurator::setLevel);
        }
        classify.release();
    }
}
