package org.chronolens.validate;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

class EventCheckTest {

    private final EventCheck redact = new EventCheck(PiiPolicy.REDACT);

    /** A valid appointment, with the given column=value overrides. */
    private static Map<ContractColumn, String> row(String... overrides) {
        Map<ContractColumn, String> v = new EnumMap<>(ContractColumn.class);
        v.put(ContractColumn.CASE_ID, "F1");
        v.put(ContractColumn.SUBJECT_ID, "C1");
        v.put(ContractColumn.EVENT_ID, "E1");
        v.put(ContractColumn.EVENT_DATE, "2026-03-01");
        v.put(ContractColumn.AGENCY, "health");
        v.put(ContractColumn.EVENT_TYPE, "appointment");
        v.put(ContractColumn.OUTCOME, "attended");
        for (String o : overrides) {
            int eq = o.indexOf('=');
            v.put(ContractColumn.byName(o.substring(0, eq)).orElseThrow(), o.substring(eq + 1));
        }
        return v;
    }

    private CheckedEvent check(String... overrides) {
        return redact.check("health.csv", 7, row(overrides));
    }

    @Test
    void aValidRowPassesWithTypedDates() {
        CheckedEvent e = check("event_date=2026-03-01T09:30");
        assertTrue(e.passed(), e.message());
        assertEquals("2026-03-01", e.eventDay().toString());
        assertEquals("09:30:00", e.eventTime());
    }

    @Test
    void valuesAreMatchedAfterTrimming() {
        CheckedEvent e = check("agency=  health ", "event_type= appointment", "outcome=attended  ");
        assertTrue(e.passed(), e.message());
        assertEquals("health", e.value(ContractColumn.AGENCY));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "case_id=                       | missing_required   | case_id is empty",
            "event_type=action_agreed       | missing_required   | action_agreed needs a due date",
            "outcome=                       | missing_required   | appointment needs one of attended",
            "event_id=E 1                   | bad_id             | event_id 'E 1' is not a valid id",
            "subject_id=child/1             | bad_id             | subject_id 'child/1'",
            "event_date=2026-02-30          | bad_date           | event_date '2026-02-30' is not a date",
            "event_date=01/03/2026          | bad_date           | expected yyyy-MM-dd or yyyy-MM-ddTHH:mm[:ss]",
            "agency=Health                  | unknown_agency     | agency 'Health' is not one of social_care, health",
            "attendees=health;fire_service  | unknown_agency     | attendee 'fire_service'",
            "event_type=visit               | unknown_event_type | event_type 'visit' is not one of appointment",
            "outcome=DNA                    | bad_outcome        | outcome 'DNA' is not allowed for appointment; expected one of attended, was_not_brought",
    })
    void aBadRowIsQuarantinedWithItsReasonAndAMessageNamingTheValue(String override, String reason, String message) {
        CheckedEvent e = check(override.strip());
        assertFalse(e.passed());
        assertEquals(reason, e.reason().code());
        assertTrue(e.message().contains(message.strip()), e.message());
    }

    @Test
    void aTypeWithoutOutcomesRefusesOne() {
        CheckedEvent e = check("event_type=referral", "outcome=made");
        assertEquals(Reason.BAD_OUTCOME, e.reason());
        assertTrue(e.message().contains("referral, which takes no outcome"), e.message());
    }

    @Test
    void otherKeepsAnyOutcome() {
        assertTrue(check("event_type=other", "outcome=anything at all").passed());
    }

    @Test
    void notesLongerThan4000CharactersAreTooLong() {
        CheckedEvent e = check("notes=" + "x".repeat(4001));
        assertEquals(Reason.TOO_LONG, e.reason());
        assertTrue(e.message().contains("4001 characters long; at most 4000"), e.message());
        assertTrue(check("notes=" + "x".repeat(4000)).passed());
    }

    @Test
    void undecodableBytesQuarantineTheRowAsBadEncoding() {
        CheckedEvent e = check("notes=caf" + EventCheck.UNDECODABLE + " visit");
        assertEquals(Reason.BAD_ENCODING, e.reason());
        assertEquals("caf\uFFFD visit", e.value(ContractColumn.NOTES), "shown with a replacement character, never accepted");
    }

    @Test
    void theFirstProblemInTheFixedOrderIsTheReasonAndEveryProblemIsInTheMessage() {
        CheckedEvent e = check("event_id=bad id", "event_date=yesterday", "agency=fire");
        assertEquals(Reason.BAD_ID, e.reason());
        assertTrue(e.message().contains("'bad id'") && e.message().contains("'yesterday'")
                && e.message().contains("'fire'"), e.message());
    }

    @Test
    void identifiersInNotesAreRedactedUnderTheRedactPolicy() {
        CheckedEvent e = check("notes=Mum gave NHS no 943 476 5919 at reception");
        assertTrue(e.passed());
        assertEquals("Mum gave NHS no [REDACTED:nhs_number] at reception", e.value(ContractColumn.NOTES));
        assertEquals(1, e.pii().get(PiiKind.NHS_NUMBER));
    }

    @Test
    void identifiersInNotesQuarantineTheRowUnderTheQuarantinePolicyStillRedacted() {
        CheckedEvent e = new EventCheck(PiiPolicy.QUARANTINE).check("f.csv", 3, row("notes=write to a.parent@example.org"));
        assertEquals(Reason.PII_DETECTED, e.reason());
        assertTrue(e.message().contains("1 email"), e.message());
        assertEquals("write to [REDACTED:email]", e.value(ContractColumn.NOTES));
    }

    @Test
    void aQuarantinedRowNeverQuotesAnIdentifierInItsMessageOrValues() {
        CheckedEvent e = check("case_id=jo.bloggs@example.org");
        assertEquals(Reason.BAD_ID, e.reason());
        assertFalse(e.message().contains("bloggs"), e.message());
        assertFalse(e.value(ContractColumn.CASE_ID).contains("bloggs"));
    }

    @Test
    void attendeesAreKeptAsASortedSet() {
        CheckedEvent e = check("event_type=strategy_meeting", "outcome=", "attendees=police; health;police;");
        assertTrue(e.passed(), e.message());
        assertEquals("health;police", e.value(ContractColumn.ATTENDEES));
    }

    @Test
    void aStrategyMeetingWithNoAttendeesIsAcceptedForTheRuleToFlag() {
        assertTrue(check("event_type=strategy_meeting", "outcome=", "attendees=").passed());
    }
}
