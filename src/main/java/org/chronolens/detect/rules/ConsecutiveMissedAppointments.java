package org.chronolens.detect.rules;

import java.util.ArrayList;
import java.util.List;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.CountRule;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * Appointments missed one after another in the subject's appointment sequence (family-level
 * appointments belong to every sibling's). Cancelled by the service is skipped; cancelled or
 * rescheduled by the family is skipped unless configured to count as missed; skipped outcomes
 * neither extend nor break a run; attended ends it. Reports the latest run of at least
 * {@code minRun} (Decision 3).
 */
public record ConsecutiveMissedAppointments(Params params) implements CountRule {

    public static final String ID = "consecutive-missed-appointments";

    public record Params(int minRun, List<String> missedOutcomes, boolean familyCancellationsCountAsMissed)
            implements CountRule.Threshold, java.io.Serializable {
        public static final Params DEFAULTS = new Params(2, List.of("was_not_brought", "did_not_attend"), false);

        public Params {
            Check.range(ID, "min_run", minRun, 2, 1000);
            missedOutcomes = Check.within(ID, "missed_outcomes", missedOutcomes, Allowed.of("appointment"));
        }

        /** The run length is this rule's count; it has no window. */
        @Override
        public int count() {
            return minRun;
        }

        @Override
        public int days() {
            return 0;
        }
    }

    private static final List<String> FAMILY_CANCELLATIONS = List.of("cancelled_by_family", "rescheduled_by_family");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String theme() {
        return Theme.DISGUISED_COMPLIANCE;
    }

    @Override
    public CountRule withThreshold(int count, int days) {
        return new ConsecutiveMissedAppointments(new Params(count, params.missedOutcomes(), params.familyCancellationsCountAsMissed()));
    }

    private boolean missed(Event e) {
        return params.missedOutcomes().contains(e.outcome())
                || params.familyCancellationsCountAsMissed() && FAMILY_CANCELLATIONS.contains(e.outcome());
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
                    if (run.size() >= params.minRun()) {
                        latest = List.copyOf(run);
                    }
                } else if ("attended".equals(e.outcome())) {
                    run.clear();
                }
            }
            if (latest != null) {
                Event first = latest.get(0);
                Event last = latest.get(latest.size() - 1);
                String threshold = params.minRun() + " in a row";
                flags.add(new Flag(ID, theme(), c.caseId(), subject, first.date(), last.date(), latest.size(), threshold,
                        Severity.ofCount(latest.size(), params.minRun()),
                        latest.stream().map(Event::eventId).toList(),
                        latest.size() + " appointments in a row were missed, from " + first.date() + " to "
                                + last.date() + " (threshold: " + threshold + ")"));
            }
        }
        return flags;
    }
}
