package org.chronolens.check;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds direct identifiers in text and replaces each by its placeholder. One scanner serves every
 * text a row carries (notes, the outcome of an {@code other} event, values shown in the
 * quarantine) and the ids, which get a stricter test of their own ({@link #identifierInId}).
 *
 * <p>The patterns lean towards catching too much: a false positive costs a redacted word in a
 * note, a false negative leaks an identifier into every output. They match whatever the letter
 * case, and digit groups may be separated by spaces, non-breaking spaces, hyphens, dashes or dots.
 * Two exceptions keep ordinary notes readable: an NHS number must carry a valid modulus-11 check
 * digit (ten-digit reference numbers are common in case notes), and a postcode must start with a
 * real UK postcode area (otherwise "y6 1st" would be one).
 *
 * <p>Text beyond ASCII is read as a reader sees it before the patterns run: invisible format
 * characters dropped, digits of every script and fullwidth forms read as their plain selves
 * ({@link Seen}); what is found is cut from the text as written.
 */
public final class PiiScanner implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Result of one scan: the redacted text and how many identifiers of each kind it held. */
    public record Scan(String redacted, Map<PiiKind, Integer> counts) {
        public boolean found() {
            return !counts.isEmpty();
        }

        public int count(PiiKind kind) {
            return counts.getOrDefault(kind, 0);
        }
    }

    /** What may stand between the digit groups of a number: spaces of every width, hyphens, dashes, dots. */
    static final String SEPARATOR = "[\\s\\u00A0\\u2007\\u202F.\\-\\u2010-\\u2015\\u2212]";
    static final int PATTERN_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final String MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";
    private static final String DATE = "(?:\\d{1,2}\\s?[/.\\-]\\s?\\d{1,2}\\s?[/.\\-]\\s?\\d{2,4}"
            + "|\\d{4}-\\d{1,2}-\\d{1,2}"
            + "|\\d{1,2}" + ORDINAL + "\\s+(?:of\\s+)?" + MONTH + ",?\\s+\\d{2,4}"
            + "|" + MONTH + "\\s+\\d{1,2}" + ORDINAL + ",?\\s+\\d{2,4})";

    // Checked in this order: a date of birth or an NHS number must not be half-eaten by the phone pattern first.
    // couldHoldNumber lets an id skip the NHS, NI and phone patterns on what they share: ASCII digits,
    // no letter among what they take between digits, letters before an NI number's digits; a
    // change to them must keep that (PiiScannerTest checks it character by character).
    private static final Pattern DOB = Pattern.compile(
            "(?<![a-z])(?:d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birth\\s?date|born(?:\\s+on)?)"
                    + "\\s*[:=\\-\\u2013]?\\s*(?:(?:is|was)\\s+)?" + DATE + "(?![0-9])", PATTERN_FLAGS);
    private static final Pattern NHS = Pattern.compile(
            "(?<![0-9a-z])(\\d{3})" + SEPARATOR + "{0,3}(\\d{3})" + SEPARATOR + "{0,3}(\\d{4})(?![0-9a-z])",
            PATTERN_FLAGS);
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}", PATTERN_FLAGS);
    private static final Pattern NI = Pattern.compile(
            "(?<![a-z0-9])[a-z]{2}" + SEPARATOR + "{0,3}\\d{2}" + SEPARATOR + "{0,3}\\d{2}" + SEPARATOR + "{0,3}\\d{2}"
                    + SEPARATOR + "{0,3}[a-d](?![a-z0-9])", PATTERN_FLAGS);
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9a-z+])(?:\\+44" + SEPARATOR + "{0,3}(?:\\(0\\)" + SEPARATOR + "{0,3})?|\\(?0)\\d(?:[\\d()]|"
                    + SEPARATOR + "){7,20}\\d(?![0-9a-z])", PATTERN_FLAGS);
    private static final Pattern POSTCODE = Pattern.compile(
            "(?<![a-z0-9])([a-z]{1,2})(\\d[a-z\\d]?)" + SEPARATOR + "{0,2}(\\d)([a-z]{2})(?![a-z0-9])", PATTERN_FLAGS);

    /** The postcode areas of the UK and the Crown dependencies (plus BFPO and GIR 0AA). */
    private static final Set<String> POSTCODE_AREAS = Set.of(("AB AL B BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM "
            + "CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GIR GL GU GY HA HD HG HP HR HS HU HX IG "
            + "IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG "
            + "RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO "
            + "ZE").split(" "));
    private static final Set<String> ORDINALS = Set.of("st", "nd", "rd", "th");
    // Compiled once: ids are checked on every row, several per row.
    private static final Pattern ID_SEPARATORS = Pattern.compile("[._\\-]");
    private static final Pattern NI_WHOLE = Pattern.compile("(?i)[a-z]{2}\\d{6}[a-d]");
    private static final Pattern NON_DIGIT = Pattern.compile("\\D");

    public Scan scan(String text) {
        if (text == null || text.isEmpty()) {
            return new Scan(text, Map.of());
        }
        int shape = shape(text);
        // Text beyond ASCII is scanned as a reader sees it (see Seen); ASCII text is already so,
        // and takes this path without a copy.
        Seen seen = (shape & NON_ASCII) == 0 ? Seen.plain(text) : Seen.of(text);
        if (seen.folded != text) {
            shape = shape(seen.folded);
        }
        int digits = shape & DIGITS;
        Map<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);
        if (digits >= 2 && mentionsBirth(seen.folded)) {
            seen = replace(seen, DOB, PiiKind.DATE_OF_BIRTH, counts);
        }
        if (digits >= 10) {
            seen = replace(seen, NHS, PiiKind.NHS_NUMBER, counts);
        }
        if ((shape & AT) != 0) {
            seen = replace(seen, EMAIL, PiiKind.EMAIL, counts);
        }
        if (digits >= 6) {
            seen = replace(seen, NI, PiiKind.NI_NUMBER, counts);
        }
        if (digits >= 10) {
            seen = replace(seen, PHONE, PiiKind.PHONE, counts);
        }
        if ((shape & INWARD_CODE) != 0) {
            seen = replace(seen, POSTCODE, PiiKind.POSTCODE, counts);
        }
        return new Scan(seen.original, counts.isEmpty() ? Map.of() : Map.copyOf(counts));
    }

    private static final int DIGITS = 0xFFFF;
    private static final int AT = 1 << 16;
    private static final int INWARD_CODE = 1 << 17;
    private static final int NON_ASCII = 1 << 18;

    /**
     * Cheap shape tests first: most notes cannot hold any identifier (too few digits, no @, no
     * digit followed by two letters as in a postcode), and the regular expressions are the bulk of
     * the validation cost. Packed in one int (digits counted up to 65535, then flags): one pass,
     * nothing allocated, and it tells whether the text needs reading as a reader would.
     */
    private static int shape(String text) {
        int digits = 0;
        int flags = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                if (i + 2 < text.length() && Character.isLetter(text.charAt(i + 1))
                        && Character.isLetter(text.charAt(i + 2))) {
                    flags |= INWARD_CODE;
                }
            } else if (c == '@') {
                flags |= AT;
            } else if (c >= 0x80) {
                flags |= NON_ASCII;
            }
        }
        return Math.min(digits, DIGITS) | flags;
    }

    private static boolean mentionsBirth(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("dob") || lower.contains("d.o.b") || lower.contains("birth") || lower.contains("born");
    }

    /** Redacts without counting: for values that are written only to the quarantine. */
    public String redact(String text) {
        return scan(text).redacted();
    }

    /**
     * The kind of identifier an id value is, if it is one: a ten-digit number passing the NHS
     * check, a National Insurance number or a UK phone number, whole or as a part set off by the
     * id's separators ({@code NHS-943-476-5919}). {@code numericPseudonyms}: the partnership
     * declared that its pseudonyms are plain numbers, so an id of digits only is not tested as an
     * NHS or phone number.
     */
    public Optional<PiiKind> identifierInId(String id, boolean numericPseudonyms) {
        if (id == null || id.isEmpty() || (numericPseudonyms && id.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            return Optional.empty();
        }
        // Read as text is read: fullwidth digits or a zero-width space do not make an id a pseudonym.
        String seen = folded(id);
        // Every kind looked for has its digits together, six at least (an NI number's): most ids have no such stretch.
        if (!couldHoldNumber(seen)) {
            return Optional.empty();
        }
        return identifierInSeen(seen);
    }

    /** Text as the patterns read it (see {@link Seen}): ASCII text as it is. */
    static String folded(String text) {
        return (shape(text) & NON_ASCII) == 0 ? text : Seen.of(text).folded;
    }

    /**
     * Whether any part of an id could be one of the numbers {@link #identifierInId} looks for. A
     * match of each has its digits in one stretch without letters: ten or more for an NHS or
     * phone number, six for an NI number, whose two letters come before them (here: any two
     * letters anywhere before the stretch). The redaction placeholders that earlier patterns may
     * put before a number hold no digit and end in a bracket. Ids such as {@code C000123-E0042}
     * have ten digits but neither shape, and would otherwise take every pattern: a tenth of a
     * scan's time.
     */
    static boolean couldHoldNumber(String id) {
        int letters = 0;
        int lettersBeforeStretch = 0;
        int digits = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (Character.isLetter(c)) {
                if (aNumberFits(digits, lettersBeforeStretch)) {
                    return true;
                }
                digits = 0;
                lettersBeforeStretch = ++letters;
            }
        }
        return aNumberFits(digits, lettersBeforeStretch);
    }

    private static boolean aNumberFits(int digitsInStretch, int lettersBefore) {
        return digitsInStretch >= 10 || (digitsInStretch >= 6 && lettersBefore >= 2);
    }

    /** {@link #identifierInId} without the shape tests, on the id as read. */
    Optional<PiiKind> identifierInSeen(String seen) {
        String compact = ID_SEPARATORS.matcher(seen).replaceAll("");
        if (compact.length() == 10 && compact.chars().allMatch(c -> c >= '0' && c <= '9') && isValidNhsNumber(compact)) {
            return Optional.of(PiiKind.NHS_NUMBER);
        }
        if (NI_WHOLE.matcher(compact).matches()) {
            return Optional.of(PiiKind.NI_NUMBER);
        }
        if (compact.chars().allMatch(c -> c >= '0' && c <= '9') && isUkPhone(compact)) {
            return Optional.of(PiiKind.PHONE);
        }
        // A part of the id: underscores are word characters to the patterns, so they become spaces.
        Scan scan = scan(seen.replace('_', ' '));
        for (PiiKind kind : new PiiKind[] {PiiKind.NHS_NUMBER, PiiKind.NI_NUMBER, PiiKind.PHONE}) {
            if (scan.count(kind) > 0) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static Seen replace(Seen seen, Pattern pattern, PiiKind kind, Map<PiiKind, Integer> counts) {
        Matcher m = pattern.matcher(seen.folded);
        String text = seen.original;
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!accepts(kind, m)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            // A character read as several (a ligature) may hold the end of one match and the start
            // of the next: it goes with the first.
            int start = Math.max(seen.start(m.start()), last);
            out.append(text, last, start).append(kind.placeholder());
            last = Math.max(seen.end(m.end()), start);
            counts.merge(kind, 1, Integer::sum);
        }
        if (out == null) {
            return seen;
        }
        return seen.after(out.append(text, last, text.length()).toString());
    }

    private static boolean accepts(PiiKind kind, Matcher m) {
        return switch (kind) {
            case NHS_NUMBER -> isValidNhsNumber(m.group(1) + m.group(2) + m.group(3));
            case PHONE -> isUkPhone(m.group());
            case POSTCODE -> isPostcode(m);
            default -> true;
        };
    }

    private static boolean isPostcode(Matcher m) {
        String area = m.group(1).toUpperCase(Locale.ROOT);
        if (!POSTCODE_AREAS.contains(area) && !(area.equals("GI") && m.group(2).equalsIgnoreCase("R"))) {
            return false;
        }
        // "b2 1st", "ward c3 2nd": ordinals in lower-case prose, not postcodes.
        String inward = m.group(4);
        return !(ORDINALS.contains(inward) && inward.equals(inward.toLowerCase(Locale.ROOT)));
    }

    /** Modulus 11 over the first nine digits, weights 10 down to 2; 11 becomes 0 and 10 is never valid. */
    public static boolean isValidNhsNumber(String tenDigits) {
        if (tenDigits.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (tenDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == tenDigits.charAt(9) - '0';
    }

    /** A UK number has 10 or 11 digits in national form (0 then a non-zero digit). */
    private static boolean isUkPhone(String candidate) {
        String digits = NON_DIGIT.matcher(candidate).replaceAll("");
        if (digits.startsWith("440")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("44")) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0")) {
            digits = digits.substring(1);
        } else {
            return false;
        }
        return (digits.length() == 9 || digits.length() == 10) && digits.charAt(0) != '0';
    }

    /**
     * A text as the patterns read it, and where each of its characters came from. Text pasted from
     * e-mail, word processors and other case systems carries characters a reader does not see or
     * reads as something else: zero-width spaces and joiners, soft hyphens and direction marks
     * (dropped here), digits of other scripts and fullwidth digits (read as 0-9), spaces of every
     * width (read as a space) and compatibility forms such as fullwidth letters and at signs (read
     * as their plain form, NFKC). The patterns run on {@link #folded}; a match is cut from
     * {@link #original}, from the first character it came from to the end of the last, so that
     * every invisible character inside the identifier goes with it and text outside any match is
     * kept exactly as written.
     */
    private static final class Seen {
        final String original;
        final String folded;
        /**
         * Per folded char, where the original code point it came from starts (it ends one code
         * point later). Null when the two texts are one.
         */
        private final int[] from;
        private final boolean ascii;

        private Seen(String original, String folded, int[] from, boolean ascii) {
            this.original = original;
            this.folded = folded;
            this.from = from;
            this.ascii = ascii;
        }

        static Seen plain(String ascii) {
            return new Seen(ascii, ascii, null, true);
        }

        static Seen of(String text) {
            // Most text beyond ASCII is already in its compatibility form ("Zoë", Welsh, Arabic):
            // one check of the whole text saves normalising it code point by code point.
            boolean compatible = Normalizer.isNormalized(text, Normalizer.Form.NFKC);
            Builder b = new Builder(text.length());
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (cp < 0x80 || compatible) {
                    b.append(cp, i);
                } else {
                    String nfkc = Normalizer.normalize(text.substring(i, next), Normalizer.Form.NFKC);
                    for (int j = 0; j < nfkc.length(); ) {
                        int c = nfkc.codePointAt(j);
                        b.append(c, i);
                        j += Character.charCount(c);
                    }
                }
                i = next;
            }
            String folded = b.text.toString();
            return folded.equals(text) ? new Seen(text, text, null, false) : new Seen(text, folded, b.from, false);
        }

        int start(int foldedIndex) {
            return from == null ? foldedIndex : from[foldedIndex];
        }

        int end(int foldedEnd) {
            if (from == null) {
                return foldedEnd;
            }
            int start = from[foldedEnd - 1];
            return start + Character.charCount(original.codePointAt(start));
        }

        /** The same text with its matches replaced: ASCII stays ASCII, anything else is read anew. */
        Seen after(String redacted) {
            return ascii ? plain(redacted) : of(redacted);
        }

        private static final class Builder {
            final StringBuilder text;
            int[] from;

            Builder(int capacity) {
                text = new StringBuilder(capacity);
                from = new int[capacity];
            }

            /** {@code cp}, or what it is read as, coming from the original code point at {@code start}. */
            void append(int cp, int start) {
                if (cp < 0x80) {
                    put((char) cp, start);
                } else if (Character.getType(cp) == Character.FORMAT) {
                    return;
                } else if (Character.isDigit(cp)) {
                    put((char) ('0' + Character.digit(cp, 10)), start);
                } else if (Character.isSpaceChar(cp) || Character.isWhitespace(cp)) {
                    put(' ', start);
                } else if (Character.isBmpCodePoint(cp)) {
                    put((char) cp, start);
                } else {
                    put(Character.highSurrogate(cp), start);
                    put(Character.lowSurrogate(cp), start);
                }
            }

            private void put(char c, int start) {
                int n = text.length();
                if (n == from.length) {
                    from = Arrays.copyOf(from, Math.max(16, n * 2));
                }
                text.append(c);
                from[n] = start;
            }
        }
    }
}
