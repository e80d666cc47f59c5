package org.chronolens.discover;

import org.chronolens.util.Columns;
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
        Column[] cols = {col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col(Columns.EVENT_DATE), col(Columns.EVENT_TYPE), col("outcome")};
        Dataset<Row> own = events.where(col(Columns.SUBJECT_ID).isNotNull()).select(cols);
        Dataset<Row> family = events.where(col(Columns.SUBJECT_ID).isNull()).drop(Columns.SUBJECT_ID)
                .join(subjects.select(Columns.CASE_ID, Columns.SUBJECT_ID), Columns.CASE_ID).select(cols);
        Column token = when(col("outcome").isNull().or(col("outcome").equalTo("")), col(Columns.EVENT_TYPE))
                .otherwise(concat(col(Columns.EVENT_TYPE), lit(":"), col("outcome")));
        Dataset<Row> itemsets = own.unionByName(family)
                .groupBy(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), date_trunc(granularity, col(Columns.EVENT_DATE)).as("period"))
                .agg(array_sort(collect_set(token)).as("items"));
        return itemsets.groupBy(Columns.CASE_ID, Columns.SUBJECT_ID)
                .agg(array_sort(collect_list(struct(col("period"), col("items")))).as("periods"))
                .join(subjects.select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col("flags").gt(0).as("flagged")),
                        new String[] {Columns.CASE_ID, Columns.SUBJECT_ID})
                .select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col("flagged"), expr("transform(periods, p -> p.items)").as("sequence"));
    }
}
