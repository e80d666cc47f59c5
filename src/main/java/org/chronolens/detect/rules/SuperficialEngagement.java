package org.chronolens.detect.rules;

import java.util.List;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.CountRule;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Theme;

/** Engagement recorded as superficial or avoidant: 2 within 90 days. */
public record SuperficialEngagement(Params params) implements CountRule {

    public static final String ID = "superficial-engagement";

    public record Params(int count, int days, List<String> outcomes) implements CountRule.Threshold, java.io.Serializable {
        public static final Params DEFAULTS = new Params(2, 90, List.of("superficial", "avoidant"));

        public Params {
            Check.range(ID, "count", count, 1, 1000);
            Check.range(ID, "days", days, 1, 3650);
            outcomes = Check.within(ID, "outcomes", outcomes, Allowed.of("engagement"));
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
        return new SuperficialEngagement(new Params(count, days, params.outcomes()));
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        return Counting.perSubject(c, this, e -> e.is("engagement", params.outcomes()), e -> e.is("engagement"),
                new Counting.Wording("engagement records", "recorded " + String.join(" or ", params.outcomes()) + " engagement"));
    }
}
