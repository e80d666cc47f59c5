package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.List;

import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.chronolens.detect.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.chronolens.detect.Chronologies.*;
import static org.junit.jupiter.api.Assertions.*;

/** The three rules of the second rule set, Decision by Decision, on small hand-written chronologies. */
class RulesV11Test {

    private static Event e(String id, String date, String subject, String agency, String type, String outcome) {
        return Event.of("F1", subject, id, date, agency, type, outcome);
    }

    @Nested
    class ChildOnPlanNotSeenRule {
        private final Rule rule = rule("child-on-plan-not-seen");

        @Test
        void aGapLongerThanTheLimitFiresWithItsTwoEndsAsEvidence() {
            List<Flag> flags = run(rule, LocalDate.parse("2026-03-31"),
                    e("P1", "2026-01-01", "C1", "social_care", "plan_started", "child_protection"),
                    e("V1", "2026-01-10", "C1", "social_care", "home_visit", "child_seen"),
                    e("V2", "2026-01-30", "C1", "social_care", "home_visit", "child_seen"),
                    e("V3", "2026-02-10", "C1", "social_care", "home_visit", "child_seen"),
                    e("P2", "2026-02-20", "C1", "social_care", "plan_ended", "child_protection"));
            assertEquals(1, flags.size());
            Flag f = flags.get(0);
            assertEquals(LocalDate.parse("2026-01-10"), f.windowStart());
            assertEquals(LocalDate.parse("2026-01-30"), f.windowEnd());
            assertEquals(20, f.metric(), "the one gap over 14 days");
            assertEquals(List.of("V1", "V2"), f.evidenceEventIds());
            assertEquals("thresholds", f.theme());
            assertEquals(Severity.LOW, f.severity(), "20 days is within one and a half times the limit");
            assertEquals("On a child protection plan from 2026-01-01, the child was not seen by social care for 20 "
                    + "days, from 2026-01-10 to 2026-01-30; 3 visits saw the child during the plan (threshold: seen at "
                    + "least every 14 days on a child protection plan)", f.explanation());
        }

        @Test
        void exactlyTheLimitDoesNotFireAndAnOpenEpisodeEndsAtTheAsOfDateWithNoEventThere() {
            assertEquals(List.of(), run(rule, LocalDate.parse("2026-01-29"),
                    e("P1", "2026-01-01", "C1", "social_care", "plan_started", "child_protection"),
                    e("V1", "2026-01-15", "C1", "social_care", "home_visit", "child_seen")), "14 and 14 days");
            Flag f = run(rule, LocalDate.parse("2026-01-30"),
                    e("P1", "2026-01-01", "C1", "social_care", "plan_started", "child_protection"),
                    e("V1", "2026-01-15", "C1", "social_care", "home_visit", "child_seen")).get(0);
            assertEquals(List.of("V1"), f.evidenceEventIds(), "no event at the as-of date");
            assertEquals(LocalDate.parse("2026-01-30"), f.windowEnd());
            assertTrue(f.explanation().contains("to the as-of date 2026-01-30"), f.explanation());
        }

        @Test
        void onlyVisitsThatSawTheChildByTheAgenciesInSeenByCount() {
            Event[] events = {
                    e("P1", "2026-01-01", "C1", "social_care", "plan_started", "child_protection"),
                    e("V1", "2026-01-10", "C1", "health", "home_visit", "child_seen"),
                    e("V2", "2026-01-12", "C1", "social_care", "home_visit", "no_access"),
                    e("P2", "2026-01-20", "C1", "social_care", "plan_ended", "child_protection")};
            assertEquals(19, run(rule, LocalDate.parse("2026-03-31"), events).get(0).metric());
            assertEquals(List.of(), run(rule("child-on-plan-not-seen", "seen_by", List.of("social_care", "health")),
                    LocalDate.parse("2026-03-31"), events), "health's visit counts when configured");
        }

        @Test
        void limitsArePerKindAndChildInNeedIsNotChecked() {
            Event[] events = {
                    e("P1", "2026-01-01", "C1", "social_care", "plan_started", "child_in_need"),
                    e("P2", "2026-06-01", "C1", "social_care", "plan_ended", "child_in_need"),
                    e("L1", "2026-07-01", "C1", "social_care", "plan_started", "looked_after"),
                    e("L2", "2026-08-10", "C1", "social_care", "plan_ended", "looked_after")};
            assertEquals(List.of(), run(rule, LocalDate.parse("2026-12-31"), events), "150 days on CiN, 40 looked after");
            assertEquals(1, run(rule("child-on-plan-not-seen", "looked_after_days", 30),
                    LocalDate.parse("2026-12-31"), events).size());
        }

        @Test
        void aStartWhileOpenAndAnEndWithNoneOpenAreIgnoredAndAFamilyVisitCountsForEveryChild() {
            List<Flag> flags = run(rule, LocalDate.parse("2026-12-31"),
                    e("X0", "2025-12-01", "C1", "social_care", "plan_ended", "child_protection"),
                    e("P1", "2026-01-01", "C1", "social_care", "plan_started", "child_protection"),
                    e("P1b", "2026-01-05", "C1", "social_care", "plan_started", "child_protection"),
                    e("V1", "2026-01-10", null, "social_care", "home_visit", "child_seen"),
                    e("P2", "2026-01-20", "C1", "social_care", "plan_ended", "child_protection"),
                    e("S1", "2026-01-02", "C2", "social_care", "home_visit", "child_seen"));
            assertEquals(List.of(), flags, "C1's gaps are 9 and 10 days with the family visit (19 without); C2 has no plan");
        }

        @Test
        void aVisitOnTheStartDateCountsAsAfterTheStartWhateverItsTime() {
            List<Flag> flags = run(rule, LocalDate.parse("2026-12-31"),
                    e("B", "2026-01-01", "C1", "social_care", "plan_started", "child_protection").withTime("15:00:00"),
                    e("A", "2026-01-01", "C1", "social_care", "home_visit", "child_seen").withTime("09:00:00"),
                    e("V", "2026-01-20", "C1", "social_care", "home_visit", "child_seen"),
                    e("E", "2026-01-25", "C1", "social_care", "plan_ended", "child_protection"));
            assertEquals(1, flags.size());
            assertEquals(List.of("A", "V"), flags.get(0).evidenceEventIds(), "from the same-day visit, 19 days");
        }

        @Test
        void theLatestGapIsReportedAndATieBetweenKindsGoesToTheKindFirstByName() {
            List<Flag> flags = run(rule("child-on-plan-not-seen", "looked_after_days", 14), LocalDate.parse("2026-12-31"),
                    e("P1", "2026-01-01", "C1", "social_care", "plan_started", "child_protection"),
                    e("L1", "2026-01-01", "C1", "social_care", "plan_started", "looked_after"),
                    e("P2", "2026-02-01", "C1", "social_care", "plan_ended", "child_protection"),
                    e("L2", "2026-02-01", "C1", "social_care", "plan_ended", "looked_after"));
            assertEquals(1, flags.size());
            assertTrue(flags.get(0).explanation().startsWith("On a child protection plan"), flags.get(0).explanation());
        }
    }

    @Nested
    class SelectiveEngagementRule {
        private final Rule rule = rule("selective-engagement");

        @Test
        void oneAgencyShutOutWhileAnotherIsEngagedFires() {
            List<Flag> flags = run(rule,
                    e("H1", "2026-01-01", "C1", "health", "appointment", "did_not_attend"),
                    e("H2", "2026-01-20", "C1", "health", "appointment", "was_not_brought"),
                    e("S1", "2026-01-25", "C1", "education", "contact", "responded"),
                    e("S2", "2026-02-05", "C1", "education", "contact", "responded"),
                    e("H3", "2026-02-10", "C1", "health", "contact", "no_response"));
            assertEquals(1, flags.size());
            Flag f = flags.get(0);
            assertEquals(3, f.metric());
            assertEquals(List.of("H1", "H2", "H3", "S1", "S2"), f.evidenceEventIds());
            assertEquals(LocalDate.parse("2026-01-01"), f.windowStart());
            assertEquals(LocalDate.parse("2026-02-10"), f.windowEnd());
            assertEquals("Health recorded 3 non-engagement events and no engagement, while education recorded 2 "
                    + "engagement events and no non-engagement, from 2026-01-01 to 2026-02-10 (threshold: 3 "
                    + "non-engagement with one agency and 2 engagement with another within 90 days)", f.explanation());
        }

        @Test
        void anyEngagementWithTheShutAgencyOrNonEngagementWithTheOtherStopsIt() {
            assertEquals(List.of(), run(rule,
                    e("H1", "2026-01-01", "C1", "health", "appointment", "did_not_attend"),
                    e("H2", "2026-01-20", "C1", "health", "appointment", "was_not_brought"),
                    e("H4", "2026-01-21", "C1", "health", "appointment", "attended"),
                    e("S1", "2026-01-25", "C1", "education", "contact", "responded"),
                    e("S2", "2026-02-05", "C1", "education", "contact", "responded"),
                    e("H3", "2026-02-10", "C1", "health", "contact", "no_response")));
            assertEquals(List.of(), run(rule,
                    e("H1", "2026-01-01", "C1", "health", "appointment", "did_not_attend"),
                    e("H2", "2026-01-20", "C1", "health", "appointment", "was_not_brought"),
                    e("S1", "2026-01-25", "C1", "education", "contact", "responded"),
                    e("S3", "2026-01-26", "C1", "education", "contact", "no_response"),
                    e("S2", "2026-02-05", "C1", "education", "contact", "responded"),
                    e("H3", "2026-02-10", "C1", "health", "contact", "no_response")));
        }

        @Test
        void theWindowIs90DaysWithEveryEventOnADateAndTheEngagedAgencyWithMostEventsWinsTiesByName() {
            List<Flag> flags = run(rule,
                    e("H1", "2026-01-01", "C1", "health", "appointment", "did_not_attend"),
                    e("H2", "2026-02-01", "C1", "health", "appointment", "was_not_brought"),
                    e("P1", "2026-03-01", "C1", "police", "contact", "responded"),
                    e("P2", "2026-03-02", "C1", "police", "contact", "responded"),
                    e("E1", "2026-03-01", "C1", "education", "contact", "responded"),
                    e("E2", "2026-03-02", "C1", "education", "contact", "responded"),
                    e("H3", "2026-03-31", "C1", "health", "contact", "no_response"));
            assertEquals(1, flags.size(), "Jan 1 to Mar 31 is 90 days, both ends included");
            assertTrue(flags.get(0).evidenceEventIds().containsAll(List.of("E1", "E2")), "education before police");
            assertEquals(List.of(), run(rule,
                    e("H1", "2026-01-01", "C1", "health", "appointment", "did_not_attend"),
                    e("H2", "2026-02-01", "C1", "health", "appointment", "was_not_brought"),
                    e("E1", "2026-03-01", "C1", "education", "contact", "responded"),
                    e("E2", "2026-03-02", "C1", "education", "contact", "responded"),
                    e("H3", "2026-04-01", "C1", "health", "contact", "no_response")), "91 days");
        }
    }

    @Nested
    class RepeatClosureAndReReferralRule {
        private final Rule rule = rule("repeat-closure-and-re-referral");

        private Event closed(String id, String date) {
            return e(id, date, null, "social_care", "case_closed", null);
        }

        private Event referral(String id, String date, String agency) {
            return e(id, date, null, agency, "referral", null);
        }

        @Test
        void twoCyclesWithin730DaysFireForTheCaseWithNoSubject() {
            List<Flag> flags = run(rule,
                    referral("R0", "2024-01-01", "health"),
                    closed("C1", "2024-06-01"),
                    referral("R1", "2024-09-01", "police"),
                    closed("C2", "2025-01-01"),
                    referral("R2", "2025-06-01", "education"));
            assertEquals(1, flags.size());
            Flag f = flags.get(0);
            assertNull(f.subjectId());
            assertEquals(2, f.metric());
            assertEquals(LocalDate.parse("2024-06-01"), f.windowStart());
            assertEquals(LocalDate.parse("2025-06-01"), f.windowEnd());
            assertEquals(List.of("C1", "C2", "R1", "R2"), f.evidenceEventIds());
            assertEquals("The case was closed and re-referred 2 times (closed 2024-06-01, re-referred 2024-09-01; "
                    + "closed 2025-01-01, re-referred 2025-06-01) (threshold: 2 within 730 days, each re-referral "
                    + "within 365 days of its closure)", f.explanation());
        }

        @Test
        void aReferralOnTheClosuresOwnDateOrMoreThan365DaysAfterMakesNoCycle() {
            assertEquals(List.of(), run(rule,
                    closed("C1", "2024-06-01"),
                    referral("R1", "2024-06-01", "police").withTime("23:00:00"),
                    closed("C2", "2025-01-01"),
                    referral("R2", "2025-06-01", "education")));
            assertEquals(List.of(), run(rule,
                    closed("C1", "2023-06-01"),
                    referral("R1", "2024-06-01", "police"),
                    closed("C2", "2025-01-01"),
                    referral("R2", "2025-06-01", "education")), "366 days");
        }

        @Test
        void everyReferralClearsThePendingClosureAndALaterClosureReplacesIt() {
            assertEquals(List.of(), run(rule,
                    closed("C1", "2024-06-01"),
                    referral("R1", "2024-06-01", "police"),
                    referral("R1b", "2024-07-01", "police"),
                    closed("C2", "2025-01-01"),
                    referral("R2", "2025-06-01", "education")), "R1 on the closure's date clears it: one cycle");
            Flag f = run(rule,
                    closed("C1", "2024-06-01"),
                    closed("C1b", "2024-08-01"),
                    referral("R1", "2024-09-01", "police"),
                    closed("C2", "2025-01-01"),
                    referral("R2", "2025-06-01", "education")).get(0);
            assertEquals(List.of("C1b", "C2", "R1", "R2"), f.evidenceEventIds(), "the later closure pairs");
        }

        @Test
        void cyclesMoreThan730DaysApartDoNotAddUp() {
            assertEquals(List.of(), run(rule,
                    closed("C1", "2022-01-01"),
                    referral("R1", "2022-03-01", "police"),
                    closed("C2", "2024-03-01"),
                    referral("R2", "2024-03-02", "education")));
        }
    }
}
