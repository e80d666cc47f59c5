package org.chronolens.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.spark.BroadcastHadoopConf;
import org.chronolens.check.EventCheck;
import org.chronolens.check.PiiPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** A large file split into pieces reads exactly as the whole file, line numbers included, or is not split. */
@ExtendWith(SparkExtension.class)
class CsvPiecesTest {

    @TempDir
    Path dir;

    private CsvEventReader reader;

    @org.junit.jupiter.api.BeforeEach
    void reader(SparkSession spark) {
        reader = new CsvEventReader(ColumnMapping.identity(), new EventCheck(PiiPolicy.REDACT), BroadcastHadoopConf.of(spark));
    }

    private InputFile file(String name, byte[] content) {
        Path p = TestFiles.bytes(dir, name, content);
        return new InputFile(p.toUri().toString(), name, InputFile.Format.CSV, content.length);
    }

    private List<String> read(List<CsvPieces.Piece> pieces) throws Exception {
        List<String> rows = new ArrayList<>();
        for (CsvPieces.Piece p : pieces) {
            for (Iterator<Row> it = reader.call(p); it.hasNext(); ) {
                rows.add(it.next().toString());
            }
        }
        return rows;
    }

    /** 3,000 rows with a byte-order mark, quoted commas and quotes, a blank line and bad rows at known lines. */
    private static byte[] extract() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        StringBuilder s = new StringBuilder(TestFiles.HEADER).append('\n');
        for (int i = 1; i <= 3000; i++) {
            String date = i % 701 == 0 ? "2026-02-30" : "2026-01-" + String.format("%02d", 1 + i % 28);
            if (i % 997 == 0) {
                s.append('\n'); // a blank line
            }
            s.append("F").append(i / 10).append(",C").append(i / 10).append("-1,E").append(i).append(',').append(date)
                    .append(",health,appointment,attended,,,,\"note, with a comma and \"\"quotes\"\"\"");
            s.append(i % 1499 == 0 ? ",extra\n" : "\n");
        }
        b.writeBytes(s.toString().getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void aSplitFileReadsExactlyAsTheWholeFileWithTheSameLineNumbers(SparkSession spark) throws Exception {
        InputFile f = file("big.csv", extract());
        List<CsvPieces.Piece> pieces = CsvPieces.plan(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                List.of(f), BroadcastHadoopConf.of(spark), 1, 8 << 10, 2);
        assertTrue(pieces.size() >= 10, "split into " + pieces.size());
        assertEquals(1, pieces.get(0).firstLine());
        List<String> whole = read(List.of(CsvPieces.Piece.whole(f)));
        assertEquals(3000, whole.size());
        assertEquals(whole, read(pieces));
        assertEquals(4, whole.stream().filter(r -> r.contains("bad_date")).count(), "rows 701, 1402, 2103, 2804");
        assertEquals(2, whole.stream().filter(r -> r.contains("malformed_csv")).count(), "rows 1499 and 2998");
    }

    /** 3,000 rows whose notes hold line breaks (LF and CRLF), quotes and commas, with bad rows among them. */
    private static byte[] multiLineExtract() {
        StringBuilder s = new StringBuilder(TestFiles.HEADER).append('\n');
        for (int i = 1; i <= 3000; i++) {
            String date = i % 701 == 0 ? "2026-02-30" : "2026-01-" + String.format("%02d", 1 + i % 28);
            String notes = switch (i % 4) {
                case 0 -> "\"first line\nsecond, with \"\"quotes\"\"\nthird\"";
                case 1 -> "\"windows\r\nline break\"";
                case 2 -> "\"\"\"quoted\"\"\n\"";
                default -> "plain";
            };
            s.append("F").append(i / 10).append(",C").append(i / 10).append("-1,E").append(i).append(',').append(date)
                    .append(",health,appointment,attended,,,,").append(notes);
            s.append(i % 1499 == 0 ? ",extra\n" : "\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileWhoseQuotedValuesHoldLineBreaksIsSplitAtRecordStartsAndReadsAsTheWholeFile(SparkSession spark)
            throws Exception {
        InputFile f = file("multiline.csv", multiLineExtract());
        List<CsvPieces.Piece> pieces = CsvPieces.plan(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                List.of(f), BroadcastHadoopConf.of(spark), 1, 4 << 10, 2);
        assertTrue(pieces.size() >= 20, "split into " + pieces.size());
        assertTrue(pieces.stream().anyMatch(CsvPieces.Piece::startsInside),
                "some range starts inside a quoted value: " + pieces);
        List<String> whole = read(List.of(CsvPieces.Piece.whole(f)));
        assertEquals(3000, whole.size());
        assertEquals(whole, read(pieces));
        // Rows 1-700 add 700 lines of their own and 700 line breaks inside notes (1 + 1 + 0 + 2 per four rows).
        assertTrue(whole.stream().anyMatch(r -> r.startsWith("[multiline.csv,1402,") && r.contains("bad_date")),
                "row 701 is reported at line 1402: " + whole.get(700));
    }

    @Test
    void aFileWithAQuoteInsideAnUnquotedValueIsReadWhole(SparkSession spark) {
        String text = TestFiles.HEADER + "\nF1,C1,E1,2026-01-05,health,appointment,attended,,,,6\" tall\n"
                + "F1,C1,E2,2026-01-06,health,appointment,attended,,,,\"a\nb\"\n".repeat(200);
        InputFile f = file("irregular.csv", text.getBytes(StandardCharsets.UTF_8));
        List<CsvPieces.Piece> pieces = CsvPieces.plan(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                List.of(f), BroadcastHadoopConf.of(spark), 1, 512, 2);
        assertEquals(List.of(CsvPieces.Piece.whole(f)), pieces);
    }

    @Test
    void aFileWithALoneCarriageReturnIsReadWholeBecauseTheParserCountsItAsALine(SparkSession spark) {
        String text = TestFiles.HEADER + "\nF1,C1,E1,2026-01-05,health,appointment,attended,,,,old\rmac\n"
                + "F1,C1,E2,2026-01-06,health,appointment,attended,,,,\"a\nb\"\n".repeat(200);
        InputFile f = file("cr.csv", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(CsvPieces.Piece.whole(f)), CsvPieces.plan(
                JavaSparkContext.fromSparkContext(spark.sparkContext()), List.of(f), BroadcastHadoopConf.of(spark), 1, 512, 2));
    }

    @Test
    void aFileEndingInsideAQuotedValueIsReadWholeSoThatTheParserReportsIt(SparkSession spark) throws Exception {
        String text = TestFiles.HEADER + "\n" + "F1,C1,E2,2026-01-06,health,appointment,attended,,,,\"a\nb\"\n".repeat(200)
                + "F1,C1,E9,2026-01-06,health,appointment,attended,,,,\"never closed\n";
        InputFile f = file("unclosed.csv", text.getBytes(StandardCharsets.UTF_8));
        List<CsvPieces.Piece> pieces = CsvPieces.plan(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                List.of(f), BroadcastHadoopConf.of(spark), 1, 512, 2);
        assertEquals(List.of(CsvPieces.Piece.whole(f)), pieces);
        assertTrue(read(pieces).get(200).contains("is never closed"), read(pieces).get(200));
    }

    @Test
    void smallFilesAreNotSplit(SparkSession spark) {
        InputFile f = file("small.csv", extract());
        assertEquals(List.of(CsvPieces.Piece.whole(f)),
                CsvPieces.plan(JavaSparkContext.fromSparkContext(spark.sparkContext()), List.of(f), BroadcastHadoopConf.of(spark)));
    }
}
