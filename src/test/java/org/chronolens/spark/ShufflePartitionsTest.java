package org.chronolens.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shuffle starts with more partitions as the input grows, and never fewer than the floor. */
class ShufflePartitionsTest {

    private static final long MB = 1L << 20;

    @Test
    void aSmallInputKeepsTheFloorOfSixteen() {
        assertEquals(16, ShufflePartitions.forInput(11 * MB, 0, 2));
    }

    @Test
    void manyCoresRaiseTheFloorToTwiceTheirNumber() {
        assertEquals(64, ShufflePartitions.forInput(11 * MB, 0, 32));
    }

    @Test
    void aLargeCsvInputGetsOnePartitionPer48Megabytes() {
        assertEquals(16, ShufflePartitions.forInput(567 * MB, 0, 2), "5M events, 567 MB: 12 by size, floor 16");
        assertEquals(237, ShufflePartitions.forInput(11_340 * MB, 0, 2), "100M events, about 11.3 GB");
    }

    @Test
    void parquetBytesCountAsEightTimesAsMuchCsv() {
        assertEquals(ShufflePartitions.forInput(8 * 2_000 * MB, 0, 2), ShufflePartitions.forInput(0, 2_000 * MB, 2));
    }

    @Test
    void theCountIsCappedAtFourThousand() {
        assertEquals(4000, ShufflePartitions.forInput(Long.MAX_VALUE / 16, 0, 2));
    }
}
