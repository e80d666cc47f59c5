package org.chronolens.detect.rules;

import static org.chronolens.detect.rules.ConsecutiveMissedAppointments.*;

import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import java.util.ArrayList;
import java.util.List;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * The rule as it was before the speed work of issue 26 (a copy, quadratic in a case's events):
 * the straightforward reference that {@link LinearRulesTest} checks the rewritten rule against.
 *
 * Appointments missed one after another in the subject's appointment sequence (family-level
 * appointments belong to every sibling's). Cancelled by the service is skipped; cancelled or
 * rescheduled by the family is skipped unless configured to count as missed; skipped outcomes
 * neither extend nor break a run; attended ends it. Reports the latest run of at least
 * {@code minRun} (see docs/rules.md).
 */
final class QuadraticConsecutiveMissedAppointments extends CatalogueRule {


    private final int minRun;
    private final List<String> missedOutcomes;
    private final boolean familyCancellationsCountAsMissed;

    QuadraticConsecutiveMissedAppointments(Params p) {
        super(ENTRY);
        this.minRun = p.get(MIN_RUN);
        this.missedOutcomes = p.get(MISSED_OUTCOMES);
        this.familyCancellationsCountAsMissed = p.get(FAMILY_CANCELLATIONS_COUNT);
    }

    private static final List<String> FAMILY_CANCELLATIONS = List.of("cancelled_by_family", "rescheduled_by_family");

    private boolean missed(Event e) {
        return missedOutcomes.contains(e.outcome())
                || familyCancellationsCountAsMissed && FAMILY_CANCELLATIONS.contains(e.outcome());
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            List<Event> run = new ArrayList<>();
            List<Event> latest = null;
            for (Event e : c.eventsOf(subject)) {
                if (!e.is("appointment")) {
                    continue;
                }
                if (missed(e)) {
                    run.add(e);
                    if (run.size() >= minRun) {
                        latest = List.copyOf(run);
                    }
                } else if ("attended".equals(e.outcome())) {
                    run.clear();
                }
            }
            if (latest != null) {
                Event first = latest.get(0);
                Event last = latest.get(latest.size() - 1);
                String threshold = minRun + " in a row";
                flags.add(Flag.of(this, c.caseId(), subject).window(first.date(), last.date())
                        .metric(latest.size(), threshold)
                        .severity(Severity.ofCount(latest.size(), minRun))
                        .evidence(latest.stream().map(Event::eventId).toList())
                        .explaining(latest.size() + " appointments in a row were missed, from " + first.date() + " to "
                                + last.date() + " (threshold: " + threshold + ")"));
            }
        }
        return flags;
    }
}
