package org.chronolens.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What to do with a row whose notes hold an identifier that slipped through anonymisation. */
public enum PiiPolicy {
    /** Replace each identifier by {@code [REDACTED:kind]} and keep the row. */
    REDACT,
    /** Send the row to quarantine as {@code pii_detected} (its notes redacted there too). */
    QUARANTINE,
    /** Refuse the whole run; the quarantine and data-quality outputs are still written. */
    FAIL;

    public static PiiPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown PII policy '" + value + "'; expected one of "
                    + Arrays.stream(values()).map(PiiPolicy::code).collect(Collectors.joining(", ")));
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
