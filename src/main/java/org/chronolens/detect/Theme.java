package org.chronolens.detect;

/** The themes of rules-v1, in its words; each has reflective prompts of its own. */
public final class Theme {

    public static final String DISGUISED_COMPLIANCE = "disguised compliance and non-engagement";
    public static final String STRATEGY_MEETINGS = "strategy meetings";
    public static final String COMMUNICATION = "multi-agency communication";
    public static final String ESCALATION = "escalation";

    private Theme() {
    }
}
