package org.chronolens.discover;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.function.IntPredicate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * How many rows hold both of each pair of findings, counted on the executors, one pass: the
 * overlaps by which two sequences, or two association rules, are one finding. Only the counts
 * reach the driver, never a row.
 */
final class PairCounts {

    /** What a row holds: reads the row once, then answers for each finding by its index. */
    interface Holder extends Serializable {
        IntPredicate of(Row row);
    }

    private PairCounts() {
    }

    /** {@code [i][j]}: the rows holding both finding i and finding j (and {@code [i][i]} those holding i). */
    static long[][] of(JavaRDD<Row> rows, int findings, Holder holder) {
        if (findings == 0) {
            return new long[0][0];
        }
        return rows.mapPartitions((Iterator<Row> it) -> {
            long[][] together = new long[findings][findings];
            int[] held = new int[findings];
            while (it.hasNext()) {
                IntPredicate holds = holder.of(it.next());
                int h = 0;
                for (int i = 0; i < findings; i++) {
                    if (holds.test(i)) {
                        held[h++] = i;
                    }
                }
                for (int x = 0; x < h; x++) {
                    for (int y = 0; y < h; y++) {
                        together[held[x]][held[y]]++;
                    }
                }
            }
            return Collections.singletonList(together).iterator();
        }).reduce(PairCounts::add);
    }

    private static long[][] add(long[][] a, long[][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                a[i][j] += b[i][j];
            }
        }
        return a;
    }
}
