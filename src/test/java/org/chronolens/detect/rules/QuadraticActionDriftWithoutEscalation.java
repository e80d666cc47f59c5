package org.chronolens.detect.rules;

import static org.chronolens.detect.rules.ActionDriftWithoutEscalation.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * The rule as it was before the speed work of issue 26 (a copy, quadratic in a case's events):
 * the straightforward reference that {@link LinearRulesTest} checks the rewritten rule against.
 *
 * Per agreed action not completed by its due date plus {@code graceDays}, once the as-of date is
 * strictly past that, when the case holds no escalation from the action's date to due date plus
 * grace. Completions and escalations count from any agency and subject; a late completion does
 * not cancel the flag (see docs/rules.md). Metric: days late, to the late completion or to the as-of date.
 */
final class QuadraticActionDriftWithoutEscalation extends CatalogueRule {


    private final int graceDays;

    QuadraticActionDriftWithoutEscalation(Params p) {
        super(ENTRY);
        this.graceDays = p.get(GRACE_DAYS);
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        String threshold = "completed or escalated within " + Counting.days(graceDays) + " of the due date";
        for (Event a : c.events()) {
            if (!a.is("action_agreed") || a.dueDate() == null) {
                continue;
            }
            LocalDate limit = a.dueDate().plusDays(graceDays);
            if (!c.asOf().isAfter(limit)) {
                continue;
            }
            List<Event> completions = c.events().stream()
                    .filter(e -> e.is("action_completed") && a.eventId().equals(e.relatedEventId())).toList();
            if (completions.stream().anyMatch(e -> !e.date().isAfter(limit))) {
                continue;
            }
            if (c.events().stream().anyMatch(e -> e.is("escalation") && Counting.between(e.date(), a.date(), limit))) {
                continue;
            }
            Optional<LocalDate> late = completions.stream().map(Event::date).min(LocalDate::compareTo);
            LocalDate until = late.orElse(c.asOf());
            long daysLate = ChronoUnit.DAYS.between(a.dueDate(), until);
            String how = late.map(d -> "completed on " + d + ", " + Counting.days(daysLate) + " after its due date")
                    .orElse("still not completed at " + c.asOf() + ", " + Counting.days(daysLate) + " after its due date");
            flags.add(Flag.of(this, c.caseId(), a.subjectId()).window(a.date(), limit).metric(daysLate, threshold)
                    .severity(daysLate > 4L * Math.max(graceDays, 7) ? Severity.HIGH
                            : daysLate > 2L * Math.max(graceDays, 7) ? Severity.MEDIUM : Severity.LOW)
                    .evidence(List.of(a.eventId()))
                    .explaining("Action agreed on " + a.date() + ", due " + a.dueDate() + ", not escalated: " + how
                            + " (threshold: " + threshold + ")"));
        }
        return flags;
    }
}
