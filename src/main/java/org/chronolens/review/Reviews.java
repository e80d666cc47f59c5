package org.chronolens.review;

import org.chronolens.util.Columns;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.*;

/**
 * Applies the acknowledgements to a run's flags. A flag is {@code acknowledged} while every event of
 * its evidence was in the evidence the reviewer saw; an evidence event the reviewer did not see
 * {@code reopened} it. Acknowledgements are a few lines typed by people, so they travel as a small
 * table joined to the flags on the executors; the flags never come to the driver.
 */
public final class Reviews {

    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String REOPENED = "reopened";

    /**
     * What became of a line of the acknowledgements file in a run, as the trail's {@code status}
     * says it (a re-opened line goes on to name the new evidence), in the order the console counts
     * them.
     */
    public enum TrailStatus {
        IN_FORCE(ACKNOWLEDGED),
        REOPENED_BY_NEW_EVIDENCE("reopened by new evidence"),
        SUPERSEDED("superseded by a later acknowledgement"),
        FLAG_NOT_RAISED("flag not raised in this run"),
        AFTER_AS_OF("dated after this run's as-of date, so not applied");

        private final String words;

        TrailStatus(String words) {
            this.words = words;
        }

        /** How the trail's status column begins for this status. */
        public String words() {
            return words;
        }

        /** The status a trail's status text stands for. */
        public static TrailStatus of(String status) {
            for (TrailStatus t : values()) {
                if (status.startsWith(t.words)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("not a trail status: " + status);
        }
    }

    private static final StructType SCHEMA = new StructType()
            .add("ack_line", DataTypes.LongType, false)
            .add("ack_key", DataTypes.StringType, false)
            .add("ack_evidence", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("reviewer", DataTypes.StringType, false)
            .add("reviewed_on", DataTypes.DateType, false)
            .add("outcome", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("in_force", DataTypes.BooleanType, false)
            .add("after_as_of", DataTypes.BooleanType, false);

    private Reviews() {
    }

    /**
     * {@code flags} (with {@code flag_key} and {@code evidence_event_ids}) with a {@code review}
     * column: acknowledged, reopened, or null for a flag no one has acknowledged.
     */
    public static Dataset<Row> apply(SparkSession spark, Dataset<Row> flags, Acknowledgements acks, LocalDate asOf) {
        Dataset<Row> inForce = table(spark, acks, asOf).where(col("in_force"));
        Dataset<Row> joined = flags.join(broadcast(inForce), flags.col(Columns.FLAG_KEY).equalTo(inForce.col("ack_key")),
                "left");
        Column unseen = array_except(split(col(Columns.EVIDENCE_EVENT_IDS), ";"), col("ack_evidence"));
        return joined.withColumn("review", when(col("ack_key").isNull(), lit(null).cast("string"))
                        .when(size(unseen).equalTo(0), lit(ACKNOWLEDGED)).otherwise(lit(REOPENED)))
                .select(flagColumns(flags));
    }

    /**
     * The audit trail: every line of the acknowledgements file, with what became of it in this run
     * ({@link TrailStatus}): in force, re-opened by named new evidence, superseded by a later line,
     * about a flag this run does not raise, or dated after the run's as-of date and so not applied
     * (a back-fill says what was known then). No line is left out: a line missing from the trail
     * would be a reviewer's decision lost without a word.
     */
    public static Dataset<Row> trail(SparkSession spark, Dataset<Row> flags, Acknowledgements acks, LocalDate asOf) {
        Dataset<Row> all = table(spark, acks, asOf, true);
        Dataset<Row> current = flags.select(col(Columns.FLAG_KEY).as("f_key"), split(col(Columns.EVIDENCE_EVENT_IDS), ";").as("f_ev"));
        Column unseen = array_except(col("f_ev"), col("ack_evidence"));
        return all.join(current, col("ack_key").equalTo(col("f_key")), "left").select(
                col("ack_line").as("line"), col("ack_key").as(Columns.FLAG_KEY), col("reviewer"), col("reviewed_on").as("date"),
                col("outcome"), col("reason"),
                when(col("after_as_of"), lit(TrailStatus.AFTER_AS_OF.words()))
                        .when(not(col("in_force")), lit(TrailStatus.SUPERSEDED.words()))
                        .when(col("f_key").isNull(), lit(TrailStatus.FLAG_NOT_RAISED.words()))
                        .when(size(unseen).equalTo(0), lit(TrailStatus.IN_FORCE.words()))
                        .otherwise(concat(lit(TrailStatus.REOPENED_BY_NEW_EVIDENCE.words() + " "),
                                array_join(unseen, ";"))).as("status"));
    }

    private static Dataset<Row> table(SparkSession spark, Acknowledgements acks, LocalDate asOf) {
        return table(spark, acks, asOf, false);
    }

    /** The lines as a table; those dated after {@code asOf} only when {@code later}, marked so. */
    private static Dataset<Row> table(SparkSession spark, Acknowledgements acks, LocalDate asOf, boolean later) {
        Map<String, Acknowledgements.Entry> inForce = acks.inForce(asOf);
        List<Row> rows = new ArrayList<>();
        for (Acknowledgements.Entry e : acks.entries()) {
            boolean after = e.date().isAfter(asOf);
            if (!after || later) {
                rows.add(RowFactory.create(e.line(), e.flagKey(), e.evidence().toArray(new String[0]), e.reviewer(),
                        java.sql.Date.valueOf(e.date()), e.outcome(), e.reason(), inForce.get(e.flagKey()) == e, after));
            }
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Column[] flagColumns(Dataset<Row> flags) {
        List<Column> cols = new ArrayList<>();
        for (String c : flags.columns()) {
            cols.add(flags.col(c));
        }
        cols.add(col("review"));
        return cols.toArray(new Column[0]);
    }
}
