package org.chronolens.run;

import org.chronolens.io.RunLayout.Output;
import org.chronolens.util.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.check.PiiPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** The scan on the committed sample data: every rule fires, and the outputs do not depend on partitioning. */
@ExtendWith({SparkExtension.class, SampleRun.class})
class ScanJobTest {

    @TempDir
    Path dir;

    private ScanJob.Result scan(SparkSession spark, String partitions, Path out) {
        String before = spark.conf().get("spark.sql.shuffle.partitions");
        spark.conf().set("spark.sql.shuffle.partitions", partitions);
        try {
            return new ScanJob(spark, Stages.NONE).run(ScanRequest.of(new ValidateJob.Options(List.of("sample-data/chronology"),
                    ValidateRun.AS_OF, out.toString(), true, ColumnMapping.identity(), PiiPolicy.REDACT, 0.05),
                    Catalogue.standard().defaults()));
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", before);
        }
    }

    @Test
    void theSampleScanFiresEveryRuleAndIsByteIdenticalAcrossPartitionings(SparkSession spark, SampleRun.Run sample)
            throws Exception {
        // The shared sample run used the test session's 2 shuffle partitions; these use 1 and 8.
        ScanJob.Result one = sample.result();
        Path oneDir = sample.folder();
        for (String partitions : List.of("1", "8")) {
            ScanJob.Result other = scan(spark, partitions, dir.resolve(partitions));
            for (String file : Stream.of(Output.FLAGS_CSV, Output.SUBJECTS_CSV, Output.SENSITIVITY_CSV, Output.THRESHOLDS).map(Output::file).toList()) {
                assertArrayEquals(Files.readAllBytes(oneDir.resolve(file)), Files.readAllBytes(dir.resolve(partitions).resolve(file)),
                        file + " differs between 2 and " + partitions + " partitions");
            }
            assertEquals(one.flags(), other.flags());
        }

        assertEquals(Catalogue.standard().ids().stream().sorted().toList(), one.flagsByRule().keySet().stream().sorted().toList(),
                "every rule fires on the sample data");

        List<String> flags = Files.readAllLines(oneDir.resolve("flags.csv"));
        assertEquals("flag_key,rule_id,theme,case_id,subject_id,window_start,window_end,metric,threshold,severity,"
                + "evidence_event_ids,explanation,review", flags.get(0));
        List<String> sorted = flags.subList(1, flags.size()).stream().map(l -> l.split(",", 3)[1]).toList();
        assertEquals(sorted.stream().sorted().toList(), sorted, "rows sorted by rule id first");
        assertTrue(flags.stream().anyMatch(l -> l.startsWith("strategy-meeting-attendance|VIG-T||VT-07,strategy-meeting-attendance,strategy meetings,VIG-T,,"
                + "2026-02-23,2026-02-23,2,")), "the Child T vignette's strategy discussion");

        String subjects = TestFiles.read(oneDir.resolve("subjects.csv"));
        assertTrue(subjects.startsWith("case_id,subject_id,appointments_total,appointments_missed,"), subjects.substring(0, 80));
        assertTrue(Arrays.stream(subjects.split("\n")).anyMatch(l -> l.startsWith("VIG-H,VIG-H-1,3,3,0,")), "VIG-H's denominators");
        String sensitivity = TestFiles.read(oneDir.resolve("threshold-sensitivity.csv"));
        assertTrue(sensitivity.contains("missed-appointments,as_configured,3,90,"), sensitivity);
        assertTrue(sensitivity.contains("hostility-or-resistance,n_minus_1,,,n/a"), sensitivity);
        String thresholds = TestFiles.read(oneDir.resolve("thresholds.json"));
        assertTrue(thresholds.contains("\"grace_days\" : 14"), thresholds);
        assertEquals(Files.readAllLines(oneDir.resolve("flags.csv")).size() - 1, one.flags());
        assertTrue(Files.exists(oneDir.resolve("flags")) && Files.exists(oneDir.resolve("subjects")));
        assertFalse(flags.stream().collect(Collectors.joining()).contains("943 476 5919"));
    }
}
