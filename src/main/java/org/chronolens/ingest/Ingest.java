package org.chronolens.ingest;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.check.EventCheck;
import org.chronolens.spark.BroadcastHadoopConf;

/**
 * Reads every input file into one Dataset of checked rows ({@link CheckedRows#SCHEMA}). CSV files
 * are parsed in parallel, each Spark task streaming its files one after another (a large file split
 * into pieces, small ones grouped, see {@link CsvPieces}); Parquet files go
 * through Spark's reader. Nothing of the rows passes through the driver.
 */
public final class Ingest {

    private final SparkSession spark;
    private final ColumnMapping mapping;
    private final EventCheck check;

    public Ingest(SparkSession spark, ColumnMapping mapping, EventCheck check) {
        this.spark = spark;
        this.mapping = mapping;
        this.check = check;
    }

    public Dataset<Row> read(List<InputFile> files) {
        List<InputFile> csv = files.stream().filter(f -> f.format() == InputFile.Format.CSV).toList();
        List<InputFile> parquet = files.stream().filter(f -> f.format() == InputFile.Format.PARQUET).toList();
        Dataset<Row> out = null;
        if (!csv.isEmpty()) {
            // A piece per file, or per piece of a large file that can be split safely; small pieces
            // grouped into tasks of a few megabytes, in order (3,000 daily extracts are not 3,000 tasks).
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            BroadcastHadoopConf hadoop = BroadcastHadoopConf.of(spark);
            List<CsvPieces.Task> tasks = CsvPieces.tasks(sc, CsvPieces.plan(sc, csv, hadoop));
            JavaRDD<CsvPieces.Task> perTask = sc.parallelize(tasks, tasks.size());
            out = spark.createDataset(perTask.rdd(), Encoders.javaSerialization(CsvPieces.Task.class))
                    .flatMap(new CsvEventReader.OfTask(new CsvEventReader(mapping, check, hadoop)),
                            Encoders.row(CheckedRows.SCHEMA));
        }
        if (!parquet.isEmpty()) {
            Dataset<Row> p = ParquetEventReader.read(spark, parquet, mapping, check);
            out = out == null ? p : out.unionByName(p);
        }
        return out == null ? spark.createDataFrame(List.of(), CheckedRows.SCHEMA) : out;
    }
}
