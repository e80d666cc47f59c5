package org.chronolens.check;

import java.util.Map;
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
        assertFalse(IdentifierCorpus.folded(scan.redacted()).contains(IdentifierCorpus.folded(shape.secret())),
                () -> "read as a reader would, '" + scan.redacted() + "' still holds it");
    }

    static Stream<IdentifierCorpus.Shape> disguised() {
        return IdentifierCorpus.DISGUISED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("disguised")
    void aDisguisedIdentifierIsReplacedWholeInTheOriginalAndEverythingAroundItIsKeptAsWritten(
            IdentifierCorpus.Shape shape) {
        assertEquals(shape.text().replace(shape.secret(), shape.kind().placeholder()),
                scanner.scan(shape.text()).redacted());
    }

    @Test
    void textAroundAFullwidthNhsNumberKeepsItsAccentsAndInvisibleCharacters() {
        String text = "Zo\u00EB\u200D: NHS \uFF19\uFF14\uFF13 \uFF14\uFF17\uFF16 \uFF15\uFF19\uFF11\uFF19, \u0141\u00F3d\u017A\u00AD";
        PiiScanner.Scan scan = scanner.scan(text);
        assertEquals("Zo\u00EB\u200D: NHS [REDACTED:nhs_number], \u0141\u00F3d\u017A\u00AD", scan.redacted());
        assertEquals(1, scan.count(PiiKind.NHS_NUMBER));
    }

    @Test
    void twoDisguisedIdentifiersInOneTextAreEachReplacedInPlace() {
        PiiScanner.Scan scan = scanner.scan("a\u200Bb 943\u200B476\u200B5919 c\u200Bd, then \uFF10\uFF17\uFF17\uFF10\uFF10 900123!");
        assertEquals("a\u200Bb [REDACTED:nhs_number] c\u200Bd, then [REDACTED:phone]!", scan.redacted());
        assertEquals(Map.of(PiiKind.NHS_NUMBER, 1, PiiKind.PHONE, 1), scan.counts());
    }

    @Test
    void aThinOrWideSpaceBetweenDigitGroupsIsASpaceLikeAnyOther() {
        assertEquals("call [REDACTED:phone] now", scanner.redact("call 07700\u2009900123 now"));
        assertEquals("NHS [REDACTED:nhs_number]", scanner.redact("NHS 943\u2003476\u205F5919"));
    }

    @Test
    void anUndecodableCharacterDoesNotStopTheScan() {
        assertEquals("\uDBFF [REDACTED:nhs_number] \uDBFF", scanner.redact("\uDBFF 943\u200B476\u200B5919 \uDBFF"));
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

    @ParameterizedTest(name = "id {0} is {1}")
    @CsvSource({
            "\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19, nhs_number",
            "943\u200B476\u200B5919, nhs_number",
            "NHS-\uFF19\uFF14\uFF13-\uFF14\uFF17\uFF16-\uFF15\uFF19\uFF11\uFF19, nhs_number",
            "\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669, nhs_number",
            "\uFF21\uFF22\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF23, ni_number",
            "AB\u00AD123456\u00ADC, ni_number",
            "07700\u00AD900123, phone",
            "\u200E07700900123\u200E, phone"})
    void anIdDisguisedByInvisibleCharactersOrOtherDigitsIsNamedByItsKind(String id, String kind) {
        assertEquals(Optional.of(kind), scanner.identifierInId(id, false).map(PiiKind::code));
    }

    @Test
    void fullwidthDigitsAreNotAPlainNumberPseudonym() {
        assertEquals(Optional.of(PiiKind.NHS_NUMBER),
                scanner.identifierInId("\uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF19", true));
    }

    @ParameterizedTest(name = "id {0} is a pseudonym")
    @CsvSource({"C\uFF10\uFF10\uFF18-E\uFF16\uFF13", "Zo\u00EB-0001", "\u0141\u00F3d\u017A-2026-0001"})
    void pseudonymsInOtherScriptsAreNotIdentifiers(String id) {
        assertEquals(Optional.empty(), scanner.identifierInId(id, false));
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

    /**
     * The quick test that lets most ids skip the patterns may only skip ids the patterns would
     * clear: 300,000 random ids, built to fall near the shapes (digit runs beside letters, dashes,
     * dots, spaces, parentheses, +44 and (0), NI letters, a date of birth or an e-mail address
     * before a number, digits of other scripts, invisible and compatibility characters), judged
     * with it and by the full test on the id as the scanner reads it.
     */
    @Test
    void theQuickTestForIdsNeverSkipsAnIdThePatternsWouldFind() {
        java.util.Random random = new java.util.Random(31);
        String[] pieces = {"0", "1", "4", "7", "9", "943", "476", "5919", "07700", "900123", "44", "+44", "(0)", "(",
                ")", "-", ".", "_", " ", "\u00A0", "\u2013", "\u200B", "\u00AD", "a", "b", "c", "d", "q", "AB", "QQ",
                "C", "E", "K", "x", "\u212A", "\u017F", "\u0130", "@", "a@b.co", "dob ", "DOB 1/2/2015 ", "NHS", "12",
                "34", "56", "000001", "C000001-E", "\u0669\u0664\u0663", "\uFF14\uFF17\uFF16", "\uFF21\uFF22",
                "[REDACTED:ni_number]", "\u00E9"};
        Map<PiiKind, Integer> found = new java.util.EnumMap<>(PiiKind.class);
        for (int i = 0; i < 300_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int n = 2 + random.nextInt(8); n > 0; n--) {
                id.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = id.toString();
            Optional<PiiKind> quick = scanner.identifierInId(text, false);
            String seen = PiiScanner.folded(text);
            Optional<PiiKind> full = seen.chars().filter(c -> c >= '0' && c <= '9').count() < 6 ? Optional.empty()
                    : scanner.identifierInSeen(seen);
            assertEquals(full, quick, () -> "id '" + text + "'");
            quick.ifPresent(k -> found.merge(k, 1, Integer::sum));
        }
        // The ids came near enough to the shapes for each kind to be found many times.
        for (PiiKind kind : new PiiKind[] {PiiKind.NHS_NUMBER, PiiKind.NI_NUMBER, PiiKind.PHONE}) {
            assertTrue(found.getOrDefault(kind, 0) > 50, () -> kind + " found only " + found);
        }
    }

    /**
     * What the quick test relies on, character by character: the patterns' digits are 0-9 only, no
     * character they take between digits is a letter, every character an NI number's letters may
     * be is a letter, and a redaction placeholder holds no digit and ends in a bracket.
     */
    @Test
    void theQuickTestsAssumptionsHoldForEveryCharacter() {
        java.util.regex.Pattern digit = java.util.regex.Pattern.compile("\\d", PiiScanner.PATTERN_FLAGS);
        java.util.regex.Pattern between = java.util.regex.Pattern.compile(PiiScanner.SEPARATOR + "|[()+]",
                PiiScanner.PATTERN_FLAGS);
        java.util.regex.Pattern niLetter = java.util.regex.Pattern.compile("[a-z]", PiiScanner.PATTERN_FLAGS);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String one = String.valueOf((char) c);
            int code = c;
            if (digit.matcher(one).matches()) {
                assertTrue(c >= '0' && c <= '9', () -> "\\d matches U+" + Integer.toHexString(code));
            }
            if (between.matcher(one).matches()) {
                assertFalse(Character.isLetter(c), () -> "a separator is a letter: U+" + Integer.toHexString(code));
            }
            if (niLetter.matcher(one).matches()) {
                assertTrue(Character.isLetter(c), () -> "an NI letter is not a letter: U+" + Integer.toHexString(code));
            }
        }
        for (PiiKind kind : PiiKind.values()) {
            assertTrue(kind.placeholder().chars().noneMatch(Character::isDigit) && kind.placeholder().endsWith("]"),
                    kind.placeholder());
        }
    }

    @ParameterizedTest(name = "id {0}")
    @CsvSource({"C000001-E0081, false", "C000001-C1, false", "943-476-5919, true", "C9434765919, true",
            "AB123456C, true", "A-B-123456-C, true", "X123456-C, false", "+44 7700 900789, true"})
    void theQuickTestForIdsLooksForTenDigitsOrSixAfterTwoLetters(String id, boolean could) {
        assertEquals(could, PiiScanner.couldHoldNumber(id));
    }
}
