package org.chronolens.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * The landing page's rows, one per flagged child, joined in Spark from the run's flags, children,
 * the flags' evidence ({@link FlagEvidence}), changes and review trail; only those rows reach the
 * driver, never an event.
 *
 * <p>A flag naming no child (a per-event or family rule's) is on the rows of the children it is
 * about, as {@code Flag.concerns} decides for the children's pages: when all its evidence is
 * family-level, every flagged child of the case; otherwise each child with evidence of its own.
 * The row says the child's flags include the family's.
 */
final class LandingRows {

    private LandingRows() {
    }

    /**
     * @param changes the run's changes.csv read with its header, or null when the run was not
     *                compared with an earlier one (then every flag counts as new)
     * @param acks    the run's acknowledgements.csv read with its header, or null when none was given
     */
    static List<LandingRow> collect(Dataset<Row> flags, Dataset<Row> subjects, Dataset<Row> evidence, Dataset<Row> changes,
                                    Dataset<Row> acks) {
        Dataset<Row> perFlag = withContext(flags, evidence, changes, acks);
        Dataset<Row> children = subjects.where(col("flags").gt(0))
                .select(col(Columns.CASE_ID).as("c_case"), col(Columns.SUBJECT_ID).as("c_subject"));
        // Flag.concerns in SQL: ev_subjects holds the children its evidence names (family-level
        // events name none), so "all in the child's chronology or some the child's own" is "none
        // named or the child among them".
        Column belongs = col(Columns.CASE_ID).equalTo(col("c_case")).and(col(Columns.SUBJECT_ID).equalTo(col("c_subject"))
                .or(col(Columns.SUBJECT_ID).isNull().and(expr("size(ev_subjects) = 0 or array_contains(ev_subjects, c_subject)"))));
        Column reviewedFlag = col("review").isNotNull();
        List<LandingRow> out = new ArrayList<>();
        for (Row r : perFlag.join(children, belongs).groupBy("c_case", "c_subject").agg(
                sort_array(collect_set(Columns.RULE_ID)).as("rules"),
                sort_array(collect_set("theme")).as("themes"),
                sort_array(array_distinct(flatten(collect_list("agencies")))).as("agencies"),
                max(col("is_new")).as("is_new"),
                min(when(col("is_new"), col("anchor"))).as("new_anchor"),
                max(col(Columns.WINDOW_END)).as("latest"),
                count(lit(1)).as("n"),
                sum(when(col("review").equalTo("acknowledged"), 1).otherwise(0)).as("acked"),
                sum(when(col("review").equalTo("reopened"), 1).otherwise(0)).as("reopened"),
                max(col(Columns.SUBJECT_ID).isNull()).as("family"),
                sort_array(collect_set(when(reviewedFlag, col("reviewer")))).as("reviewers"),
                max(when(reviewedFlag, col("reviewed_on"))).as("reviewed")).collectAsList()) {
            out.add(new LandingRow(r.getString(0), r.getString(1), r.getList(2), r.getList(3), r.getList(4),
                    r.getBoolean(5), r.getString(6), r.getDate(7).toLocalDate(), (int) r.getLong(8), (int) r.getLong(9),
                    (int) r.getLong(10), r.getBoolean(11), r.getList(12),
                    r.isNullAt(13) ? null : LocalDate.parse(r.getString(13))));
        }
        out.sort(LandingRow.ORDER);
        return out;
    }

    /**
     * Each flag with the agencies and children of its evidence, whether it is new, its anchor on
     * the child's page and, when reviewed, who acknowledged it and when.
     */
    private static Dataset<Row> withContext(Dataset<Row> flags, Dataset<Row> evidence, Dataset<Row> changes, Dataset<Row> acks) {
        Dataset<Row> f = flags.select(col(Columns.FLAG_KEY), col(Columns.RULE_ID), col("theme"), col(Columns.CASE_ID),
                        col(Columns.SUBJECT_ID), col(Columns.WINDOW_END), col("review"),
                        concat(col(Columns.RULE_ID), lit("-"), substring_index(col(Columns.EVIDENCE_EVENT_IDS), ";", 1)).as("anchor"))
                .join(evidence, col(Columns.FLAG_KEY).equalTo(col("ev_key")), "left");
        if (changes == null) {
            f = f.withColumn("is_new", lit(true));
        } else {
            Dataset<Row> added = changes.where(col("change").equalTo("new")).select(col(Columns.FLAG_KEY).as("new_key")).distinct();
            f = f.join(added, col(Columns.FLAG_KEY).equalTo(col("new_key")), "left").withColumn("is_new", col("new_key").isNotNull());
        }
        if (acks == null) {
            return f.withColumn("reviewer", lit(null).cast("string")).withColumn("reviewed_on", lit(null).cast("string"));
        }
        // The acknowledgement in force is a flag's latest by date, then by line (Acknowledgements.inForce);
        // read by column name, so a status the trail gains later changes nothing here.
        Dataset<Row> inForce = acks.withColumn("k", row_number().over(Window.partitionBy(Columns.FLAG_KEY)
                        .orderBy(col("date").desc(), col("line").cast("long").desc())))
                .where(col("k").equalTo(1))
                .select(col(Columns.FLAG_KEY).as("ack_key"), col("reviewer"), col("date").as("reviewed_on"));
        return f.join(inForce, col(Columns.FLAG_KEY).equalTo(col("ack_key")), "left");
    }
}
