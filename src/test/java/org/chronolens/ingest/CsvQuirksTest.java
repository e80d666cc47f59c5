package org.chronolens.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.run.ValidateJob;
import org.chronolens.run.ValidateRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.chronolens.TestFiles.bytes;
import static org.chronolens.TestFiles.csv;
import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(SparkExtension.class)
class CsvQuirksTest {

    @TempDir
    Path dir;

    private ValidateRun validate(SparkSession spark) {
        return new ValidateRun(spark, dir.resolve("out"));
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndingsAreRead(SparkSession spark) {
        String body = HEADER + "\r\nF1,C1,E1,2026-01-05,health,appointment,attended,,,,\r\nF1,C1,E2,2026-01-06,health,appointment,attended,,,,\r\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] content = new byte[3 + body.length()];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(body.getBytes(StandardCharsets.UTF_8), 0, content, 3, body.length());
        ValidateRun run = validate(spark);
        ValidateJob.Result r = run.run(bytes(dir, "in/bom.csv", content));
        assertEquals(2, r.quality().accepted());
        assertEquals("F1", run.events().get(0).getAs("case_id"), "the BOM must not stick to the first column name");
    }

    @Test
    void quotedCommasQuotesAndLineBreaksAreOneValueAndLaterLineNumbersStayExact(SparkSession spark) {
        Path in = csv(dir, "in/quoted.csv", HEADER,
                "F1,C1,E1,2026-01-05,health,appointment,attended,,,,\"one, two\"",
                "F1,C1,E2,2026-01-06,health,appointment,attended,,,,\"she said \"\"fine\"\"\"",
                "F1,C1,E3,2026-01-07,health,appointment,attended,,,,\"line one",
                "line two\"",
                "F1,C1,E4,2026-01-08,health,appointment,DNA,,,,");
        ValidateRun run = validate(spark);
        ValidateJob.Result r = run.run(in);
        assertEquals(3, r.quality().accepted());
        List<Row> events = run.events();
        assertEquals("one, two", events.get(0).getAs("notes"));
        assertEquals("she said \"fine\"", events.get(1).getAs("notes"));
        assertEquals("line one\nline two", events.get(2).getAs("notes"));
        assertEquals(4L, (long) events.get(2).getAs("line"));
        Row bad = run.quarantine().get(0);
        assertEquals(6L, (long) bad.getAs("line"), "the row after a two-line value starts on line 6");
        assertEquals("bad_outcome", bad.getAs("reason"));
    }

    @Test
    void columnsMayComeInAnyOrderWithAnyCaseAndSpaces(SparkSession spark) {
        Path in = csv(dir, "in/order.csv", " Event_Type ,OUTCOME,event_id,agency,case_id,event_date",
                "appointment,attended,E1,health,F1,2026-01-05");
        ValidateRun run = validate(spark);
        assertEquals(1, run.run(in).quality().accepted());
        Row e = run.events().get(0);
        assertEquals("appointment", e.getAs("event_type"));
        assertNull(e.getAs("subject_id"), "a missing optional column reads as empty");
    }

    @Test
    void anUnknownColumnIsIgnoredWithAWarning(SparkSession spark) {
        Path in = csv(dir, "in/extra.csv", HEADER + ",team", "F1,C1,E1,2026-01-05,health,appointment,attended,,,,,north");
        ValidateJob.Result r = validate(spark).run(in);
        assertEquals(1, r.quality().accepted());
        assertEquals(List.of("column 'team' is not part of chronology v1 and is ignored (1 file)"), r.quality().warnings());
    }

    @Test
    void aHeaderOnlyFileIsAValidEmptyExtract(SparkSession spark) {
        Path empty = csv(dir, "in/police.csv", HEADER);
        Path other = csv(dir, "in/health.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,attended,,,,");
        ValidateJob.Result r = validate(spark).run(empty, other);
        assertEquals(1, r.quality().rowsRead());
        assertTrue(r.quality().reconciled());
    }

    @Test
    void anEmptyFileIsRefusedWithItsNameAndNothingIsWritten(SparkSession spark) {
        Path empty = bytes(dir, "in/empty.csv", new byte[0]);
        InputRefusedException e = assertThrows(InputRefusedException.class, () -> validate(spark).run(empty));
        assertTrue(e.getMessage().contains("empty.csv: the file is empty (0 bytes)"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aUtf16ExtractIsRefusedSayingItIsNotUtf8RatherThanListingEveryColumnAsMissing(SparkSession spark) {
        String text = HEADER + "\nF1,C1,E1,2026-01-05,health,appointment,attended,,,,\n";
        java.io.ByteArrayOutputStream withBom = new java.io.ByteArrayOutputStream();
        withBom.writeBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_16)); // big-endian, with its mark
        Path marked = bytes(dir, "in/health.csv", withBom.toByteArray());
        Path unmarked = bytes(dir, "in/police.csv", text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        InputRefusedException e = assertThrows(InputRefusedException.class, () -> validate(spark).run(marked, unmarked));
        for (String file : List.of("health.csv", "police.csv")) {
            assertTrue(e.getMessage().contains(file + ": the header row is not UTF-8 text"), e.getMessage());
        }
        assertFalse(e.getMessage().contains("is missing"), "not a list of missing columns: " + e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aMissingRequiredColumnRefusesTheRunNamingFileAndColumn(SparkSession spark) {
        Path in = csv(dir, "in/nodate.csv", "case_id,event_id,agency,event_type", "F1,E1,health,referral");
        InputRefusedException e = assertThrows(InputRefusedException.class, () -> validate(spark).run(in));
        assertTrue(e.getMessage().contains("nodate.csv: required column 'event_date' is missing"), e.getMessage());
    }

    @Test
    void invalidUtf8QuarantinesOnlyItsRowAsBadEncoding(SparkSession spark) {
        byte[] head = (HEADER + "\nF1,C1,E1,2026-01-05,health,appointment,attended,,,,caf").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\nF1,C1,E2,2026-01-06,health,appointment,attended,,,,fine\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, content, 0, head.length);
        content[head.length] = (byte) 0xE9; // Latin-1 é: not UTF-8
        System.arraycopy(tail, 0, content, head.length + 1, tail.length);
        ValidateRun run = validate(spark);
        ValidateJob.Result r = run.run(bytes(dir, "in/latin1.csv", content));
        assertEquals(1, r.quality().accepted());
        Row bad = run.quarantine().get(0);
        assertEquals("bad_encoding", bad.getAs("reason"));
        assertEquals(2L, (long) bad.getAs("line"));
        assertEquals("E2", run.events().get(0).getAs("event_id"));
    }

    @Test
    void anUnbalancedQuoteIsOneMalformedRowThatSaysTheRestCouldNotBeRead(SparkSession spark) {
        Path in = csv(dir, "in/quote.csv", HEADER,
                "F1,C1,E1,2026-01-05,health,appointment,attended,,,,fine",
                "F1,C1,E2,2026-01-06,health,appointment,attended,,,,\"never closed",
                "F1,C1,E3,2026-01-07,health,appointment,attended,,,,");
        ValidateRun run = validate(spark);
        ValidateJob.Result r = run.run(in);
        assertEquals(1, r.quality().accepted());
        assertEquals(1, r.quality().quarantined());
        Row bad = run.quarantine().get(0);
        assertEquals("malformed_csv", bad.getAs("reason"));
        assertEquals(3L, (long) bad.getAs("line"));
        assertTrue(((String) bad.getAs("message")).contains("never closed; the rest of the file could not be read"),
                (String) bad.getAs("message"));
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsMalformed(SparkSession spark) {
        Path in = csv(dir, "in/fields.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,attended,notes, unquoted");
        ValidateRun run = validate(spark);
        run.run(in);
        Row bad = run.quarantine().get(0);
        assertEquals("malformed_csv", bad.getAs("reason"));
        assertTrue(((String) bad.getAs("message")).contains("the row has 9 fields but the header has 11"),
                (String) bad.getAs("message"));
    }

    @Test
    void blankLinesAreNotRows(SparkSession spark) {
        Path in = csv(dir, "in/blank.csv", HEADER, "", "F1,C1,E1,2026-01-05,health,appointment,attended,,,,", "");
        ValidateRun run = validate(spark);
        assertEquals(1, run.run(in).quality().rowsRead());
        assertEquals(3L, (long) run.events().get(0).getAs("line"));
    }
}
