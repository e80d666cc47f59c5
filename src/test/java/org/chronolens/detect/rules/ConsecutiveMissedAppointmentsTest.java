package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.List;

import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.junit.jupiter.api.Test;

import static org.chronolens.detect.Chronologies.*;
import static org.junit.jupiter.api.Assertions.*;

class ConsecutiveMissedAppointmentsTest {

    private final Rule rule =
            rule("consecutive-missed-appointments");

    @Test
    void twoMissedInARowFireAndAttendedEndsARun() {
        List<Flag> flags = run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-02-01", "appointment", "attended"),
                child("A3", "2026-03-01", "appointment", "did_not_attend"),
                child("A4", "2026-05-01", "appointment", "was_not_brought"));
        Flag f = flags.get(0);
        assertEquals(List.of("A3", "A4"), f.evidenceEventIds());
        assertEquals(LocalDate.parse("2026-03-01"), f.windowStart());
        assertEquals(LocalDate.parse("2026-05-01"), f.windowEnd());
        assertEquals("2 appointments in a row were missed, from 2026-03-01 to 2026-05-01 (threshold: 2 in a row)",
                f.explanation());
    }

    @Test
    void oneMissedThenAttendedIsBelowTheThreshold() {
        assertEquals(0, run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-02-01", "appointment", "attended"),
                child("A3", "2026-03-01", "appointment", "was_not_brought")).size());
    }

    @Test
    void skippedOutcomesNeitherExtendNorBreakARunAndAreNotEvidence() {
        List<Flag> flags = run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-01-10", "appointment", "cancelled_by_service"),
                child("A3", "2026-01-20", "appointment", "cancelled_by_family"),
                child("A4", "2026-01-30", "appointment", "rescheduled_by_family"),
                child("A5", "2026-02-10", "appointment", "did_not_attend"));
        assertEquals(List.of("A1", "A5"), flags.get(0).evidenceEventIds());
        assertEquals(2, flags.get(0).metric());
    }

    @Test
    void familyCancellationsCountWhenConfigured() {
        Rule counting = rule("consecutive-missed-appointments", "family_cancellations_count_as_missed", true);
        assertEquals(List.of("A1", "A2"), run(counting,
                child("A1", "2026-01-01", "appointment", "cancelled_by_family"),
                child("A2", "2026-01-10", "appointment", "rescheduled_by_family")).get(0).evidenceEventIds());
    }

    @Test
    void theLatestRunOfAtLeastTwoIsReportedWithItsLength() {
        List<Flag> flags = run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-01-02", "appointment", "was_not_brought"),
                child("A3", "2026-01-03", "appointment", "was_not_brought"),
                child("A4", "2026-02-01", "appointment", "attended"),
                child("A5", "2026-03-01", "appointment", "was_not_brought"),
                child("A6", "2026-03-02", "appointment", "was_not_brought"),
                child("A7", "2026-04-01", "appointment", "attended"),
                child("A8", "2026-05-01", "appointment", "was_not_brought"));
        assertEquals(List.of("A5", "A6"), flags.get(0).evidenceEventIds());
    }

    @Test
    void familyLevelAppointmentsBelongToEverySiblingsSequence() {
        List<Flag> flags = run(rule,
                ev("A1", "2026-01-01", "C1", "appointment", "was_not_brought"),
                ev("A2", "2026-01-02", null, "appointment", "was_not_brought"),
                ev("A3", "2026-01-03", "C2", "appointment", "attended"));
        assertEquals(List.of("C1"), flags.stream().map(Flag::subjectId).toList());
    }

    @Test
    void sameDateTiesOrderByTimeWhereBothHaveOneElseByEventId() {
        List<Flag> timed = run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("Z", "2026-01-02", "appointment", "was_not_brought").withTime("08:00:00"),
                child("B", "2026-01-02", "appointment", "attended").withTime("17:00:00"));
        assertEquals(List.of("A1", "Z"), timed.get(0).evidenceEventIds(), "by time Z comes before B");
        List<Flag> untimed = run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("Z", "2026-01-02", "appointment", "was_not_brought"),
                child("B", "2026-01-02", "appointment", "attended"));
        assertEquals(List.of(), untimed, "without times B sorts before Z: missed, attended, missed");
    }

    /**
     * The order is total: an untimed event counts as 00:00, so it comes before every timed event of
     * its date. Under the old pairwise rule (time where both have one, else id) Z(08:00) < B(17:00),
     * B < M (ids) and M < Z (ids) was a circle, resolved by insertion order.
     */
    @Test
    void anUntimedEventCountsAsMidnightSoTheOrderWithinADayIsTotal() {
        List<Flag> flags = run(rule,
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("Z", "2026-01-02", "appointment", "was_not_brought").withTime("08:00:00"),
                child("B", "2026-01-02", "appointment", "attended").withTime("17:00:00"),
                child("M", "2026-01-02", "appointment", "was_not_brought"));
        assertEquals(1, flags.size(), "A1, M (00:00), Z (08:00) missed in a row, then B attended");
        assertEquals(List.of("A1", "M", "Z"), flags.get(0).evidenceEventIds());
    }
}
