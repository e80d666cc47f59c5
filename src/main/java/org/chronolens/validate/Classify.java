package org.chronolens.validate;

import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

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

    private static final int LOCATIONS_SHOWN = 5;

    private final LocalDate asOf;

    public Classify(LocalDate asOf) {
        this.asOf = asOf;
    }

    public Dataset<Row> transform(Dataset<Row> checked) {
        Column passed = col(REASON).isNull();
        // Decision 2: copies are compared on parsed values, so quoting, column order and line endings do not matter.
        Column content = xxhash64(col("case_id"), col("subject_id"), col(EVENT_DAY), col(EVENT_TIME), col("agency"),
                col("event_type"), col("outcome"), col("related_event_id"), col(DUE_DAY), col("attendees"),
                col("notes"));
        WindowSpec sameId = Window.partitionBy(col("event_id"), passed);
        Column location = concat(col(SOURCE_FILE), lit(" line "), col(LINE).cast("string"));

        Dataset<Row> withCopies = checked
                .withColumn("_versions", size(collect_set(content).over(sameId)))
                .withColumn("_copy", row_number().over(sameId.orderBy(col(SOURCE_FILE), col(LINE))))
                .withColumn("_where", concat_ws(", ",
                        slice(array_sort(collect_list(location).over(sameId)), 1, LOCATIONS_SHOWN)));

        Dataset<Row> known = checked.where(passed).select(col("event_id").as("_known")).distinct();
        Dataset<Row> joined = withCopies.join(known, withCopies.col("related_event_id").equalTo(known.col("_known")),
                "left");

        Column conflict = passed.and(col("_versions").gt(1));
        Column duplicate = passed.and(col("_copy").gt(1));
        Column dangling = passed.and(col("related_event_id").isNotNull()).and(col("_known").isNull());
        Column late = passed.and(col(EVENT_DAY).gt(lit(java.sql.Date.valueOf(asOf))));

        return joined
                .withColumn(STATUS, when(not(passed).or(conflict), lit(QUARANTINED))
                        .when(duplicate, lit(DUPLICATE))
                        .when(dangling, lit(QUARANTINED))
                        .when(late, lit(AFTER_AS_OF))
                        .otherwise(lit(ACCEPTED)))
                .withColumn(MESSAGE, when(conflict, concat(lit("event_id '"), col("event_id"),
                                lit("' appears in "), col("_versions").cast("string"),
                                lit(" versions with different content; every copy is quarantined ("), col("_where"),
                                lit(")")))
                        .when(duplicate, col(MESSAGE))
                        .when(dangling, concat(lit("related_event_id '"), col("related_event_id"),
                                lit("' names no event in the input")))
                        .otherwise(col(MESSAGE)))
                .withColumn(REASON, when(conflict, lit(Reason.DUPLICATE_CONFLICT.code()))
                        .when(duplicate, col(REASON))
                        .when(dangling, lit(Reason.DANGLING_REFERENCE.code()))
                        .otherwise(col(REASON)))
                .drop("_versions", "_copy", "_where", "_known");
    }
}
