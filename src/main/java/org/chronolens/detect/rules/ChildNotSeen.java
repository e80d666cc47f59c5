package org.chronolens.detect.rules;

import java.util.List;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.CountRule;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Theme;

/** Home visits where the child was not seen: not seen, no access, entry refused, cancelled by the family: 2 within 60 days. */
public record ChildNotSeen(Params params) implements CountRule {

    public static final String ID = "child-not-seen";

    public record Params(int count, int days, List<String> outcomes) implements CountRule.Threshold, java.io.Serializable {
        public static final Params DEFAULTS = new Params(2, 60,
                List.of("child_not_seen", "no_access", "refused_entry", "cancelled_by_family"));

        public Params {
            Check.range(ID, "count", count, 1, 1000);
            Check.range(ID, "days", days, 1, 3650);
            outcomes = Check.within(ID, "outcomes", outcomes, Allowed.of("home_visit"));
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
        return new ChildNotSeen(new Params(count, days, params.outcomes()));
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        return Counting.perSubject(c, this, e -> e.is("home_visit", params.outcomes()), e -> e.is("home_visit"),
                new Counting.Wording("home visits", "did not see the child"));
    }
}
