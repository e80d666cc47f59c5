package org.chronolens.check;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The eleven columns of chronology v1, in the order they are written out. */
public enum ContractColumn {
    CASE_ID(true),
    SUBJECT_ID(false),
    EVENT_ID(true),
    EVENT_DATE(true),
    AGENCY(true),
    EVENT_TYPE(true),
    OUTCOME(false),
    RELATED_EVENT_ID(false),
    DUE_DATE(false),
    ATTENDEES(false),
    NOTES(false);

    private final boolean required;
    private final String column;

    ContractColumn(boolean required) {
        this.required = required;
        this.column = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Required in every file's header; the others may be absent and are then empty (see docs/chronology-format.md). */
    public boolean required() {
        return required;
    }

    public String column() {
        return column;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ContractColumn::column).toList();
    }

    public static Optional<ContractColumn> byName(String normalisedName) {
        return Arrays.stream(values()).filter(c -> c.column().equals(normalisedName)).findFirst();
    }

    /** Header names match case-insensitively after trimming. */
    public static String normalise(String header) {
        return header == null ? "" : header.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
