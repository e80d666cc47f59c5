package org.chronolens.report;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * One flagged child as the landing page lists it: which patterns its flags show (rule ids, shown
 * by their plain titles), whether any flag is new since the compared run, the latest evidence,
 * and where review of its flags stands. It carries how many flags the child has only to say how
 * many are reviewed: the list is never ordered by that number, nor by severity.
 *
 * @param newAnchor the anchor, on the child's page, of its first new flag; null when none is new
 * @param family    true when a flag about the whole family (no child named) is among them
 * @param reviewers who acknowledged the flags whose acknowledgement is in force, sorted
 * @param reviewed  the latest date among those acknowledgements, or null
 */
record LandingRow(String caseId, String subjectId, List<String> ruleIds, List<String> themes, List<String> agencies,
                  boolean isNew, String newAnchor, LocalDate latest, int flags, int acknowledged, int reopened,
                  boolean family, List<String> reviewers, LocalDate reviewed) {

    /**
     * New first (they need a first look), then the latest evidence, newest first; ties by case
     * and child id so that the order is the same every run. Never by number of flags or severity:
     * a long list of flags is not a worse family, and the order must not read as a ranking.
     */
    static final Comparator<LandingRow> ORDER = Comparator.comparing((LandingRow r) -> !r.isNew())
            .thenComparing(LandingRow::latest, Comparator.reverseOrder())
            .thenComparing(LandingRow::caseId).thenComparing(LandingRow::subjectId);

    /** Where review stands, as the filter groups it. */
    enum Review {
        NOT_REVIEWED("not-reviewed"), PARTLY("not-reviewed"), REOPENED("not-reviewed"), ACKNOWLEDGED("reviewed");

        /** The value of the review filter this state answers to. */
        final String filter;

        Review(String filter) {
            this.filter = filter;
        }
    }

    Review review() {
        if (reopened > 0) {
            return Review.REOPENED;
        }
        if (acknowledged == 0) {
            return Review.NOT_REVIEWED;
        }
        return acknowledged >= flags ? Review.ACKNOWLEDGED : Review.PARTLY;
    }

    /** The review state in a sentence: who acknowledged and when, re-opened, or not yet reviewed. */
    String reviewText() {
        String by = reviewers.isEmpty() ? "" : " by " + String.join(", ", reviewers) + " on " + reviewed;
        return switch (review()) {
            case NOT_REVIEWED -> "Not yet reviewed";
            case ACKNOWLEDGED -> "Acknowledged" + by;
            case PARTLY -> acknowledged + " of " + flags + " flags acknowledged" + by;
            case REOPENED -> "Re-opened: new evidence since the review" + by;
        };
    }
}
