package org.chronolens.detect.rules;

import java.util.List;

import org.chronolens.detect.Flag;
import org.chronolens.detect.Rule;
import org.junit.jupiter.api.Test;

import static org.chronolens.detect.Chronologies.*;
import static org.junit.jupiter.api.Assertions.*;

class AgreementNotFollowedThroughTest {

    private final Rule rule =
            rule("agreement-not-followed-through");

    @Test
    void twoBreachedAgreementsWithin180DaysFireWithTheMadeEventsAsEvidence() {
        List<Flag> flags = run(rule,
                family("G1", "2026-01-01", "agreement", "made"),
                family("G2", "2026-05-01", "agreement", "made"),
                family("B1", "2026-12-01", "agreement", "breached").withRelated("G1"),
                family("B2", "2026-05-10", "agreement", "breached").withRelated("G2"));
        Flag f = flags.get(0);
        assertEquals(List.of("G1", "G2"), f.evidenceEventIds(), "a breach counts whatever its date");
        assertEquals("2026-01-01", f.windowStart().toString());
        assertEquals("2026-05-01", f.windowEnd().toString());
        assertEquals("2 of 2 agreements made in 121 days were not followed through (threshold: 2 within 180 days)",
                f.explanation());
    }

    @Test
    void oneFailedAgreementIsBelowAndTwo180DaysApartAreNotOneWindow() {
        assertEquals(0, run(rule,
                family("G1", "2026-01-01", "agreement", "made"),
                family("B1", "2026-01-10", "agreement", "breached").withRelated("G1")).size());
        assertEquals(0, run(rule,
                family("G1", "2026-01-01", "agreement", "made"),
                family("G2", "2026-06-30", "agreement", "made"),
                family("B1", "2026-01-10", "agreement", "breached").withRelated("G1"),
                family("B2", "2026-07-10", "agreement", "breached").withRelated("G2")).size(), "180 days apart");
    }

    @Test
    void twoNonEngagementEventsFromDayOneToDay28FailAnAgreementPerSubject() {
        List<Flag> flags = run(rule,
                family("G1", "2026-01-01", "agreement", "made"),
                ev("N1", "2026-01-01", "C1", "appointment", "was_not_brought"), // same day: not after
                ev("N2", "2026-01-02", "C1", "appointment", "was_not_brought"),
                ev("N3", "2026-01-29", "C1", "contact", "no_response"),
                family("G2", "2026-03-01", "agreement", "made"),
                ev("N4", "2026-03-05", "C1", "home_visit", "no_access"),
                ev("N5", "2026-03-06", "C1", "medication", "not_collected"),
                ev("N6", "2026-03-07", "C2", "contact", "no_response"),
                ev("X", "2026-03-08", "C2", "contact", "responded"));
        assertEquals(List.of("C1"), flags.stream().map(Flag::subjectId).toList(), "a family agreement fails for C1 only");
        assertEquals(List.of("G1", "G2"), flags.get(0).evidenceEventIds());
    }

    @Test
    void nonEngagementOnDay29DoesNotCountAndAnAgreementFailingBothWaysCountsOnce() {
        assertEquals(0, run(rule,
                family("G1", "2026-01-01", "agreement", "made"),
                child("N1", "2026-01-02", "contact", "no_response"),
                child("N2", "2026-01-30", "contact", "no_response"),
                family("G2", "2026-02-01", "agreement", "made"),
                family("B2", "2026-02-10", "agreement", "breached").withRelated("G2")).size());
        List<Flag> both = run(rule,
                family("G1", "2026-01-01", "agreement", "made"),
                family("B1", "2026-01-05", "agreement", "breached").withRelated("G1"),
                child("N1", "2026-01-02", "contact", "no_response"),
                child("N2", "2026-01-03", "contact", "no_response"));
        assertEquals(0, both.size(), "one agreement failing both ways is still one");
    }
}
