package org.chronolens.detect.rules;

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
 * Appointments missed one after another in the subject's appointment sequence (family-level
 * appointments belong to every sibling's). Cancelled by the service is skipped; cancelled or
 * rescheduled by the family is skipped unless configured to count as missed; skipped outcomes
 * neither extend nor break a run; attended ends it. Reports the latest run of at least
 * {@code minRun} (see docs/rules.md).
 */
public final class ConsecutiveMissedAppointments extends CatalogueRule {

    public static final String ID = "consecutive-missed-appointments";

    static final Param<Integer> MIN_RUN = Param.integer("min_run",
            "how many missed appointments in a row make the pattern", 2, 2, 1000);
    static final Param<List<String>> MISSED_OUTCOMES = Param.outcomes("missed_outcomes",
            "appointment outcomes that count as missed", List.of("was_not_brought", "did_not_attend"), "appointment");
    static final Param<Boolean> FAMILY_CANCELLATIONS_COUNT = Param.flag("family_cancellations_count_as_missed",
            "whether appointments cancelled or rescheduled by the family count as missed (else they are skipped)", false);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Appointments missed one after another").theme(Theme.DISGUISED_COMPLIANCE).scope(Scope.SUBJECT)
            .measure("appointments missed in a row")
            .description("Appointments missed one after another, with none attended in between.")
            .params(MIN_RUN, MISSED_OUTCOMES, FAMILY_CANCELLATIONS_COUNT).threshold(MIN_RUN, null)
            .counts("appointment")
            .build((p, built) -> new ConsecutiveMissedAppointments(p));

    private final int minRun;
    private final List<String> missedOutcomes;
    private final boolean familyCancellationsCountAsMissed;

    ConsecutiveMissedAppointments(Params p) {
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
            // The latest run is remembered as the run and its length then, not copied at every
            // missed appointment (which made one long run quadratic); a run that ends is left as it
            // was and a new one started.
            List<Event> run = new ArrayList<>();
            List<Event> latestRun = null;
            int latestSize = 0;
            for (Event e : c.eventsOf(subject)) {
                if (!e.is("appointment")) {
                    continue;
                }
                if (missed(e)) {
                    run.add(e);
                    if (run.size() >= minRun) {
                        latestRun = run;
                        latestSize = run.size();
                    }
                } else if ("attended".equals(e.outcome()) && !run.isEmpty()) {
                    run = new ArrayList<>();
                }
            }
            if (latestRun != null) {
                List<Event> latest = List.copyOf(latestRun.subList(0, latestSize));
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
