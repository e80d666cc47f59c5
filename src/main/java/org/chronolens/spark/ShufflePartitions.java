package org.chronolens.spark;

import org.apache.spark.sql.SparkSession;

/**
 * How many partitions a shuffle starts with, from the size of the input: enough that no
 * partition of the case grouping grows past about 48 MB of input, never fewer than 16 or than
 * twice the cores (adaptive execution merges the small ones). A count the user set with
 * {@code --conf spark.sql.shuffle.partitions=N} is left alone.
 */
public final class ShufflePartitions {

    /** Set by {@link Sessions} when the count is the project's default, not the user's. */
    public static final String AUTO = "spark.chronolens.shufflePartitions.auto";
    public static final int MIN = 16;
    public static final int MAX = 4000;
    static final long BYTES_PER_PARTITION = 48L << 20;
    /** Parquet extracts are compressed: about this many bytes of CSV per byte of Parquet. */
    public static final int PARQUET_EXPANSION = 8;

    private ShufflePartitions() {
    }

    /** The count for an input of {@code csvBytes} of CSV and {@code parquetBytes} of Parquet. */
    public static int forInput(long csvBytes, long parquetBytes, int cores) {
        long bytes = csvBytes + parquetBytes * PARQUET_EXPANSION;
        long bySize = (bytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
        return (int) Math.min(MAX, Math.max(Math.max(MIN, 2L * cores), bySize));
    }

    /** Applies {@link #forInput} to the session, unless the user chose the count. */
    public static void apply(SparkSession spark, long csvBytes, long parquetBytes) {
        if (Boolean.parseBoolean(spark.conf().get(AUTO, "false"))) {
            int n = forInput(csvBytes, parquetBytes, spark.sparkContext().defaultParallelism());
            spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(n));
        }
    }
}
