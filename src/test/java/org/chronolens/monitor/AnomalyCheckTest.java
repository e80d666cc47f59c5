package org.chronolens.monitor;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Each check against a small hand-made history: what it finds, what it leaves alone, and what it says. */
class AnomalyCheckTest {

    private static PastRun run(String date, Map<String, Double> values) {
        return new PastRun("r-" + date, LocalDate.parse(date), values);
    }

    private static final List<PastRun> USUAL = List.of(
            run("2026-09-30", Map.of("rows_read|run|", 1000.0, "accepted|agency|health", 400.0,
                    "accepted|agency|police", 100.0, "quarantined|reason|bad_date", 5.0, "flags|rule|child-not-seen", 40.0)),
            run("2026-10-07", Map.of("rows_read|run|", 1100.0, "accepted|agency|health", 420.0,
                    "accepted|agency|police", 110.0, "quarantined|reason|bad_date", 6.0, "flags|rule|child-not-seen", 44.0)),
            run("2026-10-14", Map.of("rows_read|run|", 1050.0, "accepted|agency|health", 410.0,
                    "accepted|agency|police", 105.0, "quarantined|reason|bad_date", 4.0, "flags|rule|child-not-seen", 42.0)));

    @Test
    void anAgencyThatSentEventsLastTimeAndNoneNowIsMissingAndNamed() {
        List<Anomaly> found = new AnomalyCheck.AgencyMissing().find(
                Map.of("rows_read|run|", 700.0, "accepted|agency|health", 415.0), USUAL);
        assertEquals(1, found.size());
        Anomaly a = found.get(0);
        assertEquals("police", a.agency());
        assertEquals(0, a.value());
        assertEquals(100, a.expectedLow());
        assertEquals(110, a.expectedHigh());
        assertEquals("No accepted events from police in this run, where the run of 2026-10-14 had 105: is its extract "
                + "missing? Its flags may be unseen rather than resolved.", a.sentence());
    }

    @Test
    void anAgencyAtOrBelowHalfItsMedianHasShrunkAndAnOrdinaryDipHasNot() {
        AnomalyCheck shrunk = new AnomalyCheck.AgencyShrunk(0.5);
        List<Anomaly> found = shrunk.find(Map.of("accepted|agency|health", 200.0, "accepted|agency|police", 95.0), USUAL);
        assertEquals(1, found.size(), found.toString());
        assertEquals("health", found.get(0).subject());
        assertEquals(205, found.get(0).expectedLow(), 1e-9);
        assertEquals("Health sent 200 accepted events, 49 % of its median of 410 over the last 3 runs (expected more "
                + "than 50 %): is its extract partial?", found.get(0).sentence());
        assertEquals(List.of(), shrunk.find(Map.of("accepted|agency|health", 380.0, "accepted|agency|police", 90.0), USUAL));
        assertEquals(1, shrunk.find(Map.of("accepted|agency|health", 205.0, "accepted|agency|police", 105.0), USUAL).size(),
                "exactly half is a shrunken extract");
    }

    @Test
    void aQuarantineReasonFarAboveItsUsualShareSurgesButASmallShareDoesNot() {
        AnomalyCheck surge = new AnomalyCheck.QuarantineSurge(3.0, 0.01);
        List<Anomaly> found = surge.find(Map.of("rows_read|run|", 1000.0, "quarantined|reason|bad_date", 120.0), USUAL);
        assertEquals(1, found.size());
        assertTrue(found.get(0).sentence().startsWith("12.00 % of rows were quarantined as bad_date, against a median of "
                + "0.50 % over the last 3 runs"), found.get(0).sentence());
        assertEquals(List.of(), surge.find(Map.of("rows_read|run|", 1000.0, "quarantined|reason|bad_date", 9.0), USUAL),
                "0.9 % is below the 1 % that is worth a look");
    }

    @Test
    void aRuleWhoseFlagsDoubleOrHalveChangedWhereThereAreEnoughToJudge() {
        AnomalyCheck changed = new AnomalyCheck.FlagsChanged(2.0, 10);
        assertEquals(1, changed.find(Map.of("flags|rule|child-not-seen", 90.0), USUAL).size());
        assertEquals(1, changed.find(Map.of("flags|rule|child-not-seen", 20.0), USUAL).size());
        assertEquals(1, changed.find(Map.of(), USUAL).size(), "a rule that stopped firing altogether");
        assertEquals(List.of(), changed.find(Map.of("flags|rule|child-not-seen", 60.0), USUAL));
        assertEquals(List.of(), new AnomalyCheck.FlagsChanged(2.0, 100).find(Map.of("flags|rule|child-not-seen", 90.0), USUAL),
                "too few flags to judge");
    }

    @Test
    void parametersOutsideTheirRangeAreRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnomalyCheck.AgencyShrunk(1.5));
        assertEquals("agency_shrink_below must be between 0 and 1 (a fraction of the median), got 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AnomalyCheck.FlagsChanged(0.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new AnomalyCheck.QuarantineSurge(3, -0.1));
    }

    @Test
    void aRunIsComparedWithTheLatestEntryOfEachEarlierDateAndNoMoreThanLastRuns() {
        List<PastRun> history = new java.util.ArrayList<>(USUAL);
        history.add(run("2026-10-14", Map.of("accepted|agency|health", 1.0)));
        history.add(run("2026-10-21", Map.of()));
        Monitoring m = new Monitoring("h", Monitoring.Policy.WARN, 2, Monitoring.defaultChecks());
        List<PastRun> previous = m.previous(history, LocalDate.parse("2026-10-21"));
        assertEquals(List.of(LocalDate.parse("2026-10-07"), LocalDate.parse("2026-10-14")),
                previous.stream().map(PastRun::asOf).toList(), "the same date is not compared with itself");
        assertEquals(1.0, previous.get(1).value("accepted|agency|health"), "a re-run of a date replaces its entry");
        assertEquals(List.of(), m.find(false, List.of(), List.of()), "no history, nothing to compare");
    }
}
