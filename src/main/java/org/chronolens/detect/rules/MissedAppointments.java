package org.chronolens.detect.rules;

import java.util.List;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.CountRule;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Theme;

/** Appointments the child was not brought to or did not attend: 3 within 90 days. */
public record MissedAppointments(Params params) implements CountRule {

    public static final String ID = "missed-appointments";

    public record Params(int count, int days, List<String> outcomes) implements CountRule.Threshold, java.io.Serializable {
        public static final Params DEFAULTS = new Params(3, 90, List.of("was_not_brought", "did_not_attend"));

        public Params {
            Check.range(ID, "count", count, 1, 1000);
            Check.range(ID, "days", days, 1, 3650);
            outcomes = Check.within(ID, "outcomes", outcomes, Allowed.of("appointment"));
        }
    }

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
        return new MissedAppointments(new Params(count, days, params.outcomes()));
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        return Counting.perSubject(c, this, e -> e.is("appointment", params.outcomes()), e -> e.is("appointment"),
                new Counting.Wording("appointments", "were missed"));
    }
}
