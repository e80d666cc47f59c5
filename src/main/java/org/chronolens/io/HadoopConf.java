package org.chronolens.io;

import java.util.Map;

import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration for files a command reads or writes without a Spark job (the
 * acknowledgements file, audit checklists and history): the same {@code spark.hadoop.*} settings
 * a Spark session would pass on, so an HDFS or a credential set for the run reaches these files
 * too. spark-submit hands its {@code --conf} settings to the driver as system properties. Code
 * that opens files inside Spark tasks takes {@code spark.BroadcastHadoopConf}, which carries the
 * session's configuration to the executors.
 */
public final class HadoopConf {

    static final String PREFIX = "spark.hadoop.";

    private HadoopConf() {
    }

    /** Hadoop's defaults (and any *-site.xml on the class path), then the system's and the command's settings. */
    public static Configuration of(Map<String, String> sparkConf) {
        Configuration c = new Configuration();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).sorted()
                .forEach(k -> c.set(k.substring(PREFIX.length()), System.getProperty(k)));
        sparkConf.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                c.set(k.substring(PREFIX.length()), v);
            }
        });
        return c;
    }
}
