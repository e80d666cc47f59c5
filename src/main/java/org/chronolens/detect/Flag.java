package org.chronolens.detect;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * One flag: a pattern seen in one subject's (or one event's) chronology, with its evidence.
 * A prompt for professional reflection, never a score of a family. {@code subjectId} is null
 * when a per-event rule flags a family-level event.
 */
public record Flag(String ruleId, String theme, String caseId, String subjectId, LocalDate windowStart,
                   LocalDate windowEnd, double metric, String threshold, Severity severity,
                   List<String> evidenceEventIds, String explanation) implements Serializable {

    public Flag {
        evidenceEventIds = evidenceEventIds.stream().sorted().toList();
    }
}
