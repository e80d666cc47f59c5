package org.chronolens.check;

/**
 * Why a row was quarantined. The code is the machine-readable value written in the
 * {@code reason} column; the spec names the first eleven, the rest are this project's.
 */
public enum Reason {
    MISSING_REQUIRED("missing_required"),
    BAD_DATE("bad_date"),
    UNKNOWN_AGENCY("unknown_agency"),
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    BAD_OUTCOME("bad_outcome"),
    BAD_ID("bad_id"),
    DUPLICATE_CONFLICT("duplicate_conflict"),
    DANGLING_REFERENCE("dangling_reference"),
    PII_DETECTED("pii_detected"),
    TOO_LONG("too_long"),
    MALFORMED_CSV("malformed_csv"),
    BAD_ENCODING("bad_encoding");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
