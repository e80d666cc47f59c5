package org.chronolens.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.chronolens.io.OwnerOnly;
import org.chronolens.io.RunLock;
import org.chronolens.io.UsageException;

/**
 * The metrics of every successful run, kept in one folder as Parquet that Spark (or any Parquet
 * reader) reads back: one sub-folder per run, {@code run-<run id>/}. A run's entry is written under
 * a hidden name and renamed into place under the folder's lock, so a reader never sees half of
 * one, and an entry a killed run left half-written stays hidden (Spark skips names starting with a
 * dot). Only counts are kept, never an id or a value of a row.
 */
public final class MetricsHistory {

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("as_of", DataTypes.DateType, false)
            .add("metric", DataTypes.StringType, false)
            .add("by", DataTypes.StringType, false)
            .add("key", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, false);

    private final SparkSession spark;
    private final Path dir;

    public MetricsHistory(SparkSession spark, String dir) {
        this.spark = spark;
        this.dir = new Path(dir);
    }

    /** Every earlier run's metrics, oldest as-of first; empty when nothing has been kept yet. */
    public List<PastRun> read() {
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir) || fs.listStatus(dir, p -> p.getName().startsWith("run-")).length == 0) {
                return List.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, LocalDate> asOf = new HashMap<>();
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        // Small by construction (hundreds of numbers a run), so collected to the driver.
        for (Row r : spark.read().schema(SCHEMA).option("recursiveFileLookup", "true").parquet(dir.toString())
                .collectAsList()) {
            String run = r.getString(0);
            asOf.put(run, r.getDate(1).toLocalDate());
            values.computeIfAbsent(run, k -> new HashMap<>())
                    .put(r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4), r.getDouble(5));
        }
        List<PastRun> runs = new ArrayList<>();
        values.forEach((run, v) -> runs.add(new PastRun(run, asOf.get(run), Map.copyOf(v))));
        runs.sort(Comparator.comparing(PastRun::asOf).thenComparing(PastRun::runId));
        return runs;
    }

    /** Adds a run's entry, whole or not at all. Waits a little for another run that is appending. */
    public void append(String runId, LocalDate asOf, List<Metric> metrics) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : metrics) {
            rows.add(RowFactory.create(runId, Date.valueOf(asOf), m.name(), m.by(), m.key(), m.value()));
        }
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.mkdirs(dir);
            OwnerOnly.apply(fs, dir);
            try (RunLock lock = lock(fs, runId)) {
                Path staging = new Path(dir, ".run-" + runId);
                Path entry = new Path(dir, "run-" + runId);
                spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode("overwrite").parquet(staging.toString());
                OwnerOnly.apply(fs, staging);
                if (!fs.rename(staging, entry)) {
                    throw new IOException("cannot rename " + staging + " to " + entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RunLock lock(FileSystem fs, String runId) {
        for (int attempt = 0; ; attempt++) {
            try {
                return RunLock.acquire(fs, dir, runId, "metrics history " + dir);
            } catch (UsageException busy) {
                if (attempt == 50) {
                    throw busy;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }
}
