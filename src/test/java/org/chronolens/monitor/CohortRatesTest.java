package org.chronolens.monitor;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Flag rates by cohort against values worked out by hand, and which cells are suppressed and why. */
class CohortRatesTest {

    private static CohortRates.Cell cell(String category, long children, long flagged) {
        return new CohortRates.Cell("locality", category, CohortRates.ANY, children, flagged);
    }

    private static CohortRates.Rate find(List<CohortRates.Rate> rates, String category) {
        return rates.stream().filter(r -> r.category().equals(category)).findFirst().orElseThrow();
    }

    @Test
    void aRateCarriesItsWilsonIntervalAndItsRatioToAllChildren() {
        List<CohortRates.Rate> rates = CohortRates.of(List.of(cell("north", 10, 5), cell("south", 10, 0),
                cell("east", 20, 5)), Map.of(CohortRates.ANY, new long[] {40, 10}), 10);
        CohortRates.Rate north = find(rates, "north");
        assertEquals(0.5, north.rate());
        assertEquals(0.2366, north.low(), 5e-5, "Wilson 95 % for 5 of 10");
        assertEquals(0.7634, north.high(), 5e-5);
        assertEquals(2.0, north.ratio(), 1e-12, "0.5 against 10 of 40");
        CohortRates.Rate south = find(rates, "south");
        assertEquals(0.0, south.low());
        assertEquals(0.2775, south.high(), 5e-5, "Wilson 95 % for 0 of 10 stays above zero");
        assertFalse(south.suppressed());
    }

    @Test
    void aCellUnderTheMinimumIsSuppressedAndSoIsTheNextSmallestThatWouldGiveItAway() {
        List<CohortRates.Rate> rates = CohortRates.of(List.of(cell("central", 4, 3), cell("west", 30, 9),
                cell("north", 50, 10), cell("south", 60, 12)), Map.of(CohortRates.ANY, new long[] {144, 34}), 10);
        CohortRates.Rate central = find(rates, "central");
        assertTrue(central.suppressed());
        assertNull(central.children(), "no count");
        assertNull(central.rate(), "no rate");
        assertTrue(find(rates, "west").suppressed(), "144 - 50 - 60 - west would give central away");
        assertFalse(find(rates, "north").suppressed());
        assertEquals(50L, find(rates, "north").children());
        String csv = CohortRates.csv(rates);
        assertTrue(csv.startsWith(CohortRates.HEADER + "\n"), csv);
        assertTrue(csv.contains("locality,central,any,,,,,,,true\n"), csv);
    }

    @Test
    void twoSmallCellsNeedNoThirdAndLargeOnesNone() {
        List<CohortRates.Rate> two = CohortRates.of(List.of(cell("a", 3, 1), cell("b", 5, 1), cell("c", 50, 10)),
                Map.of(CohortRates.ANY, new long[] {58, 12}), 10);
        assertEquals(List.of(true, true, false), two.stream().map(CohortRates.Rate::suppressed).toList().subList(0, 3));
        List<CohortRates.Rate> none = CohortRates.of(List.of(cell("a", 30, 1), cell("b", 50, 1)),
                Map.of(CohortRates.ANY, new long[] {80, 2}), 10);
        assertTrue(none.stream().noneMatch(CohortRates.Rate::suppressed));
    }
}
