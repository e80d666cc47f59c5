package org.chronolens.discover;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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
 * Like compared with like, on a hand-built caseload: 50 children on protection plans (40 of them
 * flagged) with a core group every month, and 100 children on no plan (10 flagged). A move of home
 * then a change of school is recorded for 40 % of the flagged children of each group and 5 % of
 * the others. Compared as one group, the top sequence is plan status (core groups); compared within
 * plan status, it is the move.
 */
@ExtendWith(SparkExtension.class)
class StratifiedContrastTest {

    private static final StructType EVENTS = new StructType().add("case_id", "string").add("subject_id", "string")
            .add("event_date", "date").add("event_type", "string").add("outcome", "string");
    private static final List<List<String>> MOVE = List.of(List.of("other:moved_home"), List.of("other:changed_school"));

    @Test
    void withinPlanStatusTheMoveComesTopWhereAsOneGroupPlanStatusDoes(SparkSession spark) {
        Dataset<Row> events = spark.createDataFrame(events(), EVENTS);
        Dataset<Row> subjects = spark.createDataFrame(subjects(), CaseResults.SUBJECT);
        DiscoveryParams asOne = DiscoveryParams.builder().stratify(false).resamples(0).build();
        DiscoveryParams within = DiscoveryParams.builder().resamples(20).build();

        ContrastPatterns.Result one = ContrastPatterns.mine(Sequences.of(events, subjects, asOne, null), asOne, false);
        ContrastPatterns.Result strata = ContrastPatterns.mine(Sequences.of(events, subjects, within, null), within, false);

        ContrastPatterns.Pattern top = one.patterns().get(0);
        assertTrue(top.sequence().stream().flatMap(List::stream).allMatch("core_group"::equals),
                "as one group, plan status comes top: " + top.words());
        assertEquals(List.of(new ContrastPatterns.StratumSize("child_protection", 40, 10, true, 
                strata.strata().get(0).frequent()), new ContrastPatterns.StratumSize("child_in_need", 0, 0, false, 0),
                new ContrastPatterns.StratumSize("no_plan", 10, 90, true, strata.strata().get(2).frequent())),
                strata.strata());
        ContrastPatterns.Pattern first = strata.patterns().get(0);
        assertEquals(MOVE, first.sequence(), "within plan status, the move comes top: " + strata.patterns());
        assertTrue(strata.patterns().stream().noneMatch(p -> p.sequence().stream().flatMap(List::stream)
                .allMatch("core_group"::equals)), "core groups alone are no contrast among children on plans");
        assertEquals("moved home, then in a later month changed school", first.words());
        assertTrue(strata.patterns().stream().filter(p -> p.sequence().equals(MOVE)).map(ContrastPatterns.Pattern::stratum)
                .toList().containsAll(List.of("child_protection", "no_plan")), "named in each stratum it is found in: " + strata.patterns());

        // Stability: the same for the same seed however the children are partitioned (the counting
        // passes see seven partitions here, one before).
        ContrastPatterns.Result again = ContrastPatterns.mine(Sequences.of(events, subjects, within, null).repartition(7),
                within, false);
        assertEquals(strata.patterns(), again.patterns(), "the same findings and stabilities on another partitioning");
        assertTrue(first.stability() >= 0.9, "a strong contrast holds up: " + first.stability());
        ContrastPatterns.Result otherSeed = ContrastPatterns.mine(Sequences.of(events, subjects, within, null),
                DiscoveryParams.builder().resamples(20).seed(7).build(), false);
        assertEquals(strata.patterns().stream().map(p -> p.stratum() + p.sequence()).toList(),
                otherSeed.patterns().stream().map(p -> p.stratum() + p.sequence()).toList(),
                "the resamples' seed moves the stability figures, never the findings");
    }

    private static List<Row> events() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String caseId = String.format("K%03d", i);
            boolean plan = i < 50;
            boolean flagged = plan ? i < 40 : i < 60;
            // 40 % of flagged children (16 of 40 on plans, 4 of 10 on none), 5 % of the others (0 or 1 of 10, 5 of 90).
            int within = plan ? i : i - 50;
            boolean moved = flagged ? within % 5 < 2 : plan ? i == 45 : i % 20 == 0;
            rows.add(event(caseId, LocalDate.of(2026, 1, 3), "referral", null));
            if (plan) {
                rows.add(event(caseId, LocalDate.of(2026, 2, 1), "plan_started", "child_protection"));
                for (int m = 2; m <= 10; m++) {
                    rows.add(event(caseId, LocalDate.of(2026, m, 10), "core_group", null));
                }
            }
            if (moved) {
                rows.add(event(caseId, LocalDate.of(2026, 3, 5), "other", "moved_home"));
                rows.add(event(caseId, LocalDate.of(2026, 4, 8), "other", "changed_school"));
            }
            rows.add(event(caseId, LocalDate.of(2026, 6, 1), "appointment", i % 3 == 0 ? "was_not_brought" : "attended"));
        }
        return rows;
    }

    private static Row event(String caseId, LocalDate date, String type, String outcome) {
        return RowFactory.create(caseId, caseId + "-C1", Date.valueOf(date), type, outcome);
    }

    private static List<Row> subjects() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String caseId = String.format("K%03d", i);
            boolean flagged = i < 50 ? i < 40 : i < 60;
            rows.add(RowFactory.create(caseId, caseId + "-C1", 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, "social_care=5",
                    Date.valueOf("2026-01-03"), Date.valueOf("2026-10-10"), flagged ? 1 : 0,
                    flagged ? "child-not-seen" : ""));
        }
        return rows;
    }
}
