package org.chronolens.check;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.*;

class PiiScannerTest {

    private final PiiScanner scanner = new PiiScanner();

    static Stream<IdentifierCorpus.Shape> positives() {
        return IdentifierCorpus.POSITIVE.stream();
    }

    static Stream<String> negatives() {
        return IdentifierCorpus.NEGATIVE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positives")
    void everyShapeOfTheCorpusIsFoundAsItsKindAndRedacted(IdentifierCorpus.Shape shape) {
        PiiScanner.Scan scan = scanner.scan(shape.text());
        assertEquals(1, scan.count(shape.kind()), () -> "found " + scan.counts() + " in '" + shape.text() + "'");
        assertTrue(scan.redacted().contains(shape.kind().placeholder()), scan.redacted());
        assertFalse(scan.redacted().contains(shape.secret()), scan.redacted());
    }

    @ParameterizedTest(name = "nothing in: {0}")
    @MethodSource("negatives")
    void ordinaryNotesOfTheCorpusAreLeftAlone(String text) {
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

    @ParameterizedTest(name = "id {0} is {1}")
    @CsvSource({
            "9434765919, nhs_number",
            "943-476-5919, nhs_number",
            "943.476.5919, nhs_number",
            "NHS-943-476-5919, nhs_number",
            "AB123456C, ni_number",
            "ab-12-34-56-c, ni_number",
            "07700900123, phone",
            "0161-496-0000, phone"})
    void anIdThatIsAnIdentifierIsNamedByItsKind(String id, String kind) {
        assertEquals(Optional.of(kind), scanner.identifierInId(id, false).map(PiiKind::code));
    }

    @ParameterizedTest(name = "id {0} is a pseudonym")
    @CsvSource({"C000008-E0063", "BAD-E01", "VT-05", "F1", "9434765918", "20260301-0001", "CASE.0001"})
    void ordinaryPseudonymsAreNotIdentifiers(String id) {
        assertEquals(Optional.empty(), scanner.identifierInId(id, false));
    }

    @Test
    void aPartnershipWithNumericPseudonymsCanDeclareThem() {
        assertEquals(Optional.of(PiiKind.NHS_NUMBER), scanner.identifierInId("9434765919", false));
        assertEquals(Optional.empty(), scanner.identifierInId("9434765919", true), "digits only: declared pseudonyms");
        assertEquals(Optional.of(PiiKind.NHS_NUMBER), scanner.identifierInId("943-476-5919", true),
                "with separators it is not a plain number");
        assertEquals(Optional.of(PiiKind.NI_NUMBER), scanner.identifierInId("AB123456C", true));
    }
}
