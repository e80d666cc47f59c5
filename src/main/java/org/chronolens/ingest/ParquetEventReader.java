package org.chronolens.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.chronolens.check.ContractColumn;
import org.chronolens.spark.ShufflePartitions;
import org.chronolens.check.EventCheck;
import org.chronolens.check.Vocabulary;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

/**
 * Reads Parquet extracts with Spark's own reader and puts every row through the same mapping and
 * checks as a CSV row. Parquet has no lines: {@code line} is the row's position in its file
 * (first row 1), from Spark's {@code _metadata.row_index}.
 */
final class ParquetEventReader {

    /** Inputs smaller than this stay as read: spreading them costs more than it saves. */
    static final long SPREAD_BYTES = 4L << 20;

    private ParquetEventReader() {
    }

    /** As many partitions as CSV pieces for the same data (Parquet is about 8 times smaller), at least two per core. */
    static int spreadPartitions(long parquetBytes, int cores) {
        long csvBytes = parquetBytes * ShufflePartitions.PARQUET_EXPANSION;
        long pieces = (csvBytes + CsvPieces.PIECE_BYTES - 1) / CsvPieces.PIECE_BYTES;
        return (int) Math.min(ShufflePartitions.MAX, Math.max(2L * cores, pieces));
    }

    static Dataset<Row> read(SparkSession spark, List<InputFile> files, ColumnMapping mapping, EventCheck check) {
        Map<String, String> names = new HashMap<>();
        files.forEach(f -> names.put(new Path(f.uri()).toUri().getPath(), f.name()));
        Dataset<Row> raw = spark.read().option("mergeSchema", "true")
                .parquet(files.stream().map(InputFile::uri).toArray(String[]::new));
        List<Column> select = new ArrayList<>();
        List<String> sourceNames = new ArrayList<>();
        for (StructField f : raw.schema().fields()) {
            DataType t = f.dataType();
            Column c = col("`" + f.name() + "`");
            boolean timestamp = t.equals(DataTypes.TimestampType) || t instanceof TimestampNTZType;
            select.add((timestamp ? date_format(c, "yyyy-MM-dd'T'HH:mm:ss") : c.cast("string")));
            sourceNames.add(ContractColumn.normalise(f.name()));
        }
        select.add(col("_metadata.file_path"));
        select.add(col("_metadata.row_index"));
        int n = sourceNames.size();
        Dataset<Row> strings = raw.select(select.toArray(Column[]::new));
        // An extract written as a few large row groups is read by a few tasks; the checks and
        // everything after them would then run on as few cores, in partitions too large for the
        // aggregations' memory (10M events in 4 partitions failed). Spread such an input into
        // partitions the size of a CSV piece.
        long bytes = files.stream().mapToLong(InputFile::bytes).sum();
        int target = spreadPartitions(bytes, spark.sparkContext().defaultParallelism());
        if (bytes >= SPREAD_BYTES && strings.rdd().getNumPartitions() < target) {
            strings = strings.repartition(target);
        }
        return strings.map((MapFunction<Row, Row>) row -> {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < n; i++) {
                values.put(sourceNames.get(i), row.isNullAt(i) ? null : row.getString(i));
            }
            String path = new Path(row.getString(n)).toUri().getPath();
            String file = names.getOrDefault(path, path);
            long line = row.getLong(n + 1) + 1;
            long chars = values.values().stream().mapToLong(v -> v == null ? 0 : v.length()).sum();
            if (chars > Vocabulary.MAX_RECORD_CHARS) {
                return CheckedRows.toRow(check.tooLong(file, line, "the row is " + chars + " characters long, more than "
                        + Vocabulary.MAX_RECORD_CHARS + " (1 MiB); notes hold at most " + Vocabulary.MAX_NOTES_LENGTH
                        + " characters", mapping.apply(values::get)));
            }
            return CheckedRows.toRow(check.check(file, line, mapping.apply(values::get)));
        }, Encoders.row(CheckedRows.SCHEMA));
    }
}
