package org.chronolens.detect;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /**
     * Whether a flag is about a child: counted on the child's summary row, listed on its page and
     * its landing row. A flag names the child, or names no child (a per-event or family rule) and
     * either all its evidence is in the child's chronology (its own and the family's events) or
     * some of it is the child's own: a family flag whose evidence spans two children is about both,
     * and each page says which evidence it does not hold. LandingRows says the same in Spark SQL.
     *
     * @param chronology the ids of the child's own and family-level events
     * @param own        the ids of the events that name the child
     */
    public static boolean concerns(String flagSubject, List<String> evidence, String child, Set<String> chronology,
                                   Set<String> own) {
        return child.equals(flagSubject)
                || flagSubject == null && (chronology.containsAll(evidence) || evidence.stream().anyMatch(own::contains));
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
