package org.chronolens.run;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.check.PiiPolicy;
import org.chronolens.detect.RuleConfig;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.review.Acknowledgements;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/** A scan accounts for every line of the acknowledgements file: each is in the trail with its status, and counted. */
@ExtendWith(SparkExtension.class)
class ReviewTrailRunTest {

    @TempDir
    Path dir;

    @Test
    void aLineDatedAfterTheAsOfDateIsListedWithThatStatusAndCounted(SparkSession spark) throws Exception {
        Path in = TestFiles.csv(dir, "in/a.csv", HEADER,
                "F1,C1,E1,2026-03-01,health,appointment,did_not_attend,,,,",
                "F1,C1,E2,2026-03-05,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-03-20,health,appointment,was_not_brought,,,,");
        Acknowledgements acks = Acknowledgements.parse(new StringReader(
                "flag_key,evidence_event_ids,reviewer,date,outcome,reason\n"
                        + "missed-appointments|F1|C1,E1;E2;E3,rev-07,2026-09-02,no-action-needed,Seen at supervision\n"
                        + "missed-appointments|F1|C1,E1;E2;E3,rev-09,2026-12-01,action-taken,Typed a month ahead\n"
                        + "child-not-seen|F9|C9,E7,rev-07,2026-09-02,no-action-needed,Another family\n"), "acks.csv");
        Path out = dir.resolve("run");
        ScanJob.Result r = new ScanJob(spark, Stages.NONE).run(ScanRequest.of(new ValidateJob.Options(
                List.of(in.toString()), ValidateRun.AS_OF, out.toString(), true, ColumnMapping.identity(),
                PiiPolicy.REDACT, 0.05), Catalogue.standard().build(RuleConfig.defaults())).withAcknowledgements(acks));

        assertEquals(Map.of("acknowledged", 1L), r.reviews(), "the line of 2026-09-02 is in force");
        assertEquals(List.of(1L, 0L, 0L, 1L, 1L), List.copyOf(r.findings().trail().values()),
                "in force, re-opened, superseded, flag not raised, after the as-of date: " + r.findings().trail());
        List<String> trail = Files.readAllLines(out.resolve("acknowledgements.csv"));
        assertEquals(4, trail.size(), "the header and every line of the file: " + trail);
        assertTrue(trail.get(2).startsWith("3,missed-appointments|F1|C1,rev-09,2026-12-01,action-taken,")
                && trail.get(2).endsWith(",\"dated after this run's as-of date, so not applied\""), trail.get(2));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"dated after this run's as-of date, so not "
                + "applied\" : 1"), "the manifest counts it too");
    }
}
