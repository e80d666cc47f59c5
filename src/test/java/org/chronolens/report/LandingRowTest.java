package org.chronolens.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.chronolens.detect.rules.Catalogue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The landing page's order and review states, without Spark or a browser. */
class LandingRowTest {

    private static LandingRow row(String subject, boolean isNew, String latest, int flags) {
        return new LandingRow("F1", subject, List.of("missed-appointments"), List.of("disguised-compliance"),
                List.of("health"), isNew, isNew ? "missed-appointments-E1" : null, LocalDate.parse(latest), flags, 0, 0,
                false, List.of(), null);
    }

    private static List<String> sorted(LandingRow... rows) {
        List<LandingRow> list = new ArrayList<>(List.of(rows));
        list.sort(LandingRow.ORDER);
        return list.stream().map(LandingRow::subjectId).toList();
    }

    @Test
    void aChildWithANewFlagComesBeforeOneWithoutEvenWithOlderEvidence() {
        assertEquals(List.of("NEW", "OLD"), sorted(row("OLD", false, "2026-10-30", 1), row("NEW", true, "2026-01-01", 1)));
    }

    @Test
    void thenTheLatestEvidenceNewestFirst() {
        assertEquals(List.of("B", "A", "C"), sorted(row("A", true, "2026-09-01", 1), row("C", false, "2026-10-01", 1),
                row("B", true, "2026-10-01", 1)));
    }

    @Test
    void theOrderNeverFollowsTheNumberOfFlags() {
        // Many flags with older evidence come after one flag with newer evidence...
        assertEquals(List.of("ONE", "MANY"), sorted(row("MANY", true, "2026-09-01", 40), row("ONE", true, "2026-10-01", 1)));
        // ...and with everything else equal the ids decide, whichever has more flags.
        assertEquals(List.of("A", "B"), sorted(row("B", true, "2026-10-01", 40), row("A", true, "2026-10-01", 1)));
        assertEquals(List.of("A", "B"), sorted(row("B", true, "2026-10-01", 1), row("A", true, "2026-10-01", 40)));
    }

    @Test
    void theReviewStateSaysWhoAndWhenOrThatNoOneHasReviewed() {
        LandingRow none = row("A", true, "2026-10-01", 2);
        assertEquals("Not yet reviewed", none.reviewText());
        assertEquals("not-reviewed", none.review().filter);
        LandingRow all = new LandingRow("F1", "A", List.of(), List.of(), List.of(), false, null, LocalDate.parse("2026-10-01"),
                2, 2, 0, false, List.of("TM-04"), LocalDate.parse("2026-10-20"));
        assertEquals("Acknowledged by TM-04 on 2026-10-20", all.reviewText());
        assertEquals("reviewed", all.review().filter);
        LandingRow part = new LandingRow("F1", "A", List.of(), List.of(), List.of(), false, null, LocalDate.parse("2026-10-01"),
                3, 1, 0, false, List.of("TM-04"), LocalDate.parse("2026-10-20"));
        assertEquals("1 of 3 flags acknowledged by TM-04 on 2026-10-20", part.reviewText());
        assertEquals("not-reviewed", part.review().filter);
        LandingRow reopened = new LandingRow("F1", "A", List.of(), List.of(), List.of(), false, null,
                LocalDate.parse("2026-10-01"), 2, 1, 1, false, List.of("TM-04"), LocalDate.parse("2026-10-20"));
        assertTrue(reopened.reviewText().startsWith("Re-opened"), reopened.reviewText());
        assertEquals("not-reviewed", reopened.review().filter);
    }

    @Test
    void theRowsFileNamesPagesThroughPageNamesAndHoldsNoMarkup() {
        LandingRow r = new LandingRow("F1", "ab-1", List.of("missed-appointments"), List.of("disguised-compliance"),
                List.of("health"), true, "missed-appointments-E1", LocalDate.parse("2026-10-01"), 1, 1, 0, false,
                List.of("<b>x</b>"), LocalDate.parse("2026-10-02"));
        String js = LandingPage.rowsScript(List.of(r), Catalogue.standard().entries());
        assertTrue(js.contains("\"subjects/F1/ab-1~3.html\""), js);
        assertTrue(js.contains("\"subjects/F1/ab-1~3.html#missed-appointments-E1\""), js);
        assertFalse(js.contains("<"), js);
    }
}
