package org.chronolens.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.check.PiiPolicy;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.util.Columns;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A scan is validation, the rules, then a list of stages: a stage is one class and one line in the
 * list, its part of the manifest and the summary follows, and a stage that reads what nothing
 * before it writes is refused before anything is read or written.
 */
@ExtendWith(SparkExtension.class)
class ScanStagesTest {

    @TempDir
    Path dir;

    /** A stage added for the test: the number of cases with a flag, read back from the run's flags. */
    static class FlaggedCases implements ScanStage {
        @Override
        public String name() {
            return "flagged-cases";
        }

        @Override
        public boolean wanted(ScanRequest request) {
            return true;
        }

        @Override
        public List<Output> reads() {
            return List.of(Output.FLAGS);
        }

        @Override
        public List<Output> writes() {
            return List.of();
        }

        @Override
        public StageReport run(ScanContext c) {
            long cases = c.staged(Output.FLAGS).select(Columns.CASE_ID).distinct().count();
            return new StageReport(name(), Map.of("flagged_cases", cases), writes(),
                    List.of("Cases with a flag: " + cases));
        }
    }

    private ScanRequest request(Path out) throws Exception {
        Path in = TestFiles.csv(dir, "in/a.csv", HEADER,
                "F1,C1,E1,2026-03-01,health,appointment,did_not_attend,,,,",
                "F1,C1,E2,2026-03-05,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-03-20,health,appointment,did_not_attend,,,,",
                "F2,C2,E4,2026-04-01,health,appointment,attended,,,,");
        return ScanRequest.of(new ValidateJob.Options(List.of(in.toString()), ValidateRun.AS_OF, out.toString(), true,
                ColumnMapping.identity(), PiiPolicy.REDACT, 0.05), Catalogue.standard().build(
                org.chronolens.detect.RuleConfig.defaults()));
    }

    @Test
    void aStageAddedToTheListRunsAfterTheRulesAndReportsInTheManifestAndTheSummary(SparkSession spark)
            throws Exception {
        List<Supplier<ScanStage>> stages = new ArrayList<>(ScanJob.STAGES);
        stages.add(FlaggedCases::new);
        Path out = dir.resolve("run");
        ScanJob.Result r = new ScanJob(spark, Stages.NONE, stages).run(request(out));

        assertEquals(List.of("flagged-cases"), r.stages().stream().map(StageReport::stage).toList(),
                "only the stages the request wants ran: no report, cohorts, comparison or discovery was asked for");
        assertEquals(List.of("Cases with a flag: 1"), r.stages().get(0).summary());
        assertTrue(TestFiles.read(out.resolve("manifest.json")).contains("\"flagged_cases\" : 1"),
                "the stage's part of the manifest");
    }

    @Test
    void aStageThatReadsWhatNothingBeforeItWritesIsRefusedBeforeAnythingIsWritten(SparkSession spark)
            throws Exception {
        Supplier<ScanStage> early = () -> new FlaggedCases() {
            @Override
            public List<Output> reads() {
                return List.of(Output.COHORT_RATES_CSV);
            }
        };
        Path out = dir.resolve("never");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ScanJob(spark, Stages.NONE, List.of(early)).run(request(out)));
        assertEquals("the scan stage 'flagged-cases' reads flag-rates-by-cohort.csv, which nothing before it writes",
                e.getMessage());
        assertFalse(Files.exists(out), "nothing was written");
    }

    @Test
    void theDeclaredStagesReadOnlyWhatIsWrittenBeforeThem() {
        List<ScanStage> all = ScanJob.STAGES.stream().map(Supplier::get).toList();
        assertDoesNotThrow(() -> ScanJob.checkOrder(all));
        assertEquals(List.of("cohorts", "changes", "discovery", "report"), all.stream().map(ScanStage::name).toList());
    }
}
