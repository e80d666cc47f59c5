package org.chronolens.ingest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Parquet input read by few tasks is spread into partitions the size of CSV pieces. */
class ParquetSpreadTest {

    private static final long MB = 1L << 20;

    @Test
    void aSmallInputGetsTwoPartitionsPerCore() {
        assertEquals(4, ParquetEventReader.spreadPartitions(5 * MB, 2));
    }

    @Test
    void tenMillionEventsOfParquetGetAsManyPartitionsAsTheirCsvWouldHavePieces() {
        // 108 MB of Parquet is about 864 MB of CSV: 36 pieces of 24 MB, not the 4 that ran out of memory.
        assertEquals(36, ParquetEventReader.spreadPartitions(108 * MB, 2));
    }
}
