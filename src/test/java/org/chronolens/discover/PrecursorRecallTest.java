package org.chronolens.discover;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.check.PiiPolicy;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.generate.Generator;
import org.chronolens.generate.Precursor;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ValidateJob;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Ground-truth recall of the generator's planted precursor (docs/generator.md), which no rule
 * looks for: on 3,000 generated families, scanned as a partnership would, discovery at its
 * defaults (within plan status, the rules' events left out) lists a move of home then a change of
 * school among the top five sequences of every plan status it compares, for three generator seeds.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
class PrecursorRecallTest {

    private static final int FAMILIES = 3_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "generator seed {0}")
    @ValueSource(longs = {11, 23, 2026})
    void thePlantedPrecursorIsInTheTopFiveOfEveryStratumCompared(long seed, SparkSession spark) throws Exception {
        new Generator(new Generator.Settings(FAMILIES, seed, Generator.DEFAULT_END, false)).write(dir.resolve("gen"));
        String run = dir.resolve("run").toString();
        new ScanJob(spark, Stages.NONE).run(ScanRequest.of(new ValidateJob.Options(
                List.of(dir.resolve("gen/chronology").toString()), Generator.DEFAULT_END, run, false,
                ColumnMapping.identity(), PiiPolicy.REDACT, 0.05), Catalogue.standard().defaults()));
        Dataset<Row> events = spark.read().parquet(RunLayout.path(run, Output.EVENTS).toString());
        Dataset<Row> subjects = spark.read().parquet(RunLayout.path(run, Output.SUBJECTS).toString());
        DiscoveryParams p = DiscoveryParams.builder().resamples(0).build();

        ContrastPatterns.Result r = ContrastPatterns.mine(Sequences.of(events, subjects, p, null), p, false);

        List<String> compared = r.strata().stream().filter(ContrastPatterns.StratumSize::compared)
                .map(ContrastPatterns.StratumSize::key).toList();
        assertEquals(List.of("child_protection", "child_in_need", "no_plan"), compared, "every plan status is compared");
        for (String stratum : compared) {
            List<ContrastPatterns.Pattern> top = r.patterns().stream().filter(x -> x.stratum().equals(stratum)).limit(5).toList();
            assertTrue(top.stream().anyMatch(PrecursorRecallTest::isThePrecursor),
                    "seed " + seed + ", " + stratum + ": the precursor is not in the top five " + top);
        }
    }

    /** A move of home, then in a later period a change of school (with or without other events beside them). */
    static boolean isThePrecursor(ContrastPatterns.Pattern p) {
        List<List<String>> s = p.sequence();
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i).contains(Precursor.STEPS.get(0))) {
                for (int j = i + 1; j < s.size(); j++) {
                    if (s.get(j).contains(Precursor.STEPS.get(1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
