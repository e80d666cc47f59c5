package org.chronolens.report;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ReviewTrailTest {

    @Test
    void everyLineOfAFlagNewestFirstReadByTheHeaderWhateverItsOrderOrItsExtraColumns() throws Exception {
        ReviewTrail trail = ReviewTrail.parse(new StringReader("""
                status,line,flag_key,reviewer,date,outcome,reason,team
                acknowledged,3,k1,sw07,2026-10-20,action-taken,"Visits agreed, unannounced",north
                superseded by a later acknowledgement,1,k1,tm01,2026-10-01,no-action-needed,Known,north
                escalated to the partnership,2,k1,tm02,2026-10-20,action-taken,Escalated,south
                acknowledged,4,k2,hv03,2026-10-15,flag-incorrect,Another pharmacy,east
                """));
        List<Map<String, Object>> k1 = trail.of("k1");
        assertEquals(List.of("sw07", "tm02", "tm01"), k1.stream().map(m -> m.get("reviewer")).toList(),
                "newest first; on the same date the later line first");
        assertEquals("Visits agreed, unannounced", k1.get(0).get("reason"));
        assertEquals("action taken", k1.get(0).get("outcome"), "outcomes in words");
        assertEquals("escalated to the partnership", k1.get(1).get("status"), "a status added later shows as it is");
        assertEquals(1, trail.of("k2").size());
        assertEquals(List.of(), trail.of("k3"), "a flag nobody reviewed");
        assertEquals(List.of(), ReviewTrail.none().of("k1"));
    }
}
