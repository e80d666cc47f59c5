package org.chronolens.check;

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
            "event_type=plan_started        | bad_outcome        | not allowed for plan_started; expected one of child_in_need, child_protection, looked_after",
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
        // Order: identifiers in ids, missing, id, date, agency, event type, outcome, length, identifiers in text.
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

    @ParameterizedTest(name = "{0} quarantines the row under {1}")
    @CsvSource({
            "subject_id=9434765919, redact", "subject_id=9434765919, quarantine", "subject_id=9434765919, fail",
            "case_id=943-476-5919, redact", "event_id=AB123456C, redact", "related_event_id=07700900123, redact"})
    void anIdThatIsAnIdentifierQuarantinesItsRowUnderEveryPolicy(String override, String policy) {
        CheckedEvent e = new EventCheck(PiiPolicy.parse(policy)).check("f.csv", 4, row(override));
        assertEquals(Reason.PII_DETECTED, e.reason());
        String id = override.substring(override.indexOf('=') + 1);
        assertFalse(e.message().contains(id), "the message never quotes the identifier: " + e.message());
        assertTrue(e.message().contains("ids must be pseudonyms"), e.message());
        e.values().values().forEach(v -> assertFalse(v.contains(id), "no value carries it: " + v));
        assertEquals(1, e.pii().values().stream().mapToInt(Integer::intValue).sum(), "and it is counted");
    }

    @ParameterizedTest(name = "{0} quarantines the row under {1}")
    @CsvSource({
            "subject_id=\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19, redact",
            "case_id=943\u200B476\u200B5919, quarantine",
            "event_id=\uFF21\uFF22\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF23, redact",
            "related_event_id=07700\u00AD900123, fail",
            "case_id=943_476_5919, redact"})
    void anIdThatIsADisguisedIdentifierQuarantinesItsRowAndAppearsNowhereInIt(String override, String policy) {
        CheckedEvent e = new EventCheck(PiiPolicy.parse(policy)).check("f.csv", 4, row(override));
        assertEquals(Reason.PII_DETECTED, e.reason(), e.message());
        String id = override.substring(override.indexOf('=') + 1);
        String seen = IdentifierCorpus.folded(id);
        assertFalse(IdentifierCorpus.folded(e.message()).contains(seen), "the message never quotes it: " + e.message());
        e.values().values().forEach(v -> assertFalse(IdentifierCorpus.folded(v).contains(seen), "no value carries it: " + v));
        String column = override.substring(0, override.indexOf('='));
        assertEquals(e.pii().keySet().iterator().next().placeholder(),
                e.value(ContractColumn.byName(column).orElseThrow()), "the id is shown as its kind");
    }

    @Test
    void aValueFarLongerThanARecordIsShownFromItsStartRedactedAndCut() {
        String welsh = "NHS \uFF19\uFF14\uFF13 \uFF14\uFF17\uFF16 \uFF15\uFF19\uFF11\uFF19, t\u0177 newydd "
                + "g\u0175r ".repeat(3 * (1 << 20) / 4);
        Map<ContractColumn, String> values = row("notes=" + welsh);
        CheckedEvent e = redact.tooLong("f.parquet", 3, "the row is too long", values);
        assertEquals(Reason.TOO_LONG, e.reason());
        assertTrue(e.value(ContractColumn.NOTES).startsWith("NHS [REDACTED:nhs_number], t\u0177 newydd g\u0175r "),
                e.value(ContractColumn.NOTES).substring(0, 60));
        assertEquals(Vocabulary.MAX_NOTES_LENGTH + "...".length(), e.value(ContractColumn.NOTES).length());
    }

    @Test
    void aPartnershipWhoseIdsArePlainNumbersCanDeclareSo() {
        CheckedEvent e = new EventCheck(PiiPolicy.REDACT, true).check("f.csv", 4, row("subject_id=9434765919"));
        assertTrue(e.passed(), e.message());
        assertEquals(Reason.PII_DETECTED,
                new EventCheck(PiiPolicy.REDACT, true).check("f.csv", 4, row("subject_id=AB123456C")).reason(),
                "an NI number is never a pseudonym");
    }

    @ParameterizedTest(name = "id {0} is bad_id")
    @CsvSource({"case_id=..", "case_id=.", "subject_id=-x", "event_id==SUM(A1)", "event_id=_E1", "case_id=../../etc"})
    void anIdStartsWithALetterOrADigit(String override) {
        assertEquals(Reason.BAD_ID, check(override).reason());
    }

    @Test
    void anIdLongerThan64CharactersIsTooLong() {
        CheckedEvent e = check("event_id=" + "E".repeat(65));
        assertEquals(Reason.TOO_LONG, e.reason());
        assertTrue(e.message().contains("event_id is 65 characters long; an id has at most 64"), e.message());
        assertTrue(check("event_id=" + "E".repeat(64)).passed());
        assertEquals(67, e.value(ContractColumn.EVENT_ID).length(), "shown cut to 64 characters and '...'");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "event_date=1900-01-01, true", "event_date=9999-12-31, true", "event_date=1899-12-31, false",
            "event_date=0001-01-01, false", "event_date=+9999999-01-01, false", "event_date=-0001-01-01, false",
            "event_date=+10000-01-01, false", "event_date=1900-01-01T00:00, true", "event_date=0001-01-01T09:00, false",
            "due_date=1899-12-31, false", "due_date=9999-12-31, true", "due_date=+9999999-12-31, false"})
    void datesRunFromTheYear1900To9999(String override, boolean accepted) {
        CheckedEvent e = check(override);
        assertEquals(accepted, e.passed(), () -> override + ": " + e.message());
        if (!accepted) {
            assertEquals(Reason.BAD_DATE, e.reason());
            assertTrue(e.message().contains("years 1900-9999"), e.message());
        }
    }

    @Test
    void theOutcomeOfAnOtherEventIsScannedLikeTheNotes() {
        CheckedEvent e = check("event_type=other", "outcome=left a message for mum at carer@example.org, 07700 900123, SW1A 1AA");
        assertTrue(e.passed(), e.message());
        assertEquals("left a message for mum at [REDACTED:email], [REDACTED:phone], [REDACTED:postcode]",
                e.value(ContractColumn.OUTCOME));
        CheckedEvent q = new EventCheck(PiiPolicy.QUARANTINE).check("f.csv", 3,
                row("event_type=other", "outcome=DOB 03/04/2015"));
        assertEquals(Reason.PII_DETECTED, q.reason());
        assertTrue(q.message().contains("the outcome holds 1 date_of_birth"), q.message());
    }

    @Test
    void theOutcomeOfAnOtherEventHasAtMost200Characters() {
        CheckedEvent e = check("event_type=other", "outcome=" + "y".repeat(201));
        assertEquals(Reason.TOO_LONG, e.reason());
        assertTrue(e.message().contains("the outcome of an other event is 201 characters long; at most 200"), e.message());
        assertTrue(check("event_type=other", "outcome=" + "y".repeat(200)).passed());
    }

    /** Was a defect: such an action gave a flag whose window started after it ended. */
    @Test
    void aDueDateBeforeTheActionsDateIsABadDate() {
        CheckedEvent e = check("event_type=action_agreed", "outcome=", "event_date=2026-03-10", "due_date=2026-03-01");
        assertEquals(Reason.BAD_DATE, e.reason());
        assertTrue(e.message().contains("due_date '2026-03-01' is before the event's date 2026-03-10"), e.message());
        assertTrue(check("event_type=action_agreed", "outcome=", "event_date=2026-03-10", "due_date=2026-03-10").passed());
    }

    @Test
    void planEventsTakeThePlansKindAsTheirOutcome() {
        assertTrue(check("event_type=plan_started", "outcome=child_protection").passed());
        assertTrue(check("event_type=plan_ended", "outcome=looked_after").passed());
        CheckedEvent e = check("event_type=plan_ended", "outcome=adoption");
        assertEquals(Reason.BAD_OUTCOME, e.reason());
        assertTrue(e.message().contains("expected one of child_in_need, child_protection, looked_after"), e.message());
        CheckedEvent empty = check("event_type=plan_started", "outcome=");
        assertEquals(Reason.MISSING_REQUIRED, empty.reason());
        assertTrue(empty.message().contains("plan_started needs one of child_in_need"), empty.message());
    }
}
