package org.chronolens.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * Each flag with the agencies and the children its evidence names, for the landing page's rows and
 * the run details' chart of flags by agency: the flags' evidence joined to the events once for both.
 *
 * <p>Joined by sorting, never broadcast: Spark's estimate of the flags' evidence, one row per
 * evidence event each carrying the flag's whole evidence list, is far below its size (1.75 million
 * rows, 1.9 GB, at 100k flagged children), and a broadcast goes through the driver.
 */
final class FlagEvidence {

    private FlagEvidence() {
    }

    /**
     * One row per flag: {@code ev_key} (its {@value Columns#FLAG_KEY}), {@code agencies} and
     * {@code ev_subjects} (the children its evidence names; family-level events name none).
     */
    static Dataset<Row> of(Dataset<Row> flags, Dataset<Row> events) {
        Dataset<Row> ofEvent = events.select(col(Columns.CASE_ID).as("e_case"), col(Columns.EVENT_ID).as("e_id"),
                col(Columns.SUBJECT_ID).as("e_subject"), col("agency"));
        return flags.select(col(Columns.FLAG_KEY).as("ev_key"), col(Columns.CASE_ID).as("ev_case"),
                        explode(split(col(Columns.EVIDENCE_EVENT_IDS), ";")).as("ev"))
                .join(ofEvent.hint("merge"), col("ev_case").equalTo(col("e_case")).and(col("ev").equalTo(col("e_id"))))
                .groupBy("ev_key").agg(collect_set("agency").as("agencies"), collect_set("e_subject").as("ev_subjects"));
    }

    /**
     * Flags per agency of their evidence (a flag counts once for each agency among its evidence),
     * most first. A flag's key is its identity: no two flags of a run share one.
     */
    static Dataset<Row> byAgency(Dataset<Row> evidence) {
        return evidence.select(explode(col("agencies")).as("agency")).groupBy("agency").count()
                .orderBy(desc("count"), asc("agency"));
    }
}
