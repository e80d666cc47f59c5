package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.List;

import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.chronolens.detect.Chronologies.*;
import static org.junit.jupiter.api.Assertions.*;

/** The system patterns: strategy meetings, drift, patterns held by one agency, advice not followed up. */
class SystemRulesTest {

    @Nested
    class StrategyMeetingAttendanceRule {
        private final Rule rule = rule("strategy-meeting-attendance");

        private Event meeting(String id, String subject, List<String> attendees) {
            return ev(id, "2026-02-01", subject, "strategy_meeting", null).withAttendees(attendees);
        }

        @Test
        void aMeetingWithoutHealthAndPoliceIsFlaggedNamingThem() {
            Flag f = run(rule, meeting("S1", null, List.of("social_care", "education"))).get(0);
            assertEquals(2, f.metric());
            assertNull(f.subjectId(), "a per-event rule leaves the subject as the event gives it");
            assertEquals(List.of("S1"), f.evidenceEventIds());
            assertEquals(f.windowStart(), f.windowEnd());
            assertEquals("Strategy meeting on 2026-02-01 without health or police (threshold: social care, health and police attend)",
                    f.explanation());
            assertEquals("strategy meetings", f.theme());
        }

        @Test
        void allThreeWithExtrasIsFineAndAnEmptyListMissesAllThree() {
            assertEquals(0, run(rule, meeting("S1", null, List.of("police", "health", "social_care", "education"))).size());
            assertEquals(3, run(rule, meeting("S2", "C1", List.of())).get(0).metric());
            assertEquals("C1", run(rule, meeting("S2", "C1", List.of())).get(0).subjectId());
        }

        @Test
        void oneFlagPerMeeting() {
            assertEquals(2, run(rule, meeting("S1", null, List.of("health")), meeting("S2", null, List.of("police"))).size());
        }
    }

    @Nested
    class ActionDriftRule {
        private final Rule rule =
                rule("action-drift-without-escalation");
        private final Event action = family("A", "2026-01-01", "action_agreed", null).withDue("2026-02-01");

        @Test
        void noCompletionAndNoEscalationOnceTheAsOfDateIsPastDuePlus14() {
            Flag f = run(rule, LocalDate.parse("2026-02-16"), action).get(0);
            assertEquals(15, f.metric(), "days late to the as-of date");
            assertEquals("2026-01-01", f.windowStart().toString());
            assertEquals("2026-02-15", f.windowEnd().toString());
            assertEquals(0, run(rule, LocalDate.parse("2026-02-15"), action).size(), "after due + 14 is strict");
        }

        @Test
        void aCompletionOnDuePlus14IsInTimeButALaterOneDoesNotCancelTheFlag() {
            Event onTime = child("C", "2026-02-15", "action_completed", null).withRelated("A");
            assertEquals(0, run(rule, action, onTime).size());
            Event late = ev("C", "2026-03-01", "C9", "action_completed", null).withRelated("A");
            Flag f = run(rule, action, late).get(0);
            assertEquals(28, f.metric(), "days from the due date to the late completion");
        }

        @Test
        void anEscalationFromAnyAgencyBetweenTheActionAndDuePlus14PreventsTheFlag() {
            assertEquals(0, run(rule, action, ev("E", "2026-02-15", "C9", "escalation", null)).size());
            assertEquals(1, run(rule, action, ev("E", "2026-02-16", "C9", "escalation", null)).size());
            assertEquals(1, run(rule, action, ev("E", "2025-12-31", "C9", "escalation", null)).size());
        }

        @Test
        void aCompletionNamingAnotherActionDoesNotCount() {
            assertEquals(1, run(rule, action, child("C", "2026-01-10", "action_completed", null).withRelated("OTHER")).size());
        }
    }

    @Nested
    class PatternHeldByOneAgencyRule {
        private final Rule rule = rule("pattern-held-by-one-agency");

        private final Event[] missed = {
                child("A1", "2026-01-01", "appointment", "was_not_brought"),
                child("A2", "2026-01-10", "appointment", "was_not_brought"),
                child("A3", "2026-01-20", "appointment", "was_not_brought")};

        @Test
        void healthAloneHeldTheMissedAppointmentsAndSharedNothing() {
            Flag f = run(rule, LocalDate.parse("2026-02-03"), missed).get(0);
            assertEquals(List.of("A1", "A2", "A3"), f.evidenceEventIds());
            assertEquals(3, f.metric());
            assertEquals("multi-agency communication", f.theme());
            assertTrue(f.explanation().startsWith("3 of 3 appointments in 20 days were missed (threshold: 3 within 90 days); "
                    + "all recorded by health, which recorded no referral or information shared from 2026-01-01 to "
                    + "2026-02-03 (threshold: evidence held by one agency other than social care, with no referral or "
                    + "information shared within 14 days of the window)"), f.explanation());
            assertEquals(0, run(rule, LocalDate.parse("2026-02-02"), missed).size(), "as-of must be at least end + 14");
        }

        @Test
        void sharingByTheSameAgencyInTheWindowPreventsItButAnotherAgencysDoesNot() {
            Event shared = ev("S", "2026-02-03", "C2", "information_shared", null);
            assertEquals(0, run(rule, with(missed, shared)).size(), "health shared, about another child, on end + 14");
            Event police = new Event("F1", null, "P", LocalDate.parse("2026-01-15"), null, "police", "referral", null,
                    null, null, List.of());
            assertEquals(1, run(rule, with(missed, police)).size());
        }

        @Test
        void evidenceFromTwoAgenciesOrFromSocialCareDoesNotQualify() {
            Event schoolMiss = new Event("F1", "C1", "A4", LocalDate.parse("2026-01-21"), null, "education", "appointment",
                    "was_not_brought", null, null, List.of());
            assertEquals(0, run(rule, with(missed, schoolMiss)).size());
            assertEquals(0, run(rule,
                    child("V1", "2026-01-01", "home_visit", "no_access"),
                    child("V2", "2026-01-02", "home_visit", "no_access")).size(), "home visits are social care's");
        }

        private Event[] with(Event[] base, Event extra) {
            Event[] out = java.util.Arrays.copyOf(base, base.length + 1);
            out[base.length] = extra;
            return out;
        }
    }

    @Nested
    class AdviceNotFollowedUpRule {
        private final Rule rule = rule("advice-not-followed-up");
        private final Event advice = child("ADV", "2026-01-01", "medical_advice", null);

        @Test
        void adviceWithoutFollowUpFiresOnceItsDatePlus60IsReached() {
            Flag f = run(rule, LocalDate.parse("2026-03-02"), advice).get(0);
            assertEquals(1, f.metric());
            assertEquals(List.of("ADV"), f.evidenceEventIds());
            assertEquals(0, run(rule, LocalDate.parse("2026-03-01"), advice).size(), "date + 60 is 2026-03-02");
        }

        @Test
        void aLinkedFollowUpCountsWithin60DaysFromAnySubject() {
            assertEquals(0, run(rule, advice, ev("F", "2026-03-02", "C2", "advice_followup", "adhered").withRelated("ADV")).size());
            assertEquals(1, run(rule, advice, ev("F", "2026-03-03", "C2", "advice_followup", "adhered").withRelated("ADV")).size(),
                    "the 60-day limit applies to linked follow-ups too");
        }

        @Test
        void anUnlinkedFollowUpCountsOnlyAmongTheSubjectsOwnAndFamilyEvents() {
            assertEquals(0, run(rule, advice, family("F", "2026-02-01", "advice_followup", "adhered")).size());
            assertEquals(1, run(rule, advice, ev("F", "2026-02-01", "C2", "advice_followup", "adhered")).size());
            assertEquals(1, run(rule, advice, child("F", "2026-02-01", "advice_followup", "adhered").withRelated("OTHER")).size(),
                    "a follow-up linked to other advice is not unlinked");
        }

        @Test
        void followUpsAfterTheAsOfDateDoNotCount() {
            assertEquals(1, run(rule, LocalDate.parse("2026-03-05"), advice,
                    child("F", "2026-03-06", "advice_followup", "adhered").withRelated("ADV")).size());
        }
    }
}
