package org.chronolens.ingest;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.check.EventCheck;
import org.chronolens.spark.HadoopConf;

/**
 * Reads every input file into one Dataset of checked rows ({@link CheckedRows#SCHEMA}). CSV files
 * are parsed in parallel, one Spark task per file, each streaming its file; Parquet files go
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
            // One task per file, or per piece of a large file that can be split safely.
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            HadoopConf hadoop = HadoopConf.of(spark);
            List<CsvPieces.Piece> pieces = CsvPieces.plan(sc, csv, hadoop);
            JavaRDD<CsvPieces.Piece> perPiece = sc.parallelize(pieces, pieces.size());
            out = spark.createDataset(perPiece.rdd(), Encoders.javaSerialization(CsvPieces.Piece.class))
                    .flatMap(new CsvEventReader(mapping, check, hadoop), Encoders.row(CheckedRows.SCHEMA));
        }
        if (!parquet.isEmpty()) {
            Dataset<Row> p = ParquetEventReader.read(spark, parquet, mapping, check);
            out = out == null ? p : out.unionByName(p);
        }
        return out == null ? spark.createDataFrame(List.of(), CheckedRows.SCHEMA) : out;
    }
}
