package org.chronolens.review;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.*;

/** Acknowledged flags stay acknowledged until new evidence re-opens them; a malformed file is refused whole. */
@ExtendWith(SparkExtension.class)
class AcknowledgementsTest {

    private static final String HEADER = "flag_key,evidence_event_ids,reviewer,date,outcome,reason";
    private static final LocalDate AS_OF = LocalDate.parse("2026-10-31");

    private static Acknowledgements parse(String... lines) {
        return Acknowledgements.parse(new StringReader(HEADER + "\n" + String.join("\n", lines) + "\n"), "acks.csv");
    }

    private static Dataset<Row> flags(SparkSession spark, String... keyAndEvidence) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < keyAndEvidence.length; i += 2) {
            rows.add(org.apache.spark.sql.RowFactory.create(keyAndEvidence[i], keyAndEvidence[i + 1]));
        }
        return spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("flag_key", "string").add("evidence_event_ids", "string"));
    }

    private static String reviewOf(Dataset<Row> reviewed, String key) {
        return reviewed.where(reviewed.col("flag_key").equalTo(key)).first().getAs("review");
    }

    @Test
    void aFlagWhoseEvidenceTheReviewerSawStaysAcknowledgedAndNewEvidenceReopensIt(SparkSession spark) {
        Acknowledgements acks = parse(
                "missed-appointments|C1|C1-C1,E1;E2;E3,rev-07,2026-09-02,no-action-needed,Discussed with the GP",
                "child-not-seen|C2|C2-C1,E7;E8,rev-07,2026-09-02,action-taken,Visit booked");
        Dataset<Row> reviewed = Reviews.apply(spark, flags(spark,
                "missed-appointments|C1|C1-C1", "E1;E2;E3",
                "child-not-seen|C2|C2-C1", "E7;E8;E9",
                "advice-non-adherence|C3|C3-C1", "E4;E5"), acks, AS_OF);
        assertEquals(Reviews.ACKNOWLEDGED, reviewOf(reviewed, "missed-appointments|C1|C1-C1"));
        assertEquals(Reviews.REOPENED, reviewOf(reviewed, "child-not-seen|C2|C2-C1"), "E9 was not seen by the reviewer");
        assertNull(reviewOf(reviewed, "advice-non-adherence|C3|C3-C1"), "no one acknowledged it");

        List<Row> trail = Reviews.trail(spark, reviewed, acks, AS_OF).orderBy("line").collectAsList();
        assertEquals("acknowledged", trail.get(0).getAs("status"));
        assertEquals("reopened by new evidence E9", trail.get(1).getAs("status"));
    }

    @Test
    void theOutcomesOfSupervisionAndEscalationJoinTheOldOnesWhichStayValid() {
        Acknowledgements acks = parse(
                "missed-appointments|C1|C1-C1,E1,rev-07,2026-09-02,action-taken,Seen",
                "missed-appointments|C1|C1-C1,E1,rev-07,2026-09-02,no-action-needed,Seen",
                "missed-appointments|C1|C1-C1,E1,rev-07,2026-09-02,flag-incorrect,Seen",
                "missed-appointments|C1|C1-C1,E1,rev-07,2026-09-03,discussed-in-supervision,Talked it through",
                "missed-appointments|C1|C1-C1,E1,rev-07,2026-09-04,escalated-to-strategy-discussion,Strategy discussion held");
        assertEquals(List.of("action-taken", "no-action-needed", "flag-incorrect", "discussed-in-supervision",
                "escalated-to-strategy-discussion"), acks.entries().stream().map(Acknowledgements.Entry::outcome).toList());
        assertEquals("escalated to a strategy discussion", Acknowledgements.OUTCOME_WORDS.get("escalated-to-strategy-discussion"));
    }

    @Test
    void aFlagWhoseEvidenceShrankIsStillAcknowledged(SparkSession spark) {
        Acknowledgements acks = parse("missed-appointments|C1|C1-C1,E1;E2;E3;E4,rev-07,2026-09-02,action-taken,Seen");
        assertEquals(Reviews.ACKNOWLEDGED, reviewOf(Reviews.apply(spark,
                flags(spark, "missed-appointments|C1|C1-C1", "E2;E3;E4"), acks, AS_OF), "missed-appointments|C1|C1-C1"));
    }

    @Test
    void theLatestLineForAFlagIsInForceAndLinesDatedAfterTheAsOfDateDoNotApplyYet(SparkSession spark) {
        Acknowledgements acks = parse(
                "missed-appointments|C1|C1-C1,E1,rev-07,2026-09-02,no-action-needed,First look",
                "missed-appointments|C1|C1-C1,E1;E2,rev-09,2026-10-15,action-taken,Second look",
                "missed-appointments|C1|C1-C1,E1;E2;E3,rev-09,2026-11-20,action-taken,After the as-of date");
        assertEquals("rev-09", acks.inForce(AS_OF).get("missed-appointments|C1|C1-C1").reviewer());
        assertEquals(2, acks.inForce(AS_OF).get("missed-appointments|C1|C1-C1").evidence().size());
        Dataset<Row> reviewed = Reviews.apply(spark, flags(spark, "missed-appointments|C1|C1-C1", "E1;E2;E3"), acks, AS_OF);
        assertEquals(Reviews.REOPENED, reviewOf(reviewed, "missed-appointments|C1|C1-C1"),
                "the line that saw E3 is dated after the run's as-of date");
        List<Row> trail = Reviews.trail(spark, reviewed, acks, AS_OF).orderBy("line").collectAsList();
        assertEquals(3, trail.size(), "every line is in the trail, the one dated after the as-of date too");
        assertEquals("superseded by a later acknowledgement", trail.get(0).getAs("status"));
        assertEquals("reopened by new evidence E3", trail.get(1).getAs("status"));
        assertEquals("dated after this run's as-of date, so not applied", trail.get(2).getAs("status"),
                "was a defect: the line was dropped from the trail without a word");
    }

    @Test
    void anAcknowledgementOfAFlagNoLongerRaisedSaysSo(SparkSession spark) {
        Acknowledgements acks = parse("missed-appointments|C1|C1-C1,E1,rev-07,2026-09-02,no-action-needed,Resolved");
        Dataset<Row> reviewed = Reviews.apply(spark, flags(spark, "child-not-seen|C2|C2-C1", "E5"), acks, AS_OF);
        assertEquals("flag not raised in this run", Reviews.trail(spark, reviewed, acks, AS_OF).first().getAs("status"));
    }

    @Test
    void aMalformedFileIsRefusedWholeWithEveryBadLineNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(
                "missed-appointments|C1|C1-C1,E1,rev-07,2026-09-02,no-action-needed,Fine",
                "no-such-rule|C1|C1-C1,E1,rev-07,2026-09-02,no-action-needed,Bad rule",
                "missed-appointments|C1|C1-C1,,rev-07,2026-09-31,maybe,",
                "missed-appointments|C1|C1-C1,E1,Jane Smith,2026-09-02,action-taken,Call 07700 900123 tomorrow",
                "too,few"));
        String m = e.getMessage();
        assertTrue(m.startsWith("the acknowledgements file was refused; nothing was applied"), m);
        assertTrue(m.contains("acks.csv line 3: flag_key 'no-such-rule|C1|C1-C1' is not a flag key"), m);
        assertTrue(m.contains("acks.csv line 4: evidence_event_ids is empty"), m);
        assertTrue(m.contains("acks.csv line 4: date '2026-09-31' is not a date (yyyy-MM-dd)"), m);
        assertTrue(m.contains("acks.csv line 4: outcome 'maybe' is not one of action-taken, no-action-needed, flag-incorrect, discussed-in-supervision, escalated-to-strategy-discussion"), m);
        assertTrue(m.contains("acks.csv line 4: reason is empty"), m);
        assertTrue(m.contains("acks.csv line 5: reviewer 'Jane Smith' is not a pseudonym"), m);
        assertTrue(m.contains("acks.csv line 5: reason holds what looks like a personal identifier (phone)"), m);
        assertFalse(m.contains("07700"), "the identifier itself is never echoed");
        assertTrue(m.contains("acks.csv line 6: 2 fields; expected 6"), m);
        assertFalse(m.contains("line 2:"), "line 2 is valid");
    }

    @Test
    void aFileWithTheWrongHeaderIsRefusedWithTheExpectedColumns() {
        ConfigException e = assertThrows(ConfigException.class, () -> Acknowledgements.parse(
                new StringReader("key,who,when\nx,y,z\n"), "acks.csv"));
        assertTrue(e.getMessage().contains("acks.csv line 1: the header is [key, who, when]; expected " + HEADER),
                e.getMessage());
    }
}
