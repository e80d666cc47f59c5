package org.chronolens.validate;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds direct identifiers in free text and replaces each by its placeholder.
 *
 * <p>The patterns lean towards catching too much: a false positive costs a redacted word in a
 * note, a false negative leaks an identifier into every output. The one exception the spec makes
 * is the NHS number, which must carry a valid modulus-11 check digit, because ten-digit reference
 * numbers are common in case notes.
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

    // Checked in this order: an NHS number must not be half-eaten by the phone pattern first.
    private static final Pattern NHS = Pattern.compile("(?<![0-9A-Za-z])(\\d{3})[ -]?(\\d{3})[ -]?(\\d{4})(?![0-9A-Za-z])");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern NI = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![A-Za-z0-9])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9A-Za-z+])(?:\\+44[ -]?(?:\\(0\\)[ -]?)?|\\(?0)\\d[\\d \\-()]{7,14}\\d(?![0-9A-Za-z])");
    private static final Pattern POSTCODE = Pattern.compile(
            "(?<![A-Za-z0-9])(?:[A-Z]{1,2}\\d[A-Z\\d]?|GIR) ?\\d[A-Z]{2}(?![A-Za-z0-9])");

    public Scan scan(String text) {
        if (text == null || text.isEmpty()) {
            return new Scan(text, Map.of());
        }
        // Cheap shape tests first: most notes cannot hold any identifier (too few digits, no @, no
        // digit followed by two capitals as in a postcode), and the regular expressions are the
        // bulk of the validation cost.
        int digits = 0;
        boolean at = false;
        boolean inwardCode = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                inwardCode |= i + 2 < text.length() && isCapital(text.charAt(i + 1)) && isCapital(text.charAt(i + 2));
            }
            at |= c == '@';
        }
        Map<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);
        String out = text;
        if (digits >= 10) {
            out = replace(out, NHS, PiiKind.NHS_NUMBER, counts);
        }
        if (at) {
            out = replace(out, EMAIL, PiiKind.EMAIL, counts);
        }
        if (digits >= 6) {
            out = replace(out, NI, PiiKind.NI_NUMBER, counts);
        }
        if (digits >= 10) {
            out = replace(out, PHONE, PiiKind.PHONE, counts);
        }
        if (inwardCode) {
            out = replace(out, POSTCODE, PiiKind.POSTCODE, counts);
        }
        return new Scan(out, counts.isEmpty() ? Map.of() : Map.copyOf(counts));
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** Redacts without counting: for values that are written only to the quarantine. */
    public String redact(String text) {
        return scan(text).redacted();
    }

    private static String replace(String text, Pattern pattern, PiiKind kind, Map<PiiKind, Integer> counts) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!accepts(kind, m)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append(kind.placeholder());
            last = m.end();
            counts.merge(kind, 1, Integer::sum);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    private static boolean accepts(PiiKind kind, Matcher m) {
        return switch (kind) {
            case NHS_NUMBER -> isValidNhsNumber(m.group(1) + m.group(2) + m.group(3));
            case PHONE -> isUkPhone(m.group());
            default -> true;
        };
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
        String digits = candidate.replaceAll("\\D", "");
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
}
