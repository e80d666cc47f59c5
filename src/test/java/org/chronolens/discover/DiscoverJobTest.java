package org.chronolens.discover;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.io.UsageException;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.util.Stages;
import org.chronolens.run.ValidateJob;
import org.chronolens.run.ValidateRun;
import org.chronolens.check.PiiPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** Discovery over the sample run: committed outputs and a Patterns page with its three sections in words. */
@ExtendWith({SparkExtension.class, SampleRun.class})
class DiscoverJobTest {

    @TempDir
    Path dir;

    @Test
    void theSampleRunGetsAPatternsPageWithTheThreeSectionsInPlainWords(SparkSession spark, SampleRun.Run sample)
            throws Exception {
        Path run = sample.copyTo(dir.resolve("run"));
        DiscoverJob.Result r = new DiscoverJob(spark, Stages.NONE).run(run.toString(), DiscoveryParams.DEFAULTS, null);

        assertFalse(r.sequences().patterns().isEmpty());
        assertFalse(r.together().rules().isEmpty());
        assertTrue(r.profiles().k() >= 2);
        Path discovery = run.resolve("discovery");
        for (String file : List.of("_SUCCESS", "discovery.json", "sequences.csv", "co-occurrence.csv", "profiles.csv")) {
            assertTrue(Files.exists(discovery.resolve(file)), file);
        }
        String page = TestFiles.read(run.resolve("report/patterns.html"));
        for (String section : List.of("Sequences that precede flags", "Flags that travel together", "Engagement profiles")) {
            assertTrue(page.contains("<h2>" + section + "</h2>"), section);
        }
        assertTrue(page.contains(", then in a later month "), "sequences read as sentences");
        assertTrue(page.contains("Of the children flagged for "), "associations read as sentences");
        assertTrue(page.contains("than average"), "profiles read as sentences");
        assertTrue(page.contains("silhouette"), "the silhouette is shown");
        int method = page.indexOf("<h2>How it was computed</h2>");
        assertTrue(method > 0 && page.indexOf("<h2>How to read this page</h2>") < page.indexOf("<h2>Sequences that precede flags</h2>"),
                "a reading guide first, the method last");
        for (String term : List.of("PrefixSpan", "FPGrowth", "silhouette", "lift", "support", "k-means")) {
            assertTrue(page.indexOf(term) > method, term + " is named only in the method section, for analysts");
        }
        assertTrue(page.contains("times as common"), "ratios read as 'times as common'");
        assertTrue(page.contains("For example, the first sequence below"), "a worked example from the run's own first sequence");
        assertTrue(page.contains("Of the children flagged for &quot;"), "rules by their titles, not their ids");
        assertFalse(page.substring(0, method).contains("compliance-around-scrutiny"), "no rule id in the reader's part");
        assertFalse(page.contains("http:") || page.contains("https:"), "no external resource");
    }

    @Test
    void aFolderThatIsNotACompletedRunIsRefused(SparkSession spark) {
        UsageException e = assertThrows(UsageException.class,
                () -> new DiscoverJob(spark, Stages.NONE).run(dir.resolve("none").toString(), DiscoveryParams.DEFAULTS, null));
        assertTrue(e.getMessage().contains("is not a completed scan"), e.getMessage());
    }
}
