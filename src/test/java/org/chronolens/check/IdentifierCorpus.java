package org.chronolens.check;

import java.text.Normalizer;
import java.util.List;
import java.util.stream.Stream;

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

    public static final List<Shape> PLAIN = List.of(
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

    /**
     * Identifiers as text pasted from e-mail, word processors and other case systems carries them:
     * with invisible characters between the digit groups, in fullwidth or other scripts' digits,
     * with odd spaces. The secret is exactly the span that must be replaced, so that a test can
     * check that no part of it is left.
     */
    public static final List<Shape> DISGUISED = List.of(
            // 943 476 5919 with zero-width spaces between the groups
            new Shape("NHS 943\u200B476\u200B5919 on file", PiiKind.NHS_NUMBER, "943\u200B476\u200B5919"),
            // 4857773457 in fullwidth digits
            new Shape("NHS \uFF14\uFF18\uFF15\uFF17\uFF17\uFF17\uFF13\uFF14\uFF15\uFF17 on file", PiiKind.NHS_NUMBER,
                    "\uFF14\uFF18\uFF15\uFF17\uFF17\uFF17\uFF13\uFF14\uFF15\uFF17"),
            // 450 557 7104 in fullwidth digits, ideographic spaces between
            new Shape("NHS \uFF14\uFF15\uFF10\u3000\uFF15\uFF15\uFF17\u3000\uFF17\uFF11\uFF10\uFF14 noted",
                    PiiKind.NHS_NUMBER, "\uFF14\uFF15\uFF10\u3000\uFF15\uFF15\uFF17\u3000\uFF17\uFF11\uFF10\uFF14"),
            // 3216549879 in Arabic-Indic digits, in Arabic text
            new Shape("\u0631\u0642\u0645 \u0663\u0662\u0661\u0666\u0665\u0664\u0669\u0668\u0667\u0669 NHS",
                    PiiKind.NHS_NUMBER, "\u0663\u0662\u0661\u0666\u0665\u0664\u0669\u0668\u0667\u0669"),
            // 401 023 2137 with word joiners
            new Shape("number 401\u2060023\u20602137 given", PiiKind.NHS_NUMBER, "401\u2060023\u20602137"),
            // a mobile number with a soft hyphen, then one in left-to-right marks, then fullwidth with a thin space
            new Shape("call 07700\u00AD900321 after school", PiiKind.PHONE, "07700\u00AD900321"),
            new Shape("call \u200E07700\u200E900654\u200E tonight", PiiKind.PHONE, "07700\u200E900654"),
            new Shape("tel \uFF10\uFF17\uFF17\uFF10\uFF10\u2009\uFF19\uFF10\uFF10\uFF19\uFF18\uFF17 (mum)",
                    PiiKind.PHONE, "\uFF10\uFF17\uFF17\uFF10\uFF10\u2009\uFF19\uFF10\uFF10\uFF19\uFF18\uFF17"),
            // postcodes with a zero-width joiner, a byte-order mark (zero-width no-break space), in fullwidth
            new Shape("lives at SW1A\u200D1AA now", PiiKind.POSTCODE, "SW1A\u200D1AA"),
            new Shape("moved to LS11\uFEFF5BB in May", PiiKind.POSTCODE, "LS11\uFEFF5BB"),
            new Shape("moved to \uFF2D\uFF11 \uFF11\uFF21\uFF25 last week", PiiKind.POSTCODE,
                    "\uFF2D\uFF11 \uFF11\uFF21\uFF25"),
            // an e-mail address with a zero-width space, then one in fullwidth letters and at sign
            new Shape("mail carer\u200B.three@example.org today", PiiKind.EMAIL, "carer\u200B.three@example.org"),
            new Shape("mail \uFF43\uFF41\uFF52\uFF45\uFF52\uFF14\uFF20\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45"
                    + "\uFF0E\uFF4F\uFF52\uFF47 today", PiiKind.EMAIL, "\uFF43\uFF41\uFF52\uFF45\uFF52\uFF14\uFF20"
                    + "\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45\uFF0E\uFF4F\uFF52\uFF47"),
            // NI numbers in fullwidth, then with soft hyphens
            new Shape("NI \uFF2A\uFF23\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF21 recorded", PiiKind.NI_NUMBER,
                    "\uFF2A\uFF23\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF21"),
            new Shape("NI JE\u00AD65\u00AD43\u00AD21\u00ADB recorded", PiiKind.NI_NUMBER, "JE\u00AD65\u00AD43\u00AD21\u00ADB"),
            // dates of birth in fullwidth digits, then with odd spaces and Devanagari digits (2017)
            new Shape("DOB \uFF10\uFF13/\uFF10\uFF14/\uFF12\uFF10\uFF11\uFF18 per mother", PiiKind.DATE_OF_BIRTH,
                    "DOB \uFF10\uFF13/\uFF10\uFF14/\uFF12\uFF10\uFF11\uFF18"),
            new Shape("born\u00A0on\u200B 12\u202FNov\u00A0\u0968\u0966\u0967\u096D at home", PiiKind.DATE_OF_BIRTH,
                    "born\u00A0on\u200B 12\u202FNov\u00A0\u0968\u0966\u0967\u096D"));

    /** Every shape: the plain ones, then the disguised ones. */
    public static final List<Shape> POSITIVE = Stream.concat(PLAIN.stream(), DISGUISED.stream()).toList();

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
            "born prematurely, now thriving",
            // Ordinary text in other languages and scripts: it must come out exactly as it went in.
            "Zo\u00EB and her gran visited \u0141\u00F3d\u017A in the holidays",
            "Mae'r teulu'n byw mewn t\u0177 newydd; g\u0175r a gwraig, plant ysgol",
            "\u0397 \u03BF\u03B9\u03BA\u03BF\u03B3\u03AD\u03BD\u03B5\u03B9\u03B1 \u03BC\u03B5\u03C4\u03B1\u03BA\u03CC"
                    + "\u03BC\u03B9\u03C3\u03B5 \u03C4\u03BF\u03BD \u039C\u03AC\u03C1\u03C4\u03B9\u03BF",
            "\u0421\u0435\u043C\u044C\u044F \u043F\u0435\u0440\u0435\u0435\u0445\u0430\u043B\u0430 \u0432 \u043C"
                    + "\u0430\u0440\u0442\u0435, \u0432\u0441\u0451 \u0445\u043E\u0440\u043E\u0448\u043E",
            "\u0632\u0627\u0631\u062A \u0627\u0644\u0623\u0633\u0631\u0629 \u0627\u0644\u0645\u062F\u0631\u0633"
                    + "\u0629 \u064A\u0648\u0645 \u0663 \u0645\u0627\u0631\u0633",
            "\u5B69\u5B50\u4ECA\u5929\u5728\u5B66\u6821\u8868\u73B0\u5F88\u597D\u3002",
            "\uFF13\u6708\uFF11\u65E5\u306B\u5BB6\u5EAD\u8A2A\u554F\u3002\u4F53\u91CD \uFF11\uFF12\uFF0E\uFF15 kg",
            "\u05D4\u05DE\u05E9\u05E4\u05D7\u05D4\u200F \u05D1\u05D9\u05E7\u05E8\u05D4 \u05D1\u05D1\u05D9\u05EA",
            "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u062F \u0628\u0647 \u0645\u062F\u0631\u0633\u0647 \u0628\u0631\u0648\u062F",
            "Happy at school today \uD83D\uDE0A\uD83D\uDC4D\uD83C\uDFFD \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\uFB01nal visit at the caf\u00E9, Zoe\u0308 and Chloe\u0301 \u00BD day, room \u2461",
            "\u53C2\u7167 \uFF19\uFF14\uFF13\uFF14\uFF17\uFF16\uFF15\uFF19\uFF11\uFF18, \u0660\u0661/\u0660\u0663/\u0662\u0660\u0662\u0666",
            "\u0130stanbul'dan ta\u015F\u0131nd\u0131lar, ref 9434765918 (not NHS)",
            "\u0928\u092E\u0938\u094D\u0924\u0947, \u0967\u0968 \u0935\u0930\u094D\u0937 \u0915\u0940 \u0932\u0921\u093C\u0915\u0940");

    /**
     * Text as a reader would take it in, to look for an identifier however it was written: compatibility
     * forms folded (NFKC), invisible format characters dropped, every decimal digit as its ASCII digit,
     * lower case, and the separators a number may be written with (spaces, dots, hyphens, dashes)
     * removed. Written apart from the scanner's own normalising, so that the scanner is not checked
     * against itself.
     */
    public static String folded(String s) {
        StringBuilder b = new StringBuilder(s.length());
        Normalizer.normalize(s, Normalizer.Form.NFKC).codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.FORMAT || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || cp == '.' || cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
                return;
            }
            if (Character.isDigit(cp)) {
                b.append((char) ('0' + Character.digit(cp, 10)));
            } else {
                b.appendCodePoint(Character.toLowerCase(cp));
            }
        });
        return b.toString();
    }

    private IdentifierCorpus() {
    }
}
