package org.chronolens.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A JSON file a run writes is the same on every run: maps say their order. */
class JsonTextTest {

    @Test
    void orderedMapsAreWrittenInTheirOrderWithAFinalLineFeed() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(new TreeMap<>(Map.of("y", 2, "x", 3))));
        assertEquals("{\n  \"b\" : 1,\n  \"a\" : [ {\n    \"x\" : 3,\n    \"y\" : 2\n  } ]\n}\n", JsonText.pretty(m));
    }

    @Test
    void aMapWithoutADefinedOrderIsRefusedAndTheMessageSaysWhere() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", List.of(Map.of("as_of", "2026-10-24", "accepted", 589)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JsonText.pretty(m));
        assertTrue(e.getMessage().startsWith("a map without a defined order (java.util.ImmutableCollections$MapN) at "
                + "$.points[0] would be written as JSON"), e.getMessage());
    }

    @Test
    void aMapOfOneEntryHasOnlyOneOrder() {
        assertEquals("{\n  \"k\" : 1\n}\n", JsonText.pretty(Map.of("k", 1)));
    }
}
