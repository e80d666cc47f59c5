package org.chronolens.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.chronolens.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.*;

/** A case's page key changes with anything its pages show, and with nothing else. */
@ExtendWith(SparkExtension.class)
class PageKeysTest {

    private static final StructType EVENTS = new StructType().add("case_id", DataTypes.StringType)
            .add("event_id", DataTypes.StringType).add("subject_id", DataTypes.StringType)
            .add("outcome", DataTypes.StringType).add("notes", DataTypes.StringType)
            .add("source_file", DataTypes.StringType).add("line", DataTypes.LongType);
    private static final StructType FLAGS = new StructType().add("case_id", DataTypes.StringType)
            .add("flag_key", DataTypes.StringType).add("change", DataTypes.StringType)
            .add("trail", DataTypes.createArrayType(new StructType().add("reviewer", DataTypes.StringType)
                    .add("reason", DataTypes.StringType)));
    private static final StructType SUBJECTS = new StructType().add("case_id", DataTypes.StringType)
            .add("subject_id", DataTypes.StringType).add("flags", DataTypes.IntegerType);

    private static List<Row> events() {
        return new ArrayList<>(List.of(RowFactory.create("F1", "E1", "C1", "attended", "Seen at home.", "week1/health.csv", 2L),
                RowFactory.create("F1", "E2", null, null, "Family meeting.", "week1/social_care.csv", 2L),
                RowFactory.create("F2", "E3", "C3", "was_not_brought", null, "week1/health.csv", 3L)));
    }

    private static List<Row> flags() {
        return List.of(RowFactory.create("F1", "k1", "new", null),
                RowFactory.create("F2", "k2", "continuing", List.of(RowFactory.create("rev-07", "Discussed"))));
    }

    private static List<Row> subjects() {
        return List.of(RowFactory.create("F1", "C1", 1), RowFactory.create("F1", "C2", 0), RowFactory.create("F2", "C3", 1));
    }

    private static Map<String, Row> keys(SparkSession spark, List<Row> events, List<Row> flags, String context) {
        Dataset<Row> cases = spark.createDataFrame(List.of(RowFactory.create("F1"), RowFactory.create("F2")),
                new StructType().add("case_id", DataTypes.StringType));
        Map<String, Row> out = new TreeMap<>();
        PageKeys.of(spark.createDataFrame(flags, FLAGS), spark.createDataFrame(subjects(), SUBJECTS),
                spark.createDataFrame(events, EVENTS).repartition(3), cases, context).collectAsList()
                .forEach(r -> out.put(r.getString(0), r));
        return out;
    }

    private static String key(Map<String, Row> keys, String caseId) {
        return keys.get(caseId).getString(1);
    }

    @Test
    void theSameRowsInAnyOrderGiveTheSameKeysAndACaseNamesItsFlaggedChildren(SparkSession spark) {
        List<Row> reversed = events();
        java.util.Collections.reverse(reversed);
        Map<String, Row> a = keys(spark, events(), flags(), "c");
        Map<String, Row> b = keys(spark, reversed, flags(), "c");
        assertEquals(key(a, "F1"), key(b, "F1"));
        assertEquals(key(a, "F2"), key(b, "F2"));
        assertNotEquals(key(a, "F1"), key(a, "F2"));
        assertEquals(List.of("C1"), a.get("F1").getList(2), "one of F1's two children is flagged: its page is the case's");
    }

    @Test
    void aChangedNoteChangesOnlyItsCasesKey(SparkSession spark) {
        List<Row> changed = events();
        changed.set(0, RowFactory.create("F1", "E1", "C1", "attended", "Seen at home with the baby.", "week1/health.csv", 2L));
        Map<String, Row> before = keys(spark, events(), flags(), "c");
        Map<String, Row> after = keys(spark, changed, flags(), "c");
        assertNotEquals(key(before, "F1"), key(after, "F1"));
        assertEquals(key(before, "F2"), key(after, "F2"));
    }

    @Test
    void theSameEventReadFromAnotherFileOrLineKeepsTheKey(SparkSession spark) {
        // Next week's extract lands in another folder, and a file may gain rows above an event.
        List<Row> moved = events().stream().map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4),
                "week2/" + r.getString(5).substring("week1/".length()), r.getLong(6) + 40)).toList();
        Map<String, Row> before = keys(spark, events(), flags(), "c");
        Map<String, Row> after = keys(spark, moved, flags(), "c");
        assertEquals(key(before, "F1"), key(after, "F1"));
        assertEquals(key(before, "F2"), key(after, "F2"));
    }

    @Test
    void aValueMovedIntoTheNextEmptyColumnIsAChange(SparkSession spark) {
        // Spark's hash of a row skips nulls: (null, "x") and ("x", null) would hash alike without the null flags.
        List<Row> moved = events();
        moved.set(1, RowFactory.create("F1", "E2", null, "Family meeting.", null, "week1/social_care.csv", 2L));
        assertNotEquals(key(keys(spark, events(), flags(), "c"), "F1"), key(keys(spark, moved, flags(), "c"), "F1"));
    }

    @Test
    void aReviewAddedToAFlagOrANewFlagBecomingContinuingIsAChange(SparkSession spark) {
        Map<String, Row> before = keys(spark, events(), flags(), "c");
        Map<String, Row> reviewed = keys(spark, events(), List.of(RowFactory.create("F1", "k1", "new",
                List.of(RowFactory.create("rev-02", "Known to the team"))), flags().get(1)), "c");
        Map<String, Row> continuing = keys(spark, events(), List.of(RowFactory.create("F1", "k1", "continuing", null),
                flags().get(1)), "c");
        assertNotEquals(key(before, "F1"), key(reviewed, "F1"));
        assertNotEquals(key(before, "F1"), key(continuing, "F1"));
        assertEquals(key(before, "F2"), key(continuing, "F2"));
    }

    @Test
    void anotherContextChangesEveryKey(SparkSession spark) {
        Map<String, Row> a = keys(spark, events(), flags(), PageKeys.context("build 1", List.of("prompts")));
        Map<String, Row> b = keys(spark, events(), flags(), PageKeys.context("build 1", List.of("other prompts")));
        assertNotEquals(key(a, "F1"), key(b, "F1"));
        assertNotEquals(key(a, "F2"), key(b, "F2"));
        assertNotEquals(PageKeys.context("a", List.of("bc")), PageKeys.context("a", List.of("b", "c")),
                "the parts are kept apart");
    }
}
