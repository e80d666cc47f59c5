package org.chronolens.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class PiiScannerTest {

    private final PiiScanner scanner = new PiiScanner();

    @ParameterizedTest(name = "{0} is found as {1}")
    @CsvSource(delimiter = '|', value = {
            "NHS 9434765919 on file              | nhs_number",
            "NHS 943 476 5919 on file            | nhs_number",
            "nhs: 943-476-5919.                  | nhs_number",
            "lives at SW1A 1AA now               | postcode",
            "moved to M1 1AE last week           | postcode",
            "call 07700 900123 after school      | phone",
            "call +44 7700 900123                | phone",
            "landline (0161) 496 0000            | phone",
            "mail carer.one@example.org today    | email",
            "NI QQ 12 34 56 C recorded           | ni_number",
            "NI AB123456D recorded               | ni_number",
    })
    void findsEachKind(String text, String kind) {
        PiiScanner.Scan scan = scanner.scan(text.strip());
        assertEquals(1, scan.counts().size(), () -> "found " + scan.counts() + " in " + text);
        PiiKind found = scan.counts().keySet().iterator().next();
        assertEquals(kind.strip(), found.code());
        assertTrue(scan.redacted().contains("[REDACTED:" + kind.strip() + "]"), scan.redacted());
    }

    @ParameterizedTest(name = "nothing in: {0}")
    @ValueSource(strings = {
            "ref 9434765918 is a case reference",       // bad check digit: not an NHS number (Decision 6)
            "ref 1234567890 on the referral form",      // check digit would be 10: never valid
            "seen 2026-03-01 at 09:30, weight 9.4 kg",
            "reviewed on 01/03/2026 with the team",
            "Child seen at school, all fine",
            "the 3rd visit in 12 weeks"})
    void findsNothingInOrdinaryNotes(String text) {
        PiiScanner.Scan scan = scanner.scan(text);
        assertFalse(scan.found(), () -> "unexpected " + scan.counts() + " in " + text);
        assertEquals(text, scan.redacted());
    }

    @Test
    void nhsNumbersNeedAValidModulus11CheckDigit() {
        assertTrue(PiiScanner.isValidNhsNumber("9434765919"));
        assertFalse(PiiScanner.isValidNhsNumber("9434765918"));
        assertFalse(PiiScanner.isValidNhsNumber("943476591"));
    }

    @Test
    void countsEveryIdentifierOfEveryKind() {
        PiiScanner.Scan scan = scanner.scan("943 476 5919 and 4010232137, mail a@b.co, SW1A 1AA");
        assertEquals(2, scan.count(PiiKind.NHS_NUMBER));
        assertEquals(1, scan.count(PiiKind.EMAIL));
        assertEquals(1, scan.count(PiiKind.POSTCODE));
        assertEquals("[REDACTED:nhs_number] and [REDACTED:nhs_number], mail [REDACTED:email], [REDACTED:postcode]",
                scan.redacted());
    }
}
