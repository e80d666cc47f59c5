package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.List;

import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.chronolens.detect.Severity;
import org.junit.jupiter.api.Test;

import static org.chronolens.detect.Chronologies.*;
import static org.junit.jupiter.api.Assertions.*;

class MissedAppointmentsTest {

    private final Rule rule = rule("missed-appointments");

    @Test
    void threeMissedWithin90DaysFireWithTheWindowEvidenceAndADenominator() {
        List<Flag> flags = run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-01-20", "appointment", "attended"),
                child("A3", "2026-01-25", "appointment", "did_not_attend"),
                child("A4", "2026-02-10", "appointment", "was_not_brought"),
                child("A5", "2026-02-11", "appointment", "attended"));
        assertEquals(1, flags.size());
        Flag f = flags.get(0);
        assertEquals("C1", f.subjectId());
        assertEquals(LocalDate.parse("2026-01-01"), f.windowStart());
        assertEquals(LocalDate.parse("2026-02-10"), f.windowEnd());
        assertEquals(3, f.metric());
        assertEquals(List.of("A1", "A3", "A4"), f.evidenceEventIds());
        assertEquals(Severity.LOW, f.severity());
        assertEquals("disguised compliance and non-engagement", f.theme());
        assertEquals("3 of 4 appointments in 41 days were missed (threshold: 3 within 90 days)", f.explanation());
    }

    @Test
    void twoMissedAreJustBelowTheThreshold() {
        assertEquals(List.of(), run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-01-25", "appointment", "did_not_attend")));
    }

    @Test
    void eventsExactly89DaysApartShareAWindowAnd90DaysApartDoNot() {
        assertEquals(1, run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-02-01", "appointment", "was_not_brought"),
                child("A3", "2026-03-31", "appointment", "was_not_brought")).size(), "Jan 1 to Mar 31 is 89 days");
        assertEquals(0, run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-02-01", "appointment", "was_not_brought"),
                child("A3", "2026-04-01", "appointment", "was_not_brought")).size(), "Jan 1 to Apr 1 is 90 days");
    }

    @Test
    void everyEventOnTheAnchorDateCountsAndTheLatestWindowIsReported() {
        List<Flag> flags = run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-01-02", "appointment", "was_not_brought"),
                child("A3", "2026-01-03", "appointment", "was_not_brought"),
                child("B2", "2026-06-01", "appointment", "was_not_brought"),
                child("B1", "2026-06-01", "appointment", "did_not_attend"),
                child("B3", "2026-06-01", "appointment", "was_not_brought"),
                child("B4", "2026-06-01", "appointment", "was_not_brought"));
        Flag f = flags.get(0);
        assertEquals(LocalDate.parse("2026-06-01"), f.windowStart());
        assertEquals(4, f.metric());
        assertEquals(List.of("B1", "B2", "B3", "B4"), f.evidenceEventIds());
        assertEquals(Severity.MEDIUM, f.severity());
    }

    @Test
    void familyLevelAppointmentsCountForEverySibling() {
        List<Flag> flags = run(rule,
                ev("A1", "2026-01-01", null, "appointment", "was_not_brought"),
                ev("A2", "2026-01-02", "C1", "appointment", "was_not_brought"),
                ev("A3", "2026-01-03", "C2", "appointment", "was_not_brought"),
                ev("A4", "2026-01-04", "C2", "appointment", "was_not_brought"));
        assertEquals(List.of("C2"), flags.stream().map(Flag::subjectId).toList());
        assertEquals(List.of("A1", "A3", "A4"), flags.get(0).evidenceEventIds());
    }

    @Test
    void aCaseWithoutSubjectIdsHasOneSubjectNamedByTheCase() {
        List<Flag> flags = run(rule,
                family("A1", "2026-01-01", "appointment", "was_not_brought"),
                family("A2", "2026-01-02", "appointment", "was_not_brought"),
                family("A3", "2026-01-03", "appointment", "was_not_brought"));
        assertEquals("F1", flags.get(0).subjectId());
    }

    @Test
    void eventsAfterTheAsOfDateAreNotUsed() {
        assertEquals(0, run(rule, LocalDate.parse("2026-01-02"),
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-01-02", "appointment", "was_not_brought"),
                child("A3", "2026-01-03", "appointment", "was_not_brought")).size());
    }

    @Test
    void onlyNotBroughtAndDidNotAttendCount() {
        assertEquals(0, run(rule,
                child("A1", "2026-01-01", "appointment", "cancelled_by_family"),
                child("A2", "2026-01-02", "appointment", "rescheduled_by_family"),
                child("A3", "2026-01-03", "appointment", "cancelled_by_service"),
                child("A4", "2026-01-04", "appointment", "was_not_brought"),
                child("A5", "2026-01-05", "home_visit", "no_access")).size());
    }

    @Test
    void theOutcomeListIsConfigurable() {
        Rule wide = rule("missed-appointments", "count", 2, "days", 90,
                "outcomes", List.of("was_not_brought", "cancelled_by_family"));
        assertEquals(1, run(wide,
                child("A1", "2026-01-01", "appointment", "cancelled_by_family"),
                child("A2", "2026-01-02", "appointment", "was_not_brought")).size());
    }
}
