package org.chronolens.detect.rules;

import java.util.List;

import org.chronolens.detect.Check;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.CountRule;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Theme;

/** Advice not followed (follow-ups not or partly adhered to) and prescriptions not collected: 2 within 180 days. */
public record AdviceNonAdherence(Params params) implements CountRule {

    public static final String ID = "advice-non-adherence";

    public record Params(int count, int days, List<String> followupOutcomes, List<String> medicationOutcomes)
            implements CountRule.Threshold, java.io.Serializable {
        public static final Params DEFAULTS = new Params(2, 180, List.of("not_adhered", "partially_adhered"),
                List.of("not_collected"));

        public Params {
            Check.range(ID, "count", count, 1, 1000);
            Check.range(ID, "days", days, 1, 3650);
            followupOutcomes = Check.within(ID, "followup_outcomes", followupOutcomes, Allowed.of("advice_followup"));
            medicationOutcomes = Check.within(ID, "medication_outcomes", medicationOutcomes, Allowed.of("medication"));
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
        return new AdviceNonAdherence(new Params(count, days, params.followupOutcomes(), params.medicationOutcomes()));
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        return Counting.perSubject(c, this,
                e -> e.is("advice_followup", params.followupOutcomes()) || e.is("medication", params.medicationOutcomes()),
                e -> e.is("advice_followup") || e.is("medication"),
                new Counting.Wording("advice follow-ups and prescriptions", "showed advice not followed"));
    }
}
