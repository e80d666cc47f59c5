package org.chronolens.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.chronolens.cli.ExitCode;
import org.chronolens.monitor.MetricsHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The scan with its input and output on a real HDFS (a namenode and a datanode from Hadoop's
 * mini-cluster, in this JVM, on loopback): the staging-and-rename commit, the output lock and the
 * metrics history on a distributed file system, and outputs byte-identical to the local run's.
 */
@Tag("slow")
@ExtendWith({SparkExtension.class, SampleRun.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HdfsRunTest {

    @TempDir
    static Path dir;

    private MiniDFSCluster hdfs;
    private FileSystem fs;
    private String root;

    @BeforeAll
    void startHdfs(SparkSession spark) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        // A file is complete once the datanode reports its block; the client asks again after 400 ms,
        // doubling, by default, which made every small file of a run cost a quarter of a second here.
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        fs = hdfs.getFileSystem();
        root = fs.getUri().toString();
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("sample-data/chronology").toAbsolutePath().toString()),
                new org.apache.hadoop.fs.Path(root + "/extracts/chronology"));
    }

    @AfterAll
    void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown(true);
        }
    }

    private String read(String path) throws IOException {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aScanOnHdfsCommitsWholeKeepsItsHistoryThereAndMatchesTheLocalRunByteForByte(SparkSession spark,
                                                                                     SampleRun.Run local) throws Exception {
        String out = root + "/runs/sample";
        String history = root + "/metrics";
        Cli.Outcome r = Cli.run("scan", "--input", root + "/extracts/chronology", "--as-of", SampleRun.AS_OF.toString(),
                "--out", out, "--history", history, "--cohorts", "sample-data/cohorts.csv");
        assertEquals(ExitCode.OK.code(), r.code(), r.all());
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out + "/_SUCCESS")), "committed with _SUCCESS");
        try (Stream<String> names = Stream.of(fs.listStatus(new org.apache.hadoop.fs.Path(root + "/runs")))
                .map(s -> s.getPath().getName())) {
            assertEquals(List.of("sample"), names.filter(n -> !n.startsWith(".sample.lock")).toList(),
                    "no staging or moved-aside folder left");
        }
        for (String file : List.of("flags.csv", "subjects.csv", "threshold-sensitivity.csv", "thresholds.json",
                "flag-rates-by-cohort.csv")) {
            assertEquals(Files.readString(local.folder().resolve(file)), read(out + "/" + file), file + " differs from the local run");
        }
        // The quarantine names the file each row came from: there, where it was read.
        assertEquals(Files.readString(local.folder().resolve("quarantine.csv")),
                read(out + "/quarantine.csv").replace(root + "/extracts/", "sample-data/"));
        assertEquals(1, new MetricsHistory(spark, history).read().size(), "the history entry is on HDFS");

        // A second run into the same folder while the first still holds its lock is refused, naming the holder.
        var lock = org.chronolens.io.RunLock.acquire(fs, new org.apache.hadoop.fs.Path(out), "held-by-test", "output folder");
        try {
            Cli.Outcome second = Cli.run("scan", "--input", root + "/extracts/chronology", "--as-of",
                    SampleRun.AS_OF.toString(), "--out", out, "--overwrite", "--no-report");
            assertEquals(ExitCode.USAGE.code(), second.code(), second.all());
            assertTrue(second.err().contains("held-by-test"), second.err());
        } finally {
            lock.close();
        }
        Cli.Outcome again = Cli.run("scan", "--input", root + "/extracts/chronology", "--as-of",
                SampleRun.AS_OF.toString(), "--out", out, "--overwrite", "--no-report", "--history", history);
        assertEquals(ExitCode.OK.code(), again.code(), again.all());
        assertEquals(Files.readString(local.folder().resolve("flags.csv")), read(out + "/flags.csv"), "the replaced run");
        assertEquals(2, new MetricsHistory(spark, history).read().size());
    }

    @Test
    void aJobsRunAndHistoryAndTheAcknowledgementsFileLiveOnHdfs(SparkSession spark, SampleRun.Run local) throws Exception {
        String weekly = root + "/weekly";
        String acks = weekly + "/acknowledgements.csv";
        Path job = org.chronolens.TestFiles.csv(dir, "weekly.yaml", "command: scan", "inputs:",
                "  - " + root + "/extracts/chronology", "output_root: " + weekly, "as_of: " + SampleRun.AS_OF,
                "acknowledgements: " + acks);
        Cli.Outcome first = Cli.run("job", job.toString());
        assertEquals(ExitCode.OK.code(), first.code(), first.all());
        String run = weekly + "/runs/as_of=" + SampleRun.AS_OF;
        assertEquals(Files.readString(local.folder().resolve("flags.csv")), read(run + "/flags.csv"));
        assertEquals(1, new MetricsHistory(spark, weekly + "/metrics").read().size(), "the job's history, beside its runs");

        String key = Files.readAllLines(local.folder().resolve("flags.csv")).get(1).split(",")[0];
        Cli.Outcome ack = Cli.run("acknowledge", "--run", run, "--flag", key, "--reviewer", "rev-07",
                "--outcome", "no-action-needed", "--reason", "Seen at the strategy meeting", "--date", "2026-10-31",
                "--file", acks);
        assertEquals(ExitCode.OK.code(), ack.code(), ack.all());
        assertTrue(read(acks).lines().skip(1).findFirst().orElseThrow().startsWith(key + ","), read(acks));
        assertEquals("rw-------", fs.getFileStatus(new org.apache.hadoop.fs.Path(acks)).getPermission().toString(),
                "the acknowledgements file is its owner's only on HDFS too");
        Cli.Outcome again = Cli.run("scan", "--input", root + "/extracts/chronology", "--as-of", SampleRun.AS_OF.toString(),
                "--out", root + "/other/acknowledged", "--no-report", "--acknowledgements", acks);
        assertEquals(ExitCode.OK.code(), again.code(), again.all());
        assertTrue(again.out().contains("Reviewed: 1 acknowledged"), "read from HDFS: " + again.out());
    }

    @Test
    void sampleDiscoverAndAuditSummaryReadAndWriteHdfs(SampleRun.Run local) throws Exception {
        // The sample run, committed locally, put on HDFS as a run folder: these commands only read
        // a run (discover adds its page under the run's lock), so how the run got there is not theirs to test.
        String run = root + "/copied/run";
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.folder().toString()), new org.apache.hadoop.fs.Path(run));

        Cli.Outcome sample = Cli.run("sample", "--run", run, "--seed", "7", "--size", "2", "--out", root + "/audits/s1");
        assertEquals(ExitCode.OK.code(), sample.code(), sample.all());
        Path localSample = dir.resolve("local-sample");
        Cli.Outcome same = Cli.run("sample", "--run", local.folder().toString(), "--seed", "7", "--size", "2",
                "--out", localSample.toString());
        assertEquals(ExitCode.OK.code(), same.code(), same.all());
        assertEquals(Files.readString(localSample.resolve("checklist.csv")), read(root + "/audits/s1/checklist.csv"),
                "the same draw from HDFS as from the local run");

        Cli.Outcome discover = Cli.run("discover", "--run", run);
        assertEquals(ExitCode.OK.code(), discover.code(), discover.all());
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(run + "/report/patterns.html")));

        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("sample-data/audit").toAbsolutePath().toString()),
                new org.apache.hadoop.fs.Path(root + "/audit"));
        Path here = dir.resolve("audit-summary-local");
        for (String[] where : List.of(new String[] {"sample-data/audit", here.toString(), dir.resolve("history.csv").toString()},
                new String[] {root + "/audit", root + "/audit-summary", root + "/audit-history.csv"})) {
            Cli.Outcome summary = Cli.run("audit-summary", "--checklist", where[0] + "/checklist-aud-a.csv",
                    "--checklist", where[0] + "/checklist-aud-b.csv", "--out", where[1], "--history", where[2],
                    "--date", "2026-11-29");
            assertEquals(ExitCode.OK.code(), summary.code(), summary.all());
        }
        for (String file : List.of("audit-summary.csv", "agreement.csv", "audit-history.csv")) {
            assertEquals(Files.readString(here.resolve(file)), read(root + "/audit-summary/" + file), file);
        }
        assertEquals(Files.readString(dir.resolve("history.csv")), read(root + "/audit-history.csv"), "the history, replaced on HDFS");
    }
}
