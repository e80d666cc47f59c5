package org.chronolens.ingest;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.spark.BroadcastHadoopConf;
import org.chronolens.check.EventCheck;
import org.chronolens.check.PiiPolicy;
import org.chronolens.check.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** A record over the limit is cut for the parser and read past, and every line number stays exact. */
@ExtendWith(SparkExtension.class)
class RecordLimitTest {

    @TempDir
    Path dir;

    private record Parsed(long line, boolean cut, List<String> values) {
    }

    private static List<Parsed> parse(String text, int limit) throws Exception {
        RecordLimit in = new RecordLimit(new StringReader(text), limit);
        List<Parsed> out = new ArrayList<>();
        try (CSVParser parser = CsvFiles.FORMAT.parse(in)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                long parserLine = parser.getCurrentLineNumber() + 1;
                if (!it.hasNext()) {
                    break;
                }
                CSVRecord r = it.next();
                out.add(new Parsed(parserLine + in.hiddenLinesBefore(parserLine), in.wasCut(parserLine), r.toList()));
            }
        }
        return out;
    }

    @Test
    void aShortFileIsPassedThroughUnchanged() throws Exception {
        List<Parsed> rows = parse("a,b\n1,\"x\ny\"\n2,z\n", 100);
        assertEquals(List.of(1L, 2L, 4L), rows.stream().map(Parsed::line).toList());
        assertEquals(List.of("1", "x\ny"), rows.get(1).values());
        assertTrue(rows.stream().noneMatch(Parsed::cut));
    }

    @Test
    void aLongQuotedValueWithLineBreaksIsCutAndTheFollowingLinesKeepTheirNumbers() throws Exception {
        String longValue = "\"" + "line\n".repeat(40) + "end\"";
        List<Parsed> rows = parse("a,b\n1," + longValue + "\r\n2,z\r\n3,w", 30);
        assertEquals(4, rows.size(), rows.toString());
        assertEquals(2, rows.get(1).line());
        assertTrue(rows.get(1).cut());
        assertTrue(rows.get(1).values().get(1).length() <= 30, "no more than the limit was passed on");
        assertEquals(43, rows.get(2).line(), "the record spanned lines 2 to 42");
        assertEquals(List.of("2", "z"), rows.get(2).values());
        assertEquals(44, rows.get(3).line());
        assertFalse(rows.get(2).cut() || rows.get(3).cut());
    }

    @Test
    void aLongUnquotedRecordAndOneAtTheEndOfTheFileWithoutALineBreakAreCut() throws Exception {
        List<Parsed> rows = parse("a,b\n1," + "x".repeat(100) + "\n2,ok\n3," + "y".repeat(100), 20);
        assertEquals(List.of(1L, 2L, 3L, 4L), rows.stream().map(Parsed::line).toList());
        assertEquals(List.of(false, true, false, true), rows.stream().map(Parsed::cut).toList());
        assertEquals(List.of("2", "ok"), rows.get(2).values());
    }

    @Test
    void anEscapedQuoteAtTheCutDoesNotConfuseTheRestOfTheFile() throws Exception {
        String value = "\"" + "ab\"\"".repeat(30) + ",\n\"\"still inside\"";
        List<Parsed> rows = parse("a,b\n1," + value + "\n2,after\n", 17);
        assertEquals(List.of("2", "after"), rows.get(2).values());
        assertEquals(4, rows.get(2).line());
    }

    @Test
    void aRecordOverOneMebibyteIsQuarantinedAsTooLongAtItsLineAndTheRunGoesOn(SparkSession spark) throws Exception {
        StringBuilder csv = new StringBuilder(TestFiles.HEADER).append('\n');
        csv.append("F1,C1,E1,2026-01-05,health,appointment,attended,,,,fine\n");
        csv.append("F1,C1,E2,2026-01-06,health,appointment,attended,,,,\"")
                .append("a long note\n".repeat(Vocabulary.MAX_RECORD_CHARS / 12 + 1000)).append("\"\r\n");
        csv.append("F1,C1,E3,2026-01-07,health,appointment,attended,,,,after the long one\n");
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path p = TestFiles.bytes(dir, "long.csv", bytes);
        InputFile f = new InputFile(p.toUri().toString(), "long.csv", InputFile.Format.CSV, bytes.length);
        CsvEventReader reader = new CsvEventReader(ColumnMapping.identity(), new EventCheck(PiiPolicy.REDACT), BroadcastHadoopConf.of(spark));
        List<String> whole = rows(reader, List.of(CsvPieces.Piece.whole(f)));
        assertEquals(3, whole.size());
        assertTrue(whole.get(0).startsWith("[long.csv,2,F1,C1,E1"), whole.get(0));
        assertTrue(whole.get(1).startsWith("[long.csv,3,F1,C1,E2") && whole.get(1).contains("too_long")
                && whole.get(1).contains("longer than 1048576 characters (1 MiB)"), whole.get(1).substring(0, 200));
        int noteLines = Vocabulary.MAX_RECORD_CHARS / 12 + 1000;
        assertTrue(whole.get(2).startsWith("[long.csv," + (3 + noteLines + 1) + ",F1,C1,E3"), whole.get(2));
        assertTrue(whole.get(1).length() < 10_000, "the quarantined row holds the notes cut to their limit");

        List<CsvPieces.Piece> pieces = CsvPieces.plan(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                List.of(f), BroadcastHadoopConf.of(spark), 1, 256 << 10, 2);
        assertTrue(pieces.size() > 2, "split into " + pieces.size());
        assertEquals(whole, rows(reader, pieces), "split into pieces, it reads the same");
    }

    private static List<String> rows(CsvEventReader reader, List<CsvPieces.Piece> pieces) throws Exception {
        List<String> out = new ArrayList<>();
        for (CsvPieces.Piece piece : pieces) {
            for (Iterator<Row> it = reader.call(piece); it.hasNext(); ) {
                out.add(it.next().toString());
            }
        }
        return out;
    }
}
