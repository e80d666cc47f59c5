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

    /**
     * A session for one command; closing it stops Spark only if this command started it, and then
     * removes the run's scratch folder (null when Spark's scratch space is not ours to manage) and
     * gives the JVM its temporary folder back.
     */
    public record Handle(SparkSession spark, boolean owned, java.nio.file.Path scratch, String tmpdir) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                try {
                    spark.stop();
                } finally {
                    if (scratch != null) {
                        System.setProperty(TMPDIR, tmpdir);
                        Scratch.delete(scratch);
                    }
                }
            }
        }
    }

    private static final String TMPDIR = "java.io.tmpdir";

    /**
     * Opens the command's session. An application that already runs Spark (a notebook, the test
     * suite) keeps its session: the command joins it and leaves it running. A local Spark this
     * command starts keeps its scratch space in an owner-only folder of the run's own, unless the
     * user chose one (spark.local.dir, SPARK_LOCAL_DIRS).
     */
    public static Handle open(String appName, Map<String, String> conf) {
        scala.Option<SparkSession> running = SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession() : SparkSession.getDefaultSession();
        if (running.isDefined()) {
            return new Handle(isolated(running.get(), conf), false, null, null);
        }
        SparkConf given = new SparkConf();
        conf.forEach(given::set);
        boolean local = given.get("spark.master", "local").startsWith("local");
        if (!local || given.contains("spark.local.dir") || System.getenv("SPARK_LOCAL_DIRS") != null) {
            return new Handle(create(appName, conf), true, null, null);
        }
        java.nio.file.Path scratch = Scratch.create();
        Map<String, String> withScratch = new java.util.LinkedHashMap<>(conf);
        withScratch.put("spark.local.dir", scratch.toString());
        // Spark also makes folders of its own in the JVM's temporary folder (the session's
        // artifacts folder, under the umask), which a kill leaves behind: there, they are the run's
        // scratch like the rest, owner-only and removed with it.
        String tmpdir = System.getProperty(TMPDIR);
        System.setProperty(TMPDIR, scratch.toString());
        try {
            return new Handle(create(appName, withScratch), true, scratch, tmpdir);
        } catch (RuntimeException | Error e) {
            System.setProperty(TMPDIR, tmpdir);
            Scratch.delete(scratch);
            throw e;
        }
    }

    /**
     * A session of its own on a Spark that is already running: the command's SQL settings (and the
     * run's own, such as the shuffle partitions sized to the input) stay in it, and the
     * application's session is left as it was.
     */
    private static SparkSession isolated(SparkSession running, Map<String, String> conf) {
        SparkSession s = running.newSession();
        s.conf().set("spark.sql.session.timeZone", "UTC");
        conf.forEach((k, v) -> {
            if (s.conf().isModifiable(k)) {
                s.conf().set(k, v);
            }
        });
        return s;
    }

    public static SparkSession create(String appName, Map<String, String> conf) {
        EnvironmentLogFilter.install();
        return SparkSession.builder().config(conf(appName, conf)).getOrCreate();
    }

    /**
     * The settings a session of ours starts with: what the submitter or the system properties
     * give, our defaults where they are silent, then the command's {@code --conf} settings.
     */
    static SparkConf conf(String appName, Map<String, String> conf) {
        SparkConf c = new SparkConf();
        c.setAppName(appName);
        if (!c.contains("spark.master")) {
            c.setMaster("local[*]");
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (conf.getOrDefault("spark.master", c.get("spark.master")).startsWith("local")) {
            // A local run is a batch job on the analyst's machine: Spark's web UI would show its
            // queries (input file names among their literals) to anyone on the machine who opens
            // the port, and costs start-up time. --conf spark.ui.enabled=true brings it back; a
            // cluster's UI is left to the cluster.
            c.setIfMissing("spark.ui.enabled", "false");
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
        // Files Hadoop creates (HDFS and other stores) are owner-only from the start; local run
        // folders are also made owner-only at their commit, whatever the writers chose.
        c.setIfMissing("spark.hadoop.fs.permissions.umask-mode", org.chronolens.io.OwnerOnly.umask());
        conf.forEach(c::set);
        return c;
    }
}
