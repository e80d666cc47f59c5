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

/**
 * Discovery over the sample run, at its defaults and with the sample's cohorts: the planted
 * precursor among the top five sequences and plan status not restated, no distinct profiles said
 * plainly, committed outputs, and a Patterns page with its three sections in words.
 */
@ExtendWith({SparkExtension.class, SampleRun.class})
class DiscoverJobTest {

    @TempDir
    Path dir;

    @Test
    void theSampleRunGetsAPatternsPageWithTheThreeSectionsInPlainWords(SparkSession spark, SampleRun.Run sample)
            throws Exception {
        Path run = sample.copyTo(dir.resolve("run"));
        DiscoverJob.Result r = new DiscoverJob(spark, Stages.NONE).run(run.toString(), DiscoveryParams.DEFAULTS,
                "sample-data/cohorts.csv");

        List<ContrastPatterns.Pattern> top = r.sequences().patterns().stream().limit(5).toList();
        assertTrue(top.stream().anyMatch(PrecursorRecallTest::isThePrecursor), "the planted precursor in the top five: " + top);
        assertTrue(top.stream().filter(p -> p.sequence().stream().flatMap(List::stream)
                        .allMatch(i -> i.startsWith("plan_") || i.equals("core_group") || i.equals("cp_conference")
                                || i.equals("review"))).count() <= 1, "plan status alone at most once: " + top);
        assertTrue(r.sequences().byAgeBand(), "compared within age bands, from the cohorts");
        assertFalse(r.together().rules().isEmpty());
        assertEquals(List.of(), r.profiles().profiles(), "one large group is not a set of profiles");
        assertTrue(r.profiles().note().startsWith("no distinct profiles: the largest group holds "), r.profiles().note());
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
        assertTrue(page.contains("no distinct profiles: the largest group holds"), "no distinct profiles, said plainly");
        assertTrue(page.contains("<th>silhouette</th>"), "every k's silhouette is shown, in a table");
        assertTrue(page.contains("among children on no plan") || page.contains(">children on no plan<"),
                "each sequence names the children it compares");
        assertTrue(page.contains(" of 20 draws"), "each sequence says how often it holds up");
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
