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
import org.chronolens.validate.ContractColumn;

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

    public InputInspector(SparkSession spark, ColumnMapping mapping) {
        this.spark = spark;
        this.mapping = mapping;
    }

    public Inspection inspect(List<InputFile> files) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> ignored = new TreeMap<>();
        for (InputFile file : files) {
            Optional<List<String>> header = header(file, problems);
            if (header.isEmpty()) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            for (String raw : header.get()) {
                String name = ContractColumn.normalise(raw);
                IdentifierColumns.identifierIn(name).ifPresent(kind -> problems.add(file.name()
                        + ": column '" + name + "' carries direct identifiers. Only anonymised "
                        + "chronologies are read: remove the column from the extract and run again"));
                if (!names.add(name)) {
                    problems.add(file.name() + ": column '" + name + "' appears twice in the header; "
                            + "keep one and run again");
                }
            }
            mapping.missingColumns(names).forEach(m -> problems.add(file.name() + ": " + m
                    + (mapping.isIdentity() ? "; add it to the extract" : "; fix the extract or the mapping "
                    + mapping.origin()) + " and run again"));
            Set<String> used = mapping.sourceColumns(names);
            names.stream().filter(n -> !used.contains(n)).forEach(n -> ignored.merge(n, 1, Integer::sum));
        }
        if (!problems.isEmpty()) {
            throw new InputRefusedException("input refused, nothing was written:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new Inspection(files, ignored);
    }

    private Optional<List<String>> header(InputFile file, List<String> problems) {
        if (file.bytes() == 0) {
            problems.add(file.name() + ": the file is empty (0 bytes). An extract with no events still needs "
                    + "its header row");
            return Optional.empty();
        }
        if (file.format() == InputFile.Format.PARQUET) {
            return Optional.of(List.of(spark.read().parquet(file.uri()).schema().fieldNames()));
        }
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try (Reader reader = CsvFiles.open(file.uri(), hadoop);
             CSVParser parser = CsvFiles.FORMAT.parse(reader)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                problems.add(file.name() + ": the file holds no header row");
                return Optional.empty();
            }
            return Optional.of(it.next().toList());
        } catch (UncheckedIOException e) {
            problems.add(file.name() + ": the header row is not valid CSV (an unbalanced quote?)");
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
