package org.chronolens.detect;

/**
 * The themes the rules belong to. The key names the theme's section of reflective prompts; the
 * title is how flags and pages name it.
 */
public enum Theme {
    DISGUISED_COMPLIANCE("disguised-compliance", "disguised compliance and non-engagement"),
    STRATEGY_MEETINGS("strategy-meetings", "strategy meetings"),
    COMMUNICATION("multi-agency-communication", "multi-agency communication"),
    ESCALATION("escalation", "escalation"),
    THRESHOLDS("thresholds", "thresholds");

    private final String key;
    private final String title;

    Theme(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }
}
