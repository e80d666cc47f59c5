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
        DiscoverJob.Result r = new DiscoverJob(spark, Stages.NONE).run(run.toString(), DiscoveryParams.DEFAULTS);

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
        assertFalse(page.contains("http:") || page.contains("https:"), "no external resource");
    }

    @Test
    void aFolderThatIsNotACompletedRunIsRefused(SparkSession spark) {
        UsageException e = assertThrows(UsageException.class,
                () -> new DiscoverJob(spark, Stages.NONE).run(dir.resolve("none").toString(), DiscoveryParams.DEFAULTS));
        assertTrue(e.getMessage().contains("is not a completed scan"), e.getMessage());
    }
}
