package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Per agreed action not completed by its due date plus {@code graceDays}, once the as-of date is
 * strictly past that, when the case holds no escalation from the action's date to due date plus
 * grace. Completions and escalations count from any agency and subject; a late completion does
 * not cancel the flag (see docs/rules.md). Metric: days late, to the late completion or to the as-of date.
 */
public final class ActionDriftWithoutEscalation extends CatalogueRule {

    public static final String ID = "action-drift-without-escalation";

    static final Param<Integer> GRACE_DAYS = Param.integer("grace_days",
            "how many days past its due date an action may be completed or escalated", 14, 0, 365);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Actions drifting without escalation").theme(Theme.ESCALATION).scope(Scope.PER_EVENT)
            .measure("days past the due date, not escalated")
            .description("Agreed actions not completed in time, and never escalated.")
            .params(GRACE_DAYS).counts("action_agreed", "action_completed", "escalation").build((p, built) -> new ActionDriftWithoutEscalation(p));

    private final int graceDays;

    ActionDriftWithoutEscalation(Params p) {
        super(ENTRY);
        this.graceDays = p.get(GRACE_DAYS);
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        String threshold = "completed or escalated within " + Counting.days(graceDays) + " of the due date";
        // Indexed once, not searched again for every action: completions by the action they name
        // (in order), escalations by date.
        Map<String, List<Event>> completionsOf = new HashMap<>();
        for (Event e : c.events()) {
            if (e.is("action_completed") && e.relatedEventId() != null) {
                completionsOf.computeIfAbsent(e.relatedEventId(), k -> new ArrayList<>()).add(e);
            }
        }
        long[] escalations = c.events().stream().filter(e -> e.is("escalation"))
                .mapToLong(e -> e.date().toEpochDay()).toArray();
        for (Event a : c.events()) {
            if (!a.is("action_agreed") || a.dueDate() == null) {
                continue;
            }
            LocalDate limit = a.dueDate().plusDays(graceDays);
            if (!c.asOf().isAfter(limit)) {
                continue;
            }
            List<Event> completions = completionsOf.getOrDefault(a.eventId(), List.of());
            if (completions.stream().anyMatch(e -> !e.date().isAfter(limit))) {
                continue;
            }
            if (Dates.anyBetween(escalations, a.date().toEpochDay(), limit.toEpochDay())) {
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
