package org.chronolens.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.ingest.InputRefusedException;
import org.chronolens.check.PiiPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.chronolens.TestFiles.csv;
import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(SparkExtension.class)
class ValidateJobTest {

    @TempDir
    Path dir;

    private ValidateRun validate(SparkSession spark) {
        return new ValidateRun(spark, dir.resolve("out"));
    }

    @Test
    void mixedGoodAndBadInputReconcilesAndSaysWhereEachRowWent(SparkSession spark) {
        Path health = csv(dir, "in/health.csv", HEADER,
                "F1,C1,E1,2026-01-05,health,appointment,attended,,,,",
                "F1,C1,E2,2026-01-06,health,appointment,was_not_brought,,,,",
                "F1,C1,E3,2026-02-30,health,appointment,attended,,,,",
                "F1,C1,E4,2027-01-01,health,appointment,attended,,,,",
                "F1,,E5,2026-01-07,social_care,strategy_meeting,,,,social_care;health;police,");
        Path police = csv(dir, "in/police.csv", HEADER,
                "F1,,E5,2026-01-07,social_care,strategy_meeting,,,,police;social_care;health,",
                "F1,C1,E6,2026-01-08,police,contact,responded,,,,",
                "F1,C1,E6,2026-01-08,police,contact,no_response,,,,",
                "F1,C1,E7,2026-01-09,health,advice_followup,adhered,E99,,,");
        ValidateRun run = validate(spark);
        ValidateJob.Result r = run.run(health, police);

        var q = r.quality();
        assertEquals(9, q.rowsRead());
        assertEquals(3, q.accepted(), "E1, E2 and one copy of E5");
        assertEquals(1, q.duplicatesDropped(), "E5 is in both extracts with the same content (attendees as a set)");
        assertEquals(4, q.quarantined(), "bad date, two conflicting copies of E6, dangling E99");
        assertEquals(1, q.afterAsOf());
        assertTrue(q.reconciled());
        assertEquals(Map.of("bad_date", 1L, "duplicate_conflict", 2L, "dangling_reference", 1L), q.byReason());
        assertEquals(Map.of("health", 2L, "social_care", 1L), q.byAgency());

        List<Row> quarantine = run.quarantine();
        Row conflict = quarantine.stream().filter(x -> "duplicate_conflict".equals(x.getAs("reason"))).findFirst().orElseThrow();
        String message = conflict.getAs("message");
        assertEquals("event_id 'E6' appears 2 times with different content; every copy is quarantined "
                + "(all copies are listed in the quarantine)", message);
        assertEquals(List.of(3L, 4L), quarantine.stream().filter(x -> "E6".equals(x.getAs("event_id")))
                .map(x -> (Long) x.getAs("line")).toList());
        Row dangling = quarantine.stream().filter(x -> "dangling_reference".equals(x.getAs("reason"))).findFirst().orElseThrow();
        assertEquals("related_event_id 'E99' names no event in the input", dangling.getAs("message"));
    }

    @Test
    void anIdentifierColumnRefusesTheInputAndWritesNothing(SparkSession spark) {
        Path in = csv(dir, "in/health.csv", HEADER + ",NHS Number", "F1,C1,E1,2026-01-05,health,appointment,attended,,,,,9434765919");
        InputRefusedException e = assertThrows(InputRefusedException.class, () -> validate(spark).run(in));
        assertTrue(e.getMessage().contains("health.csv: column 'nhs number' carries direct identifiers"), e.getMessage());
        assertFalse(e.getMessage().contains("9434765919"));
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void identifierTextIsAbsentFromEveryOutputFile(SparkSession spark) {
        Path in = csv(dir, "in/health.csv", HEADER,
                "F1,C1,E1,2026-01-05,health,appointment,attended,,,,NHS 943 476 5919 given",
                "F1,C1,E2,2026-01-06,health,appointment,attended,,,,\"ring 07700 900123, or mail carer@example.org\"",
                "F1,C1,E3,2026-01-07,health,appointment,Attended,,,,\"NI QQ123456C, lives SW1A 1AA\"",
                "F1,C1,carer@example.org,2026-01-07,health,appointment,attended,,,,");
        ValidateRun run = validate(spark);
        ValidateJob.Result r = run.run(in);
        assertEquals(Map.of("nhs_number", 1L, "ni_number", 1L, "email", 1L, "phone", 1L, "postcode", 1L,
                "date_of_birth", 0L), r.quality().piiByKind(), "the bad-id row is quarantined, not scanned as notes");
        String text = TestFiles.allText(run.out()) + spark.read().parquet(run.out().resolve("events").toString())
                .toJSON().collectAsList() + spark.read().parquet(run.out().resolve("quarantine").toString())
                .toJSON().collectAsList();
        for (String identifier : List.of("9434765919", "943 476 5919", "07700 900123", "carer@example.org",
                "QQ123456C", "SW1A 1AA")) {
            assertFalse(text.contains(identifier), identifier + " leaked into an output");
        }
        assertTrue(text.contains("[REDACTED:nhs_number] given"));
    }

    @Test
    void implausibleDatesAreBadDatesAndTheRunGoesOn(SparkSession spark) {
        Path in = csv(dir, "in/h.csv", HEADER,
                "F1,C1,E1,+9999999-01-01,health,appointment,attended,,,,",
                "F1,C1,E2,0001-01-01,health,appointment,attended,,,,",
                "F1,C1,E3,2026-01-05T09:30,social_care,action_agreed,,,+9999999-12-31,,",
                "F1,C1,E4,1900-01-01,health,appointment,attended,,,,");
        ValidateRun run = validate(spark).ceiling(1.0);
        ValidateJob.Result r = run.run(in);
        assertEquals(ValidateJob.Verdict.OK, r.verdict());
        assertEquals(Map.of("bad_date", 3L), r.quality().byReason());
        assertEquals(1, r.quality().accepted(), "1900-01-01 is the earliest plausible date");
    }

    @Test
    void theQuarantinePolicySendsRowsWithIdentifiersToQuarantine(SparkSession spark) {
        Path in = csv(dir, "in/h.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,attended,,,,mail a@b.org");
        ValidateRun run = validate(spark).policy(PiiPolicy.QUARANTINE).ceiling(1.0);
        ValidateJob.Result r = run.run(in);
        assertEquals(ValidateJob.Verdict.OK, r.verdict());
        Row bad = run.quarantine().get(0);
        assertEquals("pii_detected", bad.getAs("reason"));
        assertEquals("mail [REDACTED:email]", bad.getAs("notes"));
    }

    @Test
    void theFailPolicyRefusesTheRunAfterWritingTheQualityReport(SparkSession spark) {
        Path in = csv(dir, "in/h.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,attended,,,,mail a@b.org");
        ValidateJob.Result r = validate(spark).policy(PiiPolicy.FAIL).ceiling(1.0).run(in);
        assertEquals(ValidateJob.Verdict.PII_REFUSED, r.verdict());
        assertTrue(Files.exists(dir.resolve("out/data-quality.json")));
        assertFalse(Files.exists(dir.resolve("out/events")), "no accepted events from a refused run");
    }

    @Test
    void theCeilingFailsOnlyWhenStrictlyExceeded(SparkSession spark) {
        Path in = csv(dir, "in/h.csv", HEADER,
                "F1,C1,E1,2026-01-05,health,appointment,attended,,,,",
                "F1,C1,E2,2026-01-05,health,appointment,bad,,,,");
        assertEquals(ValidateJob.Verdict.OK, validate(spark).ceiling(0.5).run(in).verdict(), "1 of 2 is not above 0.5");
        ValidateJob.Result r = validate(spark).ceiling(0.49).run(in);
        assertEquals(ValidateJob.Verdict.CEILING_EXCEEDED, r.verdict());
        String report = TestFiles.read(dir.resolve("out/data-quality.json"));
        assertTrue(report.contains("\"ceiling_exceeded\" : true"), report);
        assertFalse(Files.exists(dir.resolve("out/events")));
    }

    @Test
    void spreadsheetFormulasInTheQuarantineCsvAreNeutralised(SparkSession spark) {
        Path in = csv(dir, "in/h.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,=HYPERLINK(\"\"x\"\"),,,,");
        validate(spark).run(in);
        String csv = TestFiles.read(dir.resolve("out/quarantine.csv"));
        assertTrue(csv.startsWith("source_file,line,reason,message,case_id,"), csv);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"\"\"x\"\"\"\")\","), csv);
    }

    @Test
    void foldersAndGlobsAreExpandedAndParquetIsReadLikeCsv(SparkSession spark) {
        csv(dir, "in/a/health.csv", HEADER, "F1,C1,E1,2026-01-05,health,appointment,attended,,,,");
        csv(dir, "in/b/police.csv", HEADER, "F1,C1,E2,2026-01-06,police,contact,responded,,,,");
        csv(dir, "in/b/_ignored.csv", "not,a,chronology");
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("F1", "C1", "E3", "2026-01-07", "health",
                        "appointment", "bad_value")),
                new org.apache.spark.sql.types.StructType()
                        .add("case_id", "string").add("subject_id", "string").add("event_id", "string")
                        .add("event_date", "string").add("agency", "string").add("event_type", "string")
                        .add("outcome", "string"))
                .coalesce(1).write().parquet(dir.resolve("in/c/extract.parquet").toString());
        ValidateRun run = validate(spark);
        ValidateJob.Result r = run.run(List.of(dir.resolve("in/a").toString(), dir.resolve("in/b/*.csv").toString(),
                dir.resolve("in/c").toString()));
        assertEquals(3, r.quality().rowsRead());
        assertEquals(2, r.quality().accepted());
        Row bad = run.quarantine().get(0);
        assertEquals("bad_outcome", bad.getAs("reason"));
        assertEquals(1L, (long) bad.getAs("line"), "a Parquet row's line is its position in the file");
    }

    @Test
    void aPathThatDoesNotExistIsRefused(SparkSession spark) {
        InputRefusedException e = assertThrows(InputRefusedException.class,
                () -> validate(spark).run(dir.resolve("missing.csv")));
        assertTrue(e.getMessage().contains("missing.csv' does not exist"), e.getMessage());
    }
}
