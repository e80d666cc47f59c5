package org.chronolens.util;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Ordinal values such as age bands sort as a person reads them, not as text. */
class NaturalOrderTest {

    @Test
    void ageBandsSortByTheirNumbers() {
        List<String> bands = new ArrayList<>(List.of("16-17", "5-10", "11-15", "(not recorded)", "0-4"));
        bands.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("(not recorded)", "0-4", "5-10", "11-15", "16-17"), bands);
    }

    @Test
    void wordsStillSortAsTextAndEqualValuesAreToldApart() {
        List<String> values = new ArrayList<>(List.of("year 10", "year 9", "reception", "Year 9", "007", "7"));
        values.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("007", "7", "Year 9", "reception", "year 9", "year 10"), values);
        assertTrue(NaturalOrder.INSTANCE.compare("x" + "9".repeat(40), "x1" + "0".repeat(40)) < 0, "no overflow");
    }
}
