package org.chronolens.detect;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One flag: a pattern seen in one subject's (or one event's) chronology, with its evidence.
 * A prompt for professional reflection, never a score of a family. {@code subjectId} is null
 * when a per-event rule flags a family-level event.
 *
 * <p>Rules build flags with {@link #of}, which names each part, rather than with the eleven
 * positional arguments of the record, where two dates or two strings could swap unseen:
 * <pre>{@code
 * Flag.of(this, c.caseId(), subject).window(start, end).metric(n, threshold)
 *         .severity(Severity.ofCount(n, count)).evidence(ids).explaining(text)
 * }</pre>
 */
public record Flag(String ruleId, String theme, String caseId, String subjectId, LocalDate windowStart,
                   LocalDate windowEnd, double metric, String threshold, Severity severity,
                   List<String> evidenceEventIds, String explanation) implements Serializable {

    public Flag {
        evidenceEventIds = evidenceEventIds.stream().sorted().toList();
    }

    /**
     * A flag the rule raises on the case, for the subject ({@code null} for a family-level event);
     * the rule's id and its theme's title go on the flag, so they cannot disagree with the catalogue.
     */
    public static Builder of(Rule rule, String caseId, String subjectId) {
        return new Builder(rule, caseId, subjectId);
    }

    /** A flag's parts, named one at a time; {@link #explaining} checks every one is there and builds it. */
    public static final class Builder {
        private final Rule rule;
        private final String caseId;
        private final String subjectId;
        private LocalDate windowStart;
        private LocalDate windowEnd;
        private Double metric;
        private String threshold;
        private Severity severity;
        private List<String> evidence;

        private Builder(Rule rule, String caseId, String subjectId) {
            this.rule = rule;
            this.caseId = caseId;
            this.subjectId = subjectId;
        }

        /** The dates the pattern spans, both inclusive (the same date twice for one event). */
        public Builder window(LocalDate start, LocalDate end) {
            this.windowStart = start;
            this.windowEnd = end;
            return this;
        }

        /** What the rule measured, and the threshold it was held to, as the flag prints it. */
        public Builder metric(double value, String threshold) {
            this.metric = value;
            this.threshold = threshold;
            return this;
        }

        public Builder severity(Severity s) {
            this.severity = s;
            return this;
        }

        /** The ids of the events that show the pattern, in any order (the flag sorts them). */
        public Builder evidence(List<String> eventIds) {
            this.evidence = eventIds;
            return this;
        }

        /** The flag, with the sentence that tells a practitioner what was seen. */
        public Flag explaining(String explanation) {
            List<String> missing = new ArrayList<>();
            if (rule == null) {
                missing.add("a rule");
            }
            if (caseId == null) {
                missing.add("a case id");
            }
            if (windowStart == null || windowEnd == null) {
                missing.add("a window (start and end)");
            }
            if (metric == null || threshold == null) {
                missing.add("a metric and its threshold");
            }
            if (severity == null) {
                missing.add("a severity");
            }
            if (evidence == null) {
                missing.add("evidence");
            }
            if (explanation == null) {
                missing.add("an explanation");
            }
            if (!missing.isEmpty()) {
                // A part left out is a slip in a rule, not in the data: name the rule so it can be found.
                throw new IllegalStateException("a flag of rule " + (rule == null ? "?" : rule.id()) + " on case "
                        + caseId + " needs " + String.join(", ", missing));
            }
            return new Flag(rule.id(), rule.theme().title(), caseId, subjectId, windowStart, windowEnd, metric,
                    threshold, severity, evidence, explanation);
        }
    }
}
