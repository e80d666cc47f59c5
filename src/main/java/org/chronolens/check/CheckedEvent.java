package org.chronolens.check;

import java.time.LocalDate;
import java.util.Map;

/**
 * One input row after the row-level checks. {@code values} holds the contract columns as text
 * (trimmed; identifiers in notes already redacted when the policy says so, every value redacted
 * when the row is quarantined). The typed fields are set only for rows that passed.
 */
public record CheckedEvent(
        String sourceFile,
        long line,
        Map<ContractColumn, String> values,
        LocalDate eventDay,
        String eventTime,
        LocalDate dueDay,
        Reason reason,
        String message,
        Map<PiiKind, Integer> pii) {

    public boolean passed() {
        return reason == null;
    }

    public String value(ContractColumn column) {
        return values.get(column);
    }
}
