package org.chronolens.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.chronolens.check.ContractColumn;

/**
 * File-level checks, run on the driver before anything is written: each file's header (CSV) or
 * schema (Parquet) is read, never its rows. Refuses the whole input, listing every problem of
 * every file at once, when a file is empty, names an identifier column or lacks a required column.
 */
public final class InputInspector {

    /** What the inspection found acceptable, with the columns that will be ignored. */
    public record Inspection(List<InputFile> files, Map<String, Integer> ignoredColumns) {
        public List<String> warnings() {
            List<String> out = new ArrayList<>();
            ignoredColumns.forEach((column, files) -> out.add("column '" + column
                    + "' is not part of chronology v1 and is ignored (" + files + (files == 1 ? " file)" : " files)")));
            return out;
        }
    }

    private final SparkSession spark;
    private final ColumnMapping mapping;
    private final org.chronolens.check.PiiScanner pii = new org.chronolens.check.PiiScanner();

    public InputInspector(SparkSession spark, ColumnMapping mapping) {
        this.spark = spark;
        this.mapping = mapping;
    }

    public Inspection inspect(List<InputFile> files) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> ignored = new TreeMap<>();
        Map<String, Map.Entry<String, String>> parquetTypes = new TreeMap<>();
        for (InputFile file : files) {
            Optional<List<String>> header = file.format() == InputFile.Format.PARQUET && file.bytes() > 0
                    ? parquetHeader(file, problems, parquetTypes) : header(file, problems);
            if (header.isEmpty()) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            for (String raw : header.get()) {
                String name = ContractColumn.normalise(raw);
                // A header cell is quoted redacted: a file without a header row has data there.
                IdentifierColumns.identifierIn(raw).ifPresent(kind -> problems.add(file.name()
                        + ": column '" + pii.redact(name) + "' carries direct identifiers. Only anonymised "
                        + "chronologies are read: remove the column from the extract and run again"));
                if (!names.add(name)) {
                    problems.add(file.name() + ": column '" + pii.redact(name) + "' appears twice in the header; "
                            + "keep one and run again");
                }
            }
            mapping.missingColumns(names).forEach(m -> problems.add(file.name() + ": " + m
                    + (mapping.isIdentity() ? "; add it to the extract" : "; fix the extract or the mapping "
                    + mapping.origin()) + " and run again"));
            Set<String> used = mapping.sourceColumns(names);
            names.stream().filter(n -> !used.contains(n)).forEach(n -> ignored.merge(pii.redact(n), 1, Integer::sum));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusedException("input refused, nothing was written:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new Inspection(files, ignored);
    }

    /**
     * A Parquet file's columns, from its footer; a file Spark cannot read, or whose types clash with
     * another's ({@code types}: the first file and type seen per column), is refused.
     */
    private Optional<List<String>> parquetHeader(InputFile file, List<String> problems,
                                                 Map<String, Map.Entry<String, String>> types) {
        org.apache.spark.sql.types.StructType schema;
        try {
            // The footer first, with Parquet's own reader: Spark may defer reading a damaged one.
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.uri());
            try (org.apache.parquet.hadoop.ParquetFileReader footer = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path, spark.sparkContext().hadoopConfiguration()))) {
                footer.getFooter();
            }
            schema = spark.read().parquet(file.uri()).schema();
        } catch (RuntimeException | IOException e) {
            problems.add(file.name() + ": not a readable Parquet file (damaged, truncated or not Parquet); export it again");
            return Optional.empty();
        }
        for (org.apache.spark.sql.types.StructField f : schema.fields()) {
            String name = ContractColumn.normalise(f.name());
            String type = f.dataType().simpleString();
            Map.Entry<String, String> first = types.putIfAbsent(name, Map.entry(file.name(), type));
            if (first != null && !first.getValue().equals(type)) {
                problems.add(file.name() + ": column '" + pii.redact(name) + "' is " + type + " but " + first.getValue()
                        + " in " + first.getKey() + "; the Parquet extracts must agree on each column's type");
            }
        }
        return Optional.of(List.of(schema.fieldNames()));
    }

    private Optional<List<String>> header(InputFile file, List<String> problems) {
        if (file.bytes() == 0) {
            problems.add(file.name() + ": the file is empty (0 bytes). An extract with no events still needs "
                    + "its header row");
            return Optional.empty();
        }
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try (RecordLimit reader = CsvFiles.limited(CsvFiles.open(file.uri(), hadoop));
             CSVParser parser = CsvFiles.FORMAT.parse(reader)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                problems.add(file.name() + ": the file holds no header row");
                return Optional.empty();
            }
            List<String> header = it.next().toList();
            if (reader.wasCut(1)) {
                problems.add(file.name() + ": the first row is longer than 1 MiB, so it is no header row; "
                        + "is this a chronology extract?");
                return Optional.empty();
            }
            // UTF-16 (what some systems call "Unicode" on export) puts a NUL byte beside every
            // ASCII letter: read as UTF-8, no column name would match, and the refusal would list
            // every required column as missing instead of saying why.
            if (header.stream().anyMatch(name -> name.indexOf('\u0000') >= 0)) {
                problems.add(file.name() + ": the header row is not UTF-8 text (it holds NUL bytes, as UTF-16 text "
                        + "or a binary file does); export the extract as UTF-8 and run again");
                return Optional.empty();
            }
            return Optional.of(header);
        } catch (UncheckedIOException e) {
            problems.add(file.name() + ": the header row is not valid CSV (an unbalanced quote?)");
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
