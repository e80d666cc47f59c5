package org.chronolens.detect.spark;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.chronolens.detect.Chronologies;
import org.chronolens.detect.rules.Catalogue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The rules over a partition sorted by case: one result per run of a case, the same as one case at a time. */
class CasePartitionsTest {

    private final CaseEvaluator evaluator = new CaseEvaluator(Catalogue.standard().defaults(), Chronologies.AS_OF);

    /** An event as the scan's rules stage reads it (CaseEvaluator.COLUMNS). */
    private static Row event(String caseId, String id, String date, String outcome) {
        return RowFactory.create(caseId, caseId + "-C1", id, Date.valueOf(LocalDate.parse(date)), null, "health",
                "appointment", outcome, null, null, scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toSeq());
    }

    private static List<Row> all(Iterator<Row> rows) {
        List<Row> out = new ArrayList<>();
        rows.forEachRemaining(out::add);
        return out;
    }

    @Test
    void eachRunOfOneCaseIsEvaluatedAsThatCaseAlone() {
        List<Row> a = List.of(event("A", "A-1", "2026-01-05", "was_not_brought"), event("A", "A-2", "2026-01-20",
                "did_not_attend"), event("A", "A-3", "2026-02-02", "was_not_brought"));
        List<Row> b = List.of(event("B", "B-1", "2026-03-01", "attended"), event("B", "B-2", "2026-03-09", "attended"));
        List<Row> sorted = new ArrayList<>(a);
        sorted.addAll(b);

        List<Row> results = all(new CasePartitions(evaluator).call(sorted.iterator()));

        assertEquals(2, results.size(), "one row per case: " + results);
        assertEquals(evaluator.call("A", a.iterator()), results.get(0));
        assertEquals(evaluator.call("B", b.iterator()), results.get(1));
        assertEquals("A", results.get(0).getString(0));
        assertFalse(results.get(0).getSeq(1).isEmpty(), "three missed appointments in a month flag case A");
        assertTrue(results.get(1).getSeq(1).isEmpty(), "attended appointments flag nothing in case B");
    }

    @Test
    void anEmptyPartitionGivesNoRows() {
        assertFalse(new CasePartitions(evaluator).call(List.<Row>of().iterator()).hasNext());
    }
}
