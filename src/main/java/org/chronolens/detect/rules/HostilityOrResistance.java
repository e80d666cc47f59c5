package org.chronolens.detect.rules;

import java.util.List;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.CountRule;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Theme;

/** Hostile engagement or entry refused at a home visit: 1 within 365 days. */
public record HostilityOrResistance(Params params) implements CountRule {

    public static final String ID = "hostility-or-resistance";

    public record Params(int count, int days, List<String> engagementOutcomes, List<String> homeVisitOutcomes)
            implements CountRule.Threshold, java.io.Serializable {
        public static final Params DEFAULTS = new Params(1, 365, List.of("hostile"), List.of("refused_entry"));

        public Params {
            Check.range(ID, "count", count, 1, 1000);
            Check.range(ID, "days", days, 1, 3650);
            engagementOutcomes = Check.within(ID, "engagement_outcomes", engagementOutcomes, Allowed.of("engagement"));
            homeVisitOutcomes = Check.within(ID, "home_visit_outcomes", homeVisitOutcomes, Allowed.of("home_visit"));
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
        return new HostilityOrResistance(new Params(count, days, params.engagementOutcomes(), params.homeVisitOutcomes()));
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        return Counting.perSubject(c, this,
                e -> e.is("engagement", params.engagementOutcomes()) || e.is("home_visit", params.homeVisitOutcomes()),
                e -> e.is("engagement") || e.is("home_visit"),
                new Counting.Wording("engagement records and home visits", "recorded hostility or refused entry"));
    }
}
