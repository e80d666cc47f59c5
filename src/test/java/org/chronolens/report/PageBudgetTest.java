package org.chronolens.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The budget weighs every character as it did when it searched a string of the escaped ones, so pages split where they did. */
class PageBudgetTest {

    @Test
    void everyCharacterWeighsWhatItDidAndNoLessThanThePageWritesForIt() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            long before = c < 0x80 ? (c < 0x20 || "&<>\"'`=".indexOf(c) >= 0 ? 6 : 1)
                    : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            String s = String.valueOf(c);
            assertEquals(before, PageBudget.escaped(s), "character " + (int) c);
            if (!Character.isSurrogate(c)) {
                long written = new Html(8).text(s).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                assertTrue(written <= PageBudget.escaped(s), "character " + (int) c + " is written in no more than its weight");
            }
        }
    }
}
