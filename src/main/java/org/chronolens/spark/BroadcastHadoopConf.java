package org.chronolens.spark;

import java.io.Serializable;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The session's Hadoop configuration, for code that opens files on executors: broadcast once, so
 * that {@code spark.hadoop.*} settings (file system implementations, HDFS, S3A or ABFS endpoints
 * and credentials) reach every task. A {@code new Configuration()} on an executor would know none
 * of them. Serializable so a task can carry it; a command that reads a file without a Spark job
 * takes a plain {@link Configuration} from {@code io.HadoopConf} instead.
 */
public final class BroadcastHadoopConf implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Broadcast<SerializableConfiguration> conf;

    private BroadcastHadoopConf(Broadcast<SerializableConfiguration> conf) {
        this.conf = conf;
    }

    public static BroadcastHadoopConf of(SparkSession spark) {
        return new BroadcastHadoopConf(spark.sparkContext().broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()),
                scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class)));
    }

    public Configuration get() {
        return conf.value().value();
    }
}
