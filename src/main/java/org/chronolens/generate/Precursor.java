package org.chronolens.generate;

import java.util.List;

/**
 * A precursor that no rule looks for, planted so that pattern discovery can be held to finding
 * what the rules do not: the family moves home, a month later the child changes school and a call
 * from the school goes unanswered, and two months after the move a health appointment is missed.
 * Planted in half of the families whose carers' persona plants a rule's pattern (the families that
 * later get flagged), and in one engaged family in twenty, so that it is over-represented among
 * flagged children without marking them. Its two {@code other} events are recorded by housing and
 * education as free-text outcomes, which no rule reads; its unanswered call and missed appointment
 * are routine events the rules count, like any other.
 */
public final class Precursor {

    /** Its name in {@code ground-truth.csv}'s {@code planted_precursor} column. */
    public static final String NAME = "moved-home-then-school";
    public static final String MOVED_HOME = "moved_home";
    public static final String CHANGED_SCHOOL = "changed_school";
    /** Its steps as the sequences discovery mines read them ({@code event_type:outcome}), in order. */
    public static final List<String> STEPS = List.of("other:" + MOVED_HOME, "other:" + CHANGED_SCHOOL);

    static final double FLAGGED_SHARE = 0.5;
    static final double ENGAGED_SHARE = 0.05;

    private Precursor() {
    }
}
