package org.chronolens.discover;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.chronolens.SparkExtension;
import org.chronolens.detect.spark.CaseResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Discovery on generated children: a planted sequence, a planted co-occurrence and two clearly
 * different personas are recovered; empty and tiny caseloads give empty, well-formed results.
 */
@ExtendWith(SparkExtension.class)
class DiscoveryTest {

    private static final StructType EVENTS = new StructType().add("case_id", "string").add("subject_id", "string")
            .add("event_date", "date").add("event_type", "string").add("outcome", "string");
    private static final List<List<String>> PLANTED = List.of(List.of("appointment:did_not_attend"),
            List.of("agreement:made"), List.of("home_visit:no_access"));
    /** All children as one group, every event mined: the planted sequence below is made of events the rules count. */
    private static final DiscoveryParams PARAMS = DiscoveryParams.builder().sequenceSupport(0.3).topPatterns(20)
            .kRange(2, 4).stratify(false).excludeRuleItems(false).resamples(0).build();

    /** A subject row with the scan's columns: flagged or not, with the given shares and rules. */
    private static Row subject(String id, int flags, String rules, int appointments, int attended, int visits, int notSeen,
                               int agreements, int kept) {
        return RowFactory.create(id, id + "-C1", appointments, appointments - attended, attended, visits, visits - notSeen,
                notSeen, 4, 3, agreements, kept, agreements - kept, 60, "health=30;social_care=30",
                Date.valueOf("2026-01-01"), Date.valueOf("2026-10-31"), flags, rules);
    }

    private static Dataset<Row> subjects(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, CaseResults.SUBJECT);
    }

    @Test
    void prefixSpanRecoversAPlantedSequenceAmongTheTopContrastPatterns(SparkSession spark) {
        Random random = new Random(7);
        String[] routine = {"appointment:attended", "home_visit:child_seen", "contact:responded", "information_shared"};
        List<Row> events = new ArrayList<>();
        List<Row> subjects = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String caseId = String.format("C%03d", i);
            boolean flagged = i < 60;
            for (int month = 1; month <= 10; month++) {
                for (int e = 0; e < 2; e++) {
                    String[] t = routine[random.nextInt(routine.length)].split(":");
                    events.add(RowFactory.create(caseId, caseId + "-C1", Date.valueOf(LocalDate.of(2026, month, 1 + random.nextInt(27))),
                            t[0], t.length > 1 ? t[1] : null));
                }
            }
            if (flagged || i % 20 == 0) { // 3 of the 60 others carry it too
                int start = 1 + random.nextInt(3);
                for (int step = 0; step < 3; step++) {
                    String[] t = PLANTED.get(step).get(0).split(":");
                    events.add(RowFactory.create(caseId, caseId + "-C1", Date.valueOf(LocalDate.of(2026, start + 2 * step, 15)),
                            t[0], t[1]));
                }
            }
            subjects.add(subject(caseId, flagged ? 1 : 0, flagged ? "missed-appointments" : "", 10, 8, 5, 1, 2, 1));
        }
        Dataset<Row> sequences = Sequences.of(spark.createDataFrame(events, EVENTS), subjects(spark, subjects), PARAMS, null);
        ContrastPatterns.Result r = ContrastPatterns.mine(sequences, PARAMS, false);

        assertEquals(60, r.flaggedSubjects());
        assertEquals(60, r.otherSubjects());
        ContrastPatterns.Pattern top = r.patterns().stream().filter(p -> p.sequence().equals(PLANTED)).findFirst()
                .orElseThrow(() -> new AssertionError("planted sequence not among " + r.patterns()));
        assertTrue(r.patterns().indexOf(top) < 5, "among the top five: " + r.patterns().indexOf(top));
        assertEquals(60, top.flagged());
        assertEquals(3, top.others());
        assertEquals(20.0, top.ratio(), 1e-9);
        assertEquals("appointment: did not attend, then in a later month agreement: made, then in a later month "
                + "home visit: no access", top.words());
        assertTrue(r.patterns().stream().noneMatch(p -> p.sequence().stream().allMatch(s -> s.stream()
                .allMatch(List.of(routine)::contains))), "routine events alone never contrast");

        // No two listed sequences are one finding: their flagged children, worked out here by brute
        // force, never overlap by the threshold; the planted one stands for its shorter parts.
        List<List<java.util.Set<String>>> flaggedSequences = new ArrayList<>();
        for (Row row : sequences.where("flagged").select("sequence").collectAsList()) {
            List<java.util.Set<String>> seq = new ArrayList<>();
            for (Object itemset : row.getList(0)) {
                java.util.Set<String> items = new java.util.HashSet<>();
                scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) itemset).forEach(x -> items.add((String) x));
                seq.add(items);
            }
            flaggedSequences.add(seq);
        }
        List<java.util.BitSet> supporters = new ArrayList<>();
        for (ContrastPatterns.Pattern p : r.patterns()) {
            java.util.BitSet b = new java.util.BitSet();
            for (int c = 0; c < flaggedSequences.size(); c++) {
                if (ContrastPatterns.contains(flaggedSequences.get(c), p.sequence())) {
                    b.set(c);
                }
            }
            assertEquals(p.flagged(), b.cardinality(), p.words());
            supporters.add(b);
        }
        for (int i = 0; i < supporters.size(); i++) {
            for (int j = i + 1; j < supporters.size(); j++) {
                java.util.BitSet both = (java.util.BitSet) supporters.get(i).clone();
                both.and(supporters.get(j));
                java.util.BitSet either = (java.util.BitSet) supporters.get(i).clone();
                either.or(supporters.get(j));
                assertTrue((double) both.cardinality() / either.cardinality() < ContrastPatterns.SIMILAR,
                        r.patterns().get(i).words() + " and " + r.patterns().get(j).words() + " are one finding");
            }
        }
        assertTrue(top.similar() >= 3, "the planted sequence stands for its two-step parts: " + top.similar());
    }

    @Test
    void fpGrowthFindsAPlantedCoOccurrenceWithItsConfidenceAndLift(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String rules = i < 30 ? "child-not-seen;missed-appointments" : i < 50 ? "missed-appointments"
                    : i < 70 ? "advice-non-adherence" : "child-not-seen";
            rows.add(subject("S" + i, rules.split(";").length, rules, 10, 8, 5, 1, 2, 1));
        }
        rows.add(subject("S-none", 0, "", 10, 10, 5, 0, 2, 2));
        CoOccurrence.Result r = CoOccurrence.mine(subjects(spark, rows), PARAMS);
        assertEquals(80, r.flaggedSubjects(), "only flagged children are baskets");
        CoOccurrence.Association a = r.rules().stream().filter(x -> x.antecedent().equals(List.of("child-not-seen"))
                && x.consequent().equals(List.of("missed-appointments"))).findFirst().orElseThrow();
        assertEquals(30 / 40.0, a.confidence(), 1e-9);
        assertEquals((30 / 40.0) / (50 / 80.0), a.lift(), 1e-9);
        assertEquals(30 / 80.0, a.support(), 1e-9);
        assertEquals(1, a.similar(), "its converse holds the same children and is counted on it");
        assertTrue(r.rules().stream().noneMatch(x -> x.antecedent().equals(List.of("missed-appointments"))
                && x.consequent().equals(List.of("child-not-seen"))), "not listed twice: " + r.rules());
        assertEquals("Of the children flagged for \"Child not seen at home visits\", 75 % are also flagged for \"Appointments missed\" "
                + "(1.2 times as often as flagged children in general); 38 % of flagged children have all of them", a.words());
    }

    @Test
    void clusteringSeparatesTwoPersonasAndIsReproducibleWithItsSeed(SparkSession spark) {
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            boolean engaged = i % 2 == 0;
            int appointments = 10 + random.nextInt(3);
            int attended = engaged ? appointments - random.nextInt(2) : 2 + random.nextInt(3);
            int visits = 8;
            int notSeen = engaged ? random.nextInt(2) : 5 + random.nextInt(3);
            rows.add(subject((engaged ? "E" : "N") + i, engaged ? 0 : 2, engaged ? "" : "missed-appointments;child-not-seen",
                    appointments, attended, visits, notSeen, 4, engaged ? 4 : random.nextInt(2)));
        }
        Dataset<Row> subjects = subjects(spark, rows);
        DiscoveryParams resampled = DiscoveryParams.builder().kRange(2, 4).resamples(5).build();
        EngagementProfiles.Result first = EngagementProfiles.cluster(subjects, resampled);
        EngagementProfiles.Result again = EngagementProfiles.cluster(subjects.repartition(3), resampled);

        assertEquals(2, first.k(), "silhouettes " + first.silhouettes());
        assertTrue(first.silhouette() > 0.5, "two clearly separate personas: " + first.silhouette());
        assertEquals(List.of(40L, 40L), first.profiles().stream().map(EngagementProfiles.Profile::size).toList());
        assertEquals(first.silhouettes(), again.silhouettes(), "the same seed gives the same result");
        assertEquals(first.profiles(), again.profiles());
        assertTrue(first.profiles().stream().anyMatch(p -> p.words().contains("appointments missed")
                && p.words().contains("(more than average)")), first.profiles().toString());
        assertTrue(first.silhouette() > first.shuffled(), "better than the same features shuffled: " + first.shuffled());
        assertEquals(2, first.profiles().size());
        assertTrue(first.profiles().stream().allMatch(p -> p.stability() == 1.0),
                "two clear personas are found again in every resample: " + first.profiles());
    }

    @Test
    void aCaseloadInOneLargeGroupIsNoDistinctProfiles(SparkSession spark) {
        Random random = new Random(5);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            boolean outlier = i < 6;
            int appointments = 10 + random.nextInt(3);
            rows.add(subject("P" + i, outlier ? 2 : 0, outlier ? "missed-appointments" : "", appointments,
                    outlier ? 1 : appointments - random.nextInt(2), 8, outlier ? 7 : random.nextInt(2), 4,
                    outlier ? 0 : 4));
        }
        EngagementProfiles.Result r = EngagementProfiles.cluster(subjects(spark, rows), PARAMS);

        assertEquals(List.of(), r.profiles(), "not shown as profiles");
        assertTrue(r.note().startsWith("no distinct profiles: the largest group holds 93 % of children (more than 80 %)"),
                r.note());
    }

    @Test
    void emptyAndTinyCaseloadsGiveEmptyWellFormedResults(SparkSession spark) {
        Dataset<Row> none = subjects(spark, List.of());
        Dataset<Row> noEvents = spark.createDataFrame(List.of(), EVENTS);
        ContrastPatterns.Result c = ContrastPatterns.mine(Sequences.of(noEvents, none, PARAMS, null), PARAMS, false);
        assertEquals(List.of(), c.patterns());
        assertEquals(List.of(), CoOccurrence.mine(none, PARAMS).rules());
        EngagementProfiles.Result p = EngagementProfiles.cluster(none, PARAMS);
        assertEquals(0, p.k());
        assertEquals("too few children (0) to form profiles", p.note());

        Dataset<Row> one = subjects(spark, List.of(subject("A", 1, "missed-appointments", 10, 2, 5, 4, 2, 0)));
        Dataset<Row> oneEvent = spark.createDataFrame(List.of(RowFactory.create("A", "A-C1", Date.valueOf("2026-03-01"),
                "appointment", "did_not_attend")), EVENTS);
        assertEquals(List.of(), ContrastPatterns.mine(Sequences.of(oneEvent, one, PARAMS, null), PARAMS, false).patterns(),
                "one period is not a sequence");
        assertEquals(List.of(), CoOccurrence.mine(one, PARAMS).rules());
        assertEquals(0, EngagementProfiles.cluster(one, PARAMS).k());
    }
}
