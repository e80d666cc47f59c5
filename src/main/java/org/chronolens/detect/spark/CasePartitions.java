package org.chronolens.detect.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The rules over a partition of events sorted by case: each run of one {@code case_id} is one
 * case for {@link CaseEvaluator}, and one row of results comes out per case, lazily. This is
 * {@code groupByKey(case_id).mapGroups} without its cost: there, every event is turned into a
 * Java object on the map side only to compute its key, and again on the reduce side.
 */
public final class CasePartitions implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final CaseEvaluator evaluator;

    public CasePartitions(CaseEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sorted) {
        return new Iterator<>() {
            private Row next = sorted.hasNext() ? sorted.next() : null;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String caseId = next.getString(0);
                List<Row> rows = new ArrayList<>();
                while (next != null && caseId.equals(next.getString(0))) {
                    rows.add(next);
                    next = sorted.hasNext() ? sorted.next() : null;
                }
                return evaluator.call(caseId, rows.iterator());
            }
        };
    }
}
