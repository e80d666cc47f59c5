package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.junit.jupiter.api.Test;

import static org.chronolens.detect.Chronologies.*;
import static org.junit.jupiter.api.Assertions.*;

class ComplianceAroundScrutinyTest {

    private final Rule rule = rule("compliance-around-scrutiny");

    /** A conference on 2026-04-01 with {@code pre} good contacts before it and baseline events after. */
    private static List<Event> chronology(int preGood, int preBad, int baseGood, int baseBad) {
        List<Event> e = new ArrayList<>();
        e.add(family("CONF", "2026-04-01", "cp_conference", null));
        for (int i = 0; i < preGood; i++) {
            e.add(child("P" + i, "2026-03-" + (11 + i), "contact", "responded"));
        }
        for (int i = 0; i < preBad; i++) {
            e.add(child("Q" + i, "2026-03-" + (21 + i), "contact", "no_response"));
        }
        for (int i = 0; i < baseGood; i++) {
            e.add(child("G" + i, "2026-06-" + (10 + i), "appointment", "attended"));
        }
        for (int i = 0; i < baseBad; i++) {
            e.add(child("B" + i, "2026-07-" + (10 + i), "appointment", "was_not_brought"));
        }
        return e;
    }

    @Test
    void goodBeforeScrutinyAndPoorOtherwiseFiresWithTheDifferenceOfShares() {
        List<Flag> flags = run(rule, chronology(3, 1, 2, 2).toArray(Event[]::new));
        Flag f = flags.get(0);
        assertEquals(0.75 - 0.5, f.metric(), 1e-9);
        assertEquals(8, f.evidenceEventIds().size(), "all pre-scrutiny and baseline events used");
        assertEquals("2026-03-11", f.windowStart().toString());
        assertEquals("2026-07-11", f.windowEnd().toString());
    }

    @Test
    void justBelowEachOfTheFourConditionsDoesNotFire() {
        assertEquals(0, run(rule, chronology(2, 0, 1, 3).toArray(Event[]::new)).size(), "2 pre events");
        assertEquals(0, run(rule, chronology(2, 1, 1, 3).toArray(Event[]::new)).size(), "pre share 0.67");
        assertEquals(0, run(rule, chronology(3, 0, 1, 2).toArray(Event[]::new)).size(), "3 baseline events");
        assertEquals(0, run(rule, chronology(3, 0, 3, 2).toArray(Event[]::new)).size(), "baseline share 0.6");
    }

    @Test
    void eventsOnTheScrutinyDateAreBaselineAndDay22BeforeIsBaseline() {
        List<Event> e = chronology(3, 0, 0, 4);
        e.add(child("ON", "2026-04-01", "contact", "responded"));
        e.add(child("D22", "2026-03-10", "contact", "responded"));
        Flag f = run(rule, e.toArray(Event[]::new)).get(0);
        assertEquals(1.0 - 2.0 / 6, f.metric(), 1e-9, "two good events moved into the baseline of six");
    }

    @Test
    void cancelledByFamilyAndEngagementRecordsAreNeitherEngagementNorNonEngagement() {
        List<Event> e = chronology(3, 0, 0, 4);
        e.add(child("X1", "2026-03-25", "home_visit", "cancelled_by_family"));
        e.add(child("X2", "2026-03-26", "engagement", "meaningful"));
        assertEquals(7, run(rule, e.toArray(Event[]::new)).get(0).evidenceEventIds().size());
    }

    @Test
    void itsWorkingListsTheScrutinyThenTheTwoGroupsWithTheSharesTheFlagCompares() {
        // A review on 2026-05-20 as well as the conference on 2026-04-01; an untimed plan start is neither group.
        List<Event> e = chronology(3, 1, 2, 2);
        e.add(child("REV", "2026-05-20", "review", null));
        e.add(child("PRE2", "2026-05-10", "appointment", "attended"));
        e.add(child("PLAN", "2026-03-15", "plan_started", "child_protection"));
        Chronology c = Chronology.of("F1", AS_OF, e);
        ComplianceAroundScrutiny.Working w = ((ComplianceAroundScrutiny) rule).working(c, "C1");

        assertEquals(List.of("CONF", "REV"), ids(w.scrutiny()));
        assertEquals(List.of("P0", "P1", "P2", "Q0", "PRE2"), ids(w.pre()), "the 21 days before either, in order");
        assertEquals(List.of("G0", "G1", "B0", "B1"), ids(w.baseline()));
        assertEquals(4, w.preWentAhead());
        assertEquals(2, w.baselineWentAhead());
        assertEquals(0.8, w.preShare(), 1e-9);
        assertEquals(0.5, w.baselineShare(), 1e-9);
        assertEquals(0.75, w.preMinShare(), 1e-9);
        assertEquals(0.5, w.baselineMaxShare(), 1e-9);
        assertTrue(w.fires());
        assertEquals(List.of(new ComplianceAroundScrutiny.Period(LocalDate.parse("2026-03-11"), LocalDate.parse("2026-03-31")),
                new ComplianceAroundScrutiny.Period(LocalDate.parse("2026-04-29"), LocalDate.parse("2026-05-19"))),
                w.prePeriods());

        Flag f = rule.evaluate(c).get(0);
        assertEquals(w.preShare() - w.baselineShare(), f.metric(), 1e-9, "the flag's metric is the working's two shares");
        List<String> both = new ArrayList<>(ids(w.pre()));
        both.addAll(ids(w.baseline()));
        assertEquals(both.stream().sorted().toList(), f.evidenceEventIds(), "its evidence is the two groups");
    }

    @Test
    void theWorkingOfAChildTheRuleDoesNotFlagSaysWhy() {
        ComplianceAroundScrutiny.Working w = ((ComplianceAroundScrutiny) rule)
                .working(Chronology.of("F1", AS_OF, chronology(3, 0, 3, 2)), "C1");
        assertEquals(0.6, w.baselineShare(), 1e-9);
        assertFalse(w.fires(), "baseline share above 0.5");
        assertTrue(rule.evaluate(Chronology.of("F1", AS_OF, chronology(3, 0, 3, 2))).isEmpty());
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::eventId).toList();
    }
}
