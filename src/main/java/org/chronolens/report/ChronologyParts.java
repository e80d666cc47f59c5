package org.chronolens.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a child's chronology is cut into parts, each a page of its own: consecutive rows, in the
 * chronology's order, up to {@link PageBudget#PART_ROWS} rows and {@link PageBudget#PART_BYTES}
 * bytes a part. A chronology that fits is one part, and stays on the child's page.
 */
final class ChronologyParts {

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the chronology; numbered from 1. */
    record Part(int number, int from, int to) {
    }

    private ChronologyParts() {
    }

    static List<Part> of(List<Map<String, Object>> rows) {
        List<Part> parts = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            long row = PageBudget.row(rows.get(i));
            if (i > from && (i - from == PageBudget.PART_ROWS || bytes + row > PageBudget.PART_BYTES)) {
                parts.add(new Part(parts.size() + 1, from, i));
                from = i;
                bytes = 0;
            }
            bytes += row;
        }
        parts.add(new Part(parts.size() + 1, from, rows.size()));
        return parts;
    }
}
