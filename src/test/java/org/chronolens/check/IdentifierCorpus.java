package org.chronolens.check;

import java.util.List;

/**
 * The regression corpus of identifier shapes: each positive entry is text that must be found and
 * redacted (as its kind), each negative entry ordinary case-note text that must be left alone. The
 * scanner's tests and the end-to-end leak test share it, so that a shape added here is checked
 * from the scanner to every output file.
 */
public final class IdentifierCorpus {

    /** An identifier as it may appear in text, its kind, and the digits or letters that must never reach an output. */
    public record Shape(String text, PiiKind kind, String secret) {
    }

    public static final List<Shape> POSITIVE = List.of(
            new Shape("NHS 9434765919 on file", PiiKind.NHS_NUMBER, "9434765919"),
            new Shape("NHS 943 476 5919 on file", PiiKind.NHS_NUMBER, "943 476 5919"),
            new Shape("nhs: 943-476-5919.", PiiKind.NHS_NUMBER, "943-476-5919"),
            new Shape("number 943.476.5919 given", PiiKind.NHS_NUMBER, "943.476.5919"),
            new Shape("number 401\u00A0023\u00A02137 given", PiiKind.NHS_NUMBER, "401\u00A0023\u00A02137"),
            new Shape("number 401\u2013023\u20132137 given", PiiKind.NHS_NUMBER, "401\u2013023\u20132137"),
            new Shape("lives at SW1A 1AA now", PiiKind.POSTCODE, "SW1A 1AA"),
            new Shape("lives at sw1a 1aa now", PiiKind.POSTCODE, "sw1a 1aa"),
            new Shape("moved to M1 1AE last week", PiiKind.POSTCODE, "M1 1AE"),
            new Shape("moved to ls11 5bb in May", PiiKind.POSTCODE, "ls11 5bb"),
            new Shape("call 07700 900123 after school", PiiKind.PHONE, "07700 900123"),
            new Shape("call 07700.900.456 after school", PiiKind.PHONE, "07700.900.456"),
            new Shape("call +44 7700 900789", PiiKind.PHONE, "7700 900789"),
            new Shape("landline (0161) 496 0000", PiiKind.PHONE, "(0161) 496 0000"),
            new Shape("mail carer.one@example.org today", PiiKind.EMAIL, "carer.one@example.org"),
            new Shape("mail CARER.TWO@EXAMPLE.ORG today", PiiKind.EMAIL, "CARER.TWO@EXAMPLE.ORG"),
            new Shape("NI QQ 12 34 56 C recorded", PiiKind.NI_NUMBER, "QQ 12 34 56 C"),
            new Shape("NI AB123456D recorded", PiiKind.NI_NUMBER, "AB123456D"),
            new Shape("ni ab123456c recorded", PiiKind.NI_NUMBER, "ab123456c"),
            new Shape("ni ab-12-34-56-c recorded", PiiKind.NI_NUMBER, "ab-12-34-56-c"),
            new Shape("DOB 03/04/2015 per mother", PiiKind.DATE_OF_BIRTH, "03/04/2015"),
            new Shape("d.o.b. 17.05.2014 confirmed", PiiKind.DATE_OF_BIRTH, "17.05.2014"),
            new Shape("Date of birth: 2016-11-02", PiiKind.DATE_OF_BIRTH, "2016-11-02"),
            new Shape("baby born on 9 March 2025 at home", PiiKind.DATE_OF_BIRTH, "9 March 2025"),
            new Shape("born 21st Jan 2019", PiiKind.DATE_OF_BIRTH, "21st Jan 2019"));

    public static final List<String> NEGATIVE = List.of(
            "ref 9434765918 is a case reference",        // bad check digit: not an NHS number
            "ref 1234567890 on the referral form",       // check digit would be 10: never valid
            "seen 2026-03-01 at 09:30, weight 9.4 kg",
            "reviewed on 01/03/2026 with the team",
            "visit 01.02.2026 10.30 went ahead",
            "Child seen at school, all fine",
            "the 3rd visit in 12 weeks",
            "year 6 pupil, in y6 1st term, room b2 2nd floor",
            "appointment booked for 03/04/2026",
            "birth plan discussed at 32 weeks",
            "born prematurely, now thriving");

    private IdentifierCorpus() {
    }
}
