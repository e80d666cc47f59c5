package org.chronolens.quality;

import org.chronolens.util.Columns;
import org.chronolens.check.Reason;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import static org.apache.spark.sql.functions.*;
import static org.chronolens.ingest.CheckedRows.*;

/**
 * The checks that need more than one row, as one Spark stage over the checked rows. Adds
 * {@code status}: {@code quarantined} (row-level reason, or a conflicting duplicate, or a
 * dangling reference), {@code duplicate} (an exact copy of an earlier row, dropped),
 * {@code after_as_of} (excluded), or {@code accepted}, in that order of precedence.
 */
public final class Classify {

    public static final String STATUS = "status";
    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
    public static final String QUARANTINED = "quarantined";
    public static final String AFTER_AS_OF = "after_as_of";

    /** Ids with a duplicate or a dangling reference, above which the joins are left to Spark's planner. */
    static final long BROADCAST_LIMIT = 2_000_000;

    private final LocalDate asOf;
    private final Column position;
    private Dataset<Row> cached;

    /**
     * {@code sourceFiles}: the names of the input files, as the rows carry them. "The first copy"
     * of a duplicated event is the one first in file-name order, then line order.
     */
    public Classify(LocalDate asOf, List<String> sourceFiles) {
        this.asOf = asOf;
        this.position = position(sourceFiles);
    }

    /** Frees what {@link #transform} cached; the classified rows cannot be computed after. */
    public void release() {
        if (cached != null) {
            cached.unpersist();
            cached = null;
        }
    }

    public Dataset<Row> transform(Dataset<Row> checked) {
        // Materialised once and joined back to every row twice: broadcast when small, the usual
        // case, so that no join shuffles or sorts all rows and classifying is a narrow pass that
        // each output can repeat. Cached, not locally checkpointed: a cache lost with an executor
        // is recomputed from its lineage, a local checkpoint is not.
        Dataset<Row> facts = idFacts(checked).persist(StorageLevel.MEMORY_AND_DISK());
        cached = facts;
        if (facts.count() <= BROADCAST_LIMIT) {
            facts = org.apache.spark.sql.functions.broadcast(facts);
        }
        Dataset<Row> copies = facts.where(col("_copies").gt(1)).select(col("_id").as("_copy_of"), col("_copies"),
                col("_min").notEqual(col("_max")).as("_differ"), col("_first"));
        Dataset<Row> dangling = facts.where(col("_copies").equalTo(0)).select(col("_id").as("_dangling"));

        Column passed = col("_passed");
        Column repeated = passed.and(col("_copy_of").isNotNull());
        Column conflict = repeated.and(col("_differ"));
        Column duplicate = repeated.and(position.notEqual(col("_first")));
        Column isDangling = passed.and(col("_dangling").isNotNull());
        Column late = passed.and(col(EVENT_DAY).gt(lit(java.sql.Date.valueOf(asOf))));

        return checked.withColumn("_passed", col(REASON).isNull())
                .join(copies, col(Columns.EVENT_ID).equalTo(col("_copy_of")), "left")
                .join(dangling, col(Columns.RELATED_EVENT_ID).equalTo(col("_dangling")), "left")
                .withColumn(STATUS, when(not(passed).or(conflict), lit(QUARANTINED))
                        .when(duplicate, lit(DUPLICATE))
                        .when(isDangling, lit(QUARANTINED))
                        .when(late, lit(AFTER_AS_OF))
                        .otherwise(lit(ACCEPTED)))
                .withColumn(MESSAGE, when(conflict, concat(lit("event_id '"), col(Columns.EVENT_ID), lit("' appears "),
                                col("_copies").cast("string"), lit(" times with different content; every copy is "
                                        + "quarantined (all copies are listed in the quarantine)")))
                        .when(isDangling.and(not(duplicate)), concat(lit("related_event_id '"),
                                col(Columns.RELATED_EVENT_ID), lit("' names no event in the input")))
                        .otherwise(col(MESSAGE)))
                .withColumn(REASON, when(conflict, lit(Reason.DUPLICATE_CONFLICT.code()))
                        .when(isDangling.and(not(duplicate)), lit(Reason.DANGLING_REFERENCE.code()))
                        .otherwise(col(REASON)))
                .drop("_passed", "_copy_of", "_copies", "_differ", "_first", "_dangling");
    }

    /**
     * One narrow aggregation over ids, keeping only the ids with something to say: those carried by
     * more than one row that passed its own checks (with whether their content differs and which
     * copy comes first), and those referred to but carried by none (copies = 0). Both are small
     * unless the input is badly broken, so joining them back costs little: no sort of all rows.
     */
    private Dataset<Row> idFacts(Dataset<Row> checked) {
        // As docs/chronology-format.md says: copies are compared on parsed values, so quoting, column order and line endings do not matter.
        Column content = xxhash64(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col(EVENT_DAY), col(EVENT_TIME), col("agency"),
                col(Columns.EVENT_TYPE), col("outcome"), col(Columns.RELATED_EVENT_ID), col(DUE_DAY), col("attendees"),
                col("notes"));
        // Every buffer is a long, so that Spark aggregates by hashing instead of sorting all rows by id.
        Dataset<Row> passedRows = checked.where(col(REASON).isNull());
        Dataset<Row> carried = passedRows.select(col(Columns.EVENT_ID).as("_id"), lit(1).as("_carries"),
                content.as("_content"), position.as("_at"));
        Dataset<Row> referred = passedRows.where(col(Columns.RELATED_EVENT_ID).isNotNull())
                .select(col(Columns.RELATED_EVENT_ID).as("_id"), lit(0).as("_carries"),
                        lit(null).cast("long").as("_content"), lit(null).cast("long").as("_at"));
        return carried.unionByName(referred)
                .groupBy("_id")
                .agg(sum("_carries").as("_copies"), min("_content").as("_min"), max("_content").as("_max"),
                        min("_at").as("_first"))
                .where(col("_copies").notEqual(1));
    }

    /** A row's place in file-name then line order, as one long: the file's rank above 2^40 lines. */
    private static Column position(List<String> sourceFiles) {
        List<String> names = sourceFiles.stream().distinct().sorted().toList();
        if (names.size() <= 1) {
            return col(LINE);
        }
        List<Column> rank = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rank.add(lit(names.get(i)));
            rank.add(lit((long) i << 40));
        }
        Column fileRank = element_at(map(rank.toArray(Column[]::new)), col(SOURCE_FILE));
        return fileRank.plus(col(LINE));
    }
}
