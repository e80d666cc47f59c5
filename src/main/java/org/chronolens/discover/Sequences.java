package org.chronolens.discover;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.*;

/**
 * Each child's chronology as a sequence of itemsets: one itemset per week or month holding the
 * {@code event_type:outcome} tokens recorded in it, in date order. Family-level events count for
 * every child of the case, as in the rules.
 */
final class Sequences {

    private Sequences() {
    }

    /** {@code case_id, subject_id, flagged, sequence: array<array<string>>} for every child with events. */
    static Dataset<Row> of(Dataset<Row> events, Dataset<Row> subjects, String granularity) {
        Column[] cols = {col("case_id"), col("subject_id"), col("event_date"), col("event_type"), col("outcome")};
        Dataset<Row> own = events.where(col("subject_id").isNotNull()).select(cols);
        Dataset<Row> family = events.where(col("subject_id").isNull()).drop("subject_id")
                .join(subjects.select("case_id", "subject_id"), "case_id").select(cols);
        Column token = when(col("outcome").isNull().or(col("outcome").equalTo("")), col("event_type"))
                .otherwise(concat(col("event_type"), lit(":"), col("outcome")));
        Dataset<Row> itemsets = own.unionByName(family)
                .groupBy(col("case_id"), col("subject_id"), date_trunc(granularity, col("event_date")).as("period"))
                .agg(array_sort(collect_set(token)).as("items"));
        return itemsets.groupBy("case_id", "subject_id")
                .agg(array_sort(collect_list(struct(col("period"), col("items")))).as("periods"))
                .join(subjects.select(col("case_id"), col("subject_id"), col("flags").gt(0).as("flagged")),
                        new String[] {"case_id", "subject_id"})
                .select(col("case_id"), col("subject_id"), col("flagged"), expr("transform(periods, p -> p.items)").as("sequence"));
    }
}
