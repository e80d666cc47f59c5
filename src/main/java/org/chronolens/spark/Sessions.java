package org.chronolens.spark;

import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the run's SparkSession. Under spark-submit the master and settings come from the
 * submitter; run directly (jobs/run) the job starts an embedded {@code local[*]} Spark.
 * {@code --conf} settings given on the command line win over both.
 */
public final class Sessions {

    private Sessions() {
    }

    /** A session for one command; closing it stops Spark only if this command started it. */
    public record Handle(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }

    /**
     * Opens the command's session. An application that already runs Spark (a notebook, the test
     * suite) keeps its session: the command joins it and leaves it running.
     */
    public static Handle open(String appName, Map<String, String> conf) {
        boolean existed = SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
        return new Handle(create(appName, conf), !existed);
    }

    public static SparkSession create(String appName, Map<String, String> conf) {
        SparkConf c = new SparkConf();
        c.setAppName(appName);
        if (!c.contains("spark.master")) {
            c.setMaster("local[*]");
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // A batch job writes its own progress lines; Spark's console bar would garble stderr.
        c.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Dates are calendar dates: the machine's zone must not shift them.
        c.setIfMissing("spark.sql.session.timeZone", "UTC");
        if (!c.contains("spark.sql.shuffle.partitions") && !conf.containsKey("spark.sql.shuffle.partitions")) {
            // Not chosen by the user: validation sizes it to the input (ShufflePartitions).
            c.set(ShufflePartitions.AUTO, "true");
        }
        c.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(ShufflePartitions.MIN));
        c.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        // Checked rows are cached once and read a few times; compressing the cache cost more time
        // (dictionary statistics over every text column) than it saved (measured: 5 s vs 1.7 s on 250k rows).
        c.setIfMissing("spark.sql.inMemoryColumnarStorage.compressed", "false");
        // Local outputs without Hadoop's hidden .crc file beside every file: analysts open these folders.
        c.setIfMissing("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.forEach(c::set);
        return SparkSession.builder().config(c).getOrCreate();
    }
}
