package org.chronolens.check;

/** Kinds of direct identifier looked for in text and ids; the code appears as {@code [REDACTED:code]}. */
public enum PiiKind {
    NHS_NUMBER("nhs_number"),
    NI_NUMBER("ni_number"),
    EMAIL("email"),
    PHONE("phone"),
    POSTCODE("postcode"),
    DATE_OF_BIRTH("date_of_birth");

    private final String code;

    PiiKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String placeholder() {
        return "[REDACTED:" + code + "]";
    }
}
