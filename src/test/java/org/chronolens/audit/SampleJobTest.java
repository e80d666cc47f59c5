package org.chronolens.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.io.UsageException;
import org.chronolens.report.Prompts;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.util.Stages;
import org.chronolens.run.ValidateJob;
import org.chronolens.run.ValidateRun;
import org.chronolens.check.PiiPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** Audit samples of the sample data's scan: reproducible to the item, extendable, stratified, with a pack. */
@ExtendWith({SparkExtension.class, SampleRun.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleJobTest {

    @TempDir
    static Path dir;

    private Path run;

    @BeforeAll
    void scan(SampleRun.Run sample) {
        run = sample.folder();
    }

    private SampleJob.Result sample(SparkSession spark, String out, long seed, Integer size, AttributeSampling plan,
                                    SampleJob.By by, String partitions) {
        String before = spark.conf().get("spark.sql.shuffle.partitions");
        spark.conf().set("spark.sql.shuffle.partitions", partitions);
        try {
            return new SampleJob(spark, Stages.NONE).run(new SampleJob.Options(run.toString(), seed,
                    dir.resolve(out).toString(), true, by, size, plan, Prompts.defaults()));
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", before);
        }
    }

    private List<String> keys(String out) throws Exception {
        return Files.readAllLines(dir.resolve(out).resolve("sample.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    @Test
    void theSameSeedDrawsTheSameSampleWhateverThePartitioning(SparkSession spark) throws Exception {
        sample(spark, "one", 42, 5, null, SampleJob.By.RULE, "1");
        sample(spark, "eight", 42, 5, null, SampleJob.By.RULE, "8");
        for (String file : List.of("sample.csv", "checklist.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(file)),
                    Files.readAllBytes(dir.resolve("eight").resolve(file)), file + " differs between 1 and 8 partitions");
        }
        int rules = Catalogue.standard().ids().size();
        assertEquals(rules * 5, keys("one").size(), "five flags from each of the " + rules + " rules (every rule fires"
                + " at least five times in the sample)");
        sample(spark, "other-seed", 43, 5, null, SampleJob.By.RULE, "8");
        assertNotEquals(keys("one"), keys("other-seed"), "another seed draws another sample");
    }

    @Test
    void aLargerSampleWithTheSameSeedKeepsEveryEarlierItem(SparkSession spark) throws Exception {
        sample(spark, "small", 7, 3, null, SampleJob.By.RULE, "4");
        sample(spark, "large", 7, 10, null, SampleJob.By.RULE, "2");
        Set<String> large = new HashSet<>(keys("large"));
        assertTrue(large.containsAll(keys("small")), "the larger sample is a superset");
        assertTrue(large.size() > keys("small").size());
    }

    @Test
    void aStratumSmallerThanItsPlannedSizeIsTakenWholeAndSaysSo(SparkSession spark) throws Exception {
        SampleJob.Result r = sample(spark, "whole", 1, 20, null, SampleJob.By.RULE, "4");
        SampleJob.Stratum drift = r.strata().stream().filter(s -> s.name().equals("strategy-meeting-attendance"))
                .findFirst().orElseThrow();
        assertEquals(9, drift.population(), "the sample run's strategy-meeting-attendance flags");
        assertEquals(20, drift.planned());
        assertEquals(9, drift.sampled());
        assertTrue(drift.takenWhole());
        String manifest = TestFiles.read(dir.resolve("whole/sample-manifest.json"));
        assertTrue(manifest.contains("\"stratum\" : \"strategy-meeting-attendance\",\n    \"population\" : 9,\n"
                + "    \"planned\" : 20,\n    \"sampled\" : 9,\n    \"taken_whole\" : true"), manifest);
    }

    @Test
    void aPlannedSampleUsesTheCorrectedSizePerStratumAndRecordsTheFormula(SparkSession spark) throws Exception {
        AttributeSampling plan = new AttributeSampling(0.95, 0.09, 0.02);
        SampleJob.Result r = sample(spark, "planned", 11, null, plan, SampleJob.By.SEVERITY, "4");
        for (SampleJob.Stratum s : r.strata()) {
            assertEquals(plan.sizeFor(s.population()), s.planned(), s.name());
            assertTrue(s.name().matches("[a-z-]+ / (low|medium|high)"), s.name());
        }
        String manifest = TestFiles.read(dir.resolve("planned/sample-manifest.json"));
        assertTrue(manifest.contains("\"formula\" : \"" + AttributeSampling.FORMULA + "\""), manifest);
        assertTrue(manifest.contains("\"n0\" : 68"), manifest);
        assertTrue(manifest.contains("\"seed\" : 11"), manifest);
    }

    @Test
    void thePackHoldsAChecklistAPageForEverySampledChildAndAnIndex(SparkSession spark) throws Exception {
        sample(spark, "pack", 5, 2, null, SampleJob.By.AGENCY, "4");
        Path pack = dir.resolve("pack");
        List<String> checklist = Files.readAllLines(pack.resolve("checklist.csv"));
        assertEquals("flag_key,stratum,rank,rule_id,case_id,subject_id,page,explanation,verdict,auditor,comment",
                checklist.get(0));
        assertTrue(checklist.stream().skip(1).allMatch(l -> l.endsWith(",,,")), "verdict, auditor, comment are empty");
        for (String line : Files.readAllLines(pack.resolve("sample.csv")).subList(1, checklist.size())) {
            String page = line.substring(line.lastIndexOf(",subjects/") + 1);
            Path file = pack.resolve(page.substring(0, page.indexOf('#')));
            assertTrue(Files.exists(file), "page of " + line);
            assertTrue(TestFiles.read(file).contains("id=\"" + page.substring(page.indexOf('#') + 1) + "\""),
                    "the page has the flag's anchor: " + page);
        }
        assertTrue(TestFiles.read(pack.resolve("index.html")).contains("Audit sample"));
        assertTrue(Files.exists(pack.resolve("_SUCCESS")));
    }

    @Test
    void aFolderThatIsNotACompletedRunIsRefused(SparkSession spark) {
        UsageException e = assertThrows(UsageException.class, () -> new SampleJob(spark, Stages.NONE).run(
                new SampleJob.Options(dir.resolve("nothing").toString(), 1, dir.resolve("x").toString(), true,
                        SampleJob.By.RULE, 5, null, Prompts.defaults())));
        assertTrue(e.getMessage().contains("is not a completed scan (no _SUCCESS or no flags)"), e.getMessage());
    }
}
