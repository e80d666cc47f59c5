package org.chronolens.detect.rules;

import java.util.List;

import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.junit.jupiter.api.Test;

import static org.chronolens.detect.Chronologies.*;
import static org.junit.jupiter.api.Assertions.*;

/** The simpler "N within D days" rules: what counts, what does not, and the window edges. */
class CountRulesTest {

    @Test
    void childNotSeenCountsEveryNotSeenOutcomeIncludingCancelledByFamily() {
        Rule rule = rule("child-not-seen");
        for (String outcome : List.of("child_not_seen", "no_access", "refused_entry", "cancelled_by_family")) {
            assertEquals(1, run(rule,
                    family("V1", "2026-01-01", "home_visit", outcome),
                    family("V2", "2026-03-01", "home_visit", "no_access")).size(), outcome + ", 59 days apart");
        }
        assertEquals(0, run(rule,
                family("V1", "2026-01-01", "home_visit", "no_access"),
                family("V2", "2026-03-02", "home_visit", "no_access")).size(), "60 days apart");
        assertEquals(0, run(rule,
                family("V1", "2026-01-01", "home_visit", "child_seen"),
                family("V2", "2026-01-02", "home_visit", "no_access")).size());
        Flag f = run(rule, family("V1", "2026-01-01", "home_visit", "no_access"),
                family("V2", "2026-01-05", "home_visit", "refused_entry"),
                family("V3", "2026-01-03", "home_visit", "child_seen")).get(0);
        assertEquals("2 of 3 home visits in 5 days did not see the child (threshold: 2 within 60 days)", f.explanation());
    }

    @Test
    void superficialEngagementCountsSuperficialAndAvoidantOnly() {
        Rule rule = rule("superficial-engagement");
        assertEquals(1, run(rule,
                child("E1", "2026-01-01", "engagement", "superficial"),
                child("E2", "2026-03-31", "engagement", "avoidant")).size());
        assertEquals(0, run(rule,
                child("E1", "2026-01-01", "engagement", "superficial"),
                child("E2", "2026-01-02", "engagement", "hostile"),
                child("E3", "2026-01-03", "engagement", "meaningful")).size());
    }

    @Test
    void oneHostileRecordOrOneRefusedEntryIsEnoughForHostility() {
        Rule rule = rule("hostility-or-resistance");
        assertEquals(1, run(rule, family("E1", "2026-01-01", "engagement", "hostile")).size());
        Flag f = run(rule, child("V1", "2026-01-01", "home_visit", "refused_entry")).get(0);
        assertEquals("1 of 1 engagement records and home visits in 1 day recorded hostility or refused entry "
                + "(threshold: 1 within 365 days)", f.explanation());
        assertEquals(0, run(rule, child("E1", "2026-01-01", "engagement", "avoidant"),
                child("V1", "2026-01-02", "home_visit", "no_access")).size());
    }

    @Test
    void adviceNonAdherenceCountsNotAndPartlyAdheredAndPrescriptionsNotCollected() {
        Rule rule = rule("advice-non-adherence");
        assertEquals(1, run(rule,
                child("F1", "2026-01-01", "advice_followup", "partially_adhered"),
                child("M1", "2026-06-29", "medication", "not_collected")).size(), "179 days apart");
        assertEquals(0, run(rule,
                child("F1", "2026-01-01", "advice_followup", "not_adhered"),
                child("M1", "2026-06-30", "medication", "not_collected")).size(), "180 days apart");
        assertEquals(0, run(rule,
                child("F1", "2026-01-01", "advice_followup", "adhered"),
                child("M1", "2026-01-02", "medication", "collected"),
                child("F2", "2026-01-03", "advice_followup", "not_adhered")).size());
    }
}
