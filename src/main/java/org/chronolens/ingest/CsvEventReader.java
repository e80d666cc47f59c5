package org.chronolens.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.sql.Row;
import org.chronolens.check.CheckedEvent;
import org.chronolens.check.ContractColumn;
import org.chronolens.check.EventCheck;
import org.chronolens.check.Vocabulary;
import org.chronolens.spark.BroadcastHadoopConf;

/**
 * Reads one CSV file on an executor, streaming it record by record through Commons CSV, and
 * checks each record as it goes. Line numbers are physical lines of the file (the header is
 * line 1), so a record with a quoted line break is reported at the line where it starts.
 */
final class CsvEventReader implements FlatMapFunction<CsvPieces.Piece, Row> {

    private static final long serialVersionUID = 1L;

    private final ColumnMapping mapping;
    private final EventCheck check;
    private final BroadcastHadoopConf hadoop;

    CsvEventReader(ColumnMapping mapping, EventCheck check, BroadcastHadoopConf hadoop) {
        this.mapping = mapping;
        this.check = check;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<Row> call(CsvPieces.Piece piece) throws IOException {
        Records records = records(piece);
        // A task that stops early (a limit, a failure) still closes its file.
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) ctx -> records.finish());
        }
        return records;
    }

    /** The rows of a task's pieces, one piece after another, each opened only when the one before is done. */
    static final class OfTask implements FlatMapFunction<CsvPieces.Task, Row> {

        private static final long serialVersionUID = 1L;

        private final CsvEventReader reader;

        OfTask(CsvEventReader reader) {
            this.reader = reader;
        }

        @Override
        public Iterator<Row> call(CsvPieces.Task task) {
            Iterator<CsvPieces.Piece> pieces = task.pieces().iterator();
            return new Iterator<>() {
                private Iterator<Row> rows = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!rows.hasNext() && pieces.hasNext()) {
                        try {
                            rows = reader.call(pieces.next());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return rows.next();
                }
            };
        }
    }

    private Records records(CsvPieces.Piece piece) throws IOException {
        Configuration conf = hadoop.get();
        if (piece.isWhole()) {
            return new Records(piece.file(), CsvFiles.open(piece.file().uri(), conf), 0, null);
        }
        // A piece after the first has no header of its own: it takes the file's.
        List<String> header = null;
        if (piece.start() > 0) {
            try (Reader in = CsvFiles.limited(CsvFiles.open(piece.file().uri(), conf));
                 CSVParser p = CsvFiles.FORMAT.parse(in)) {
                header = p.iterator().next().toList();
            }
        }
        CsvPieces.Records owned = CsvPieces.open(piece, conf);
        return new Records(piece.file(), CsvFiles.decode(owned.in()), piece.firstLine() - 1 + owned.skippedLines(),
                header);
    }

    /** Lazily yields one checked row per record; an unparseable stretch ends the file with one malformed row. */
    private final class Records implements Iterator<Row> {
        private final InputFile file;
        private final RecordLimit reader;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private Map<String, Integer> columns;
        private final long lineOffset;
        private Row next;
        private boolean done;
        private boolean closed;

        /** {@code lineOffset}: lines of the file before this piece; {@code header}: the file's, if the piece lacks it. */
        Records(InputFile file, Reader reader, long lineOffset, List<String> header) throws IOException {
            this.file = file;
            this.reader = CsvFiles.limited(reader);
            this.parser = CsvFiles.FORMAT.parse(this.reader);
            this.records = parser.iterator();
            this.lineOffset = lineOffset;
            if (header != null) {
                columns = columns(header);
            }
        }

        private static Map<String, Integer> columns(List<String> header) {
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.put(ContractColumn.normalise(header.get(i)), i);
            }
            return columns;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            return r;
        }

        private Row advance() {
            // The parser counts the lines it was given; a record cut for length held some back.
            long parserLine = parser.getCurrentLineNumber() + 1;
            long line = lineOffset + parserLine + reader.hiddenLinesBefore(parserLine);
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    finish();
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                finish();
                return CheckedRows.toRow(check.malformed(file.name(), line, describe(e, line)));
            }
            if (columns == null) {
                columns = columns(record.toList());
                return null;
            }
            if (record.size() == 1 && record.get(0).isEmpty()) {
                return null; // a blank line is no row
            }
            Map<ContractColumn, String> values = mapping.apply(name -> {
                Integer i = columns.get(name);
                return i == null || i >= record.size() ? null : record.get(i);
            });
            if (reader.wasCut(parserLine)) {
                return CheckedRows.toRow(check.tooLong(file.name(), line, "the record starting at line " + line
                        + " is longer than " + Vocabulary.MAX_RECORD_CHARS + " characters (1 MiB); it was read past, "
                        + "not kept. A value that long is not a chronology entry: notes hold at most "
                        + Vocabulary.MAX_NOTES_LENGTH + " characters", values));
            }
            if (record.size() != columns.size()) {
                return CheckedRows.toRow(check.malformed(file.name(), line, "the row has " + record.size()
                        + " fields but the header has " + columns.size()
                        + "; a value holding a comma, quote or line break must be in double quotes", values));
            }
            CheckedEvent checked = check.check(file.name(), line, values);
            return CheckedRows.toRow(checked);
        }

        private String describe(UncheckedIOException e, long line) {
            String m = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            String what = m.contains("EOF")
                    ? "a quoted value opened in the row starting at line " + line + " is never closed"
                    : "a character follows a closing double quote in the row starting at line " + line;
            return what + "; the rest of the file could not be read. Quote the value and double every "
                    + "quote inside it (\"\"), then run again";
        }

        private void finish() {
            if (closed) {
                return;
            }
            closed = true;
            done = true;
            try {
                parser.close();
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
