package org.chronolens.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.ChildJvm;
import org.chronolens.Cli;
import org.chronolens.FullDiskFileSystem;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A disk that fills up while a run writes: one message naming the run folder and the cause, exit
 * 5, no stack trace, nothing of the failed run left, the earlier run exactly as it was.
 */
@ExtendWith(SparkExtension.class)
class FullDiskTest {

    private static final String FULL = "the file system is full (no space left on device). Nothing was committed";

    @TempDir
    Path dir;

    /** A chronology whose outputs take a few hundred kilobytes: notes that do not compress away. */
    private Path chronology(int cases) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        java.util.Random random = new java.util.Random(7);
        for (int c = 0; c < cases; c++) {
            for (int e = 0; e < 10; e++) {
                StringBuilder note = new StringBuilder();
                for (int w = 0; w < 40; w++) {
                    note.append(Integer.toString(random.nextInt(1 << 30), 36)).append(' ');
                }
                lines.add("F" + c + ",C" + c + ",E" + c + "-" + e + ",2026-0" + (1 + e % 9) + "-1" + e % 10
                        + ",health,appointment," + (e % 3 == 0 ? "was_not_brought" : "attended") + ",,,," + note.toString().trim());
            }
        }
        return TestFiles.csv(dir, "in/health.csv", lines.toArray(String[]::new));
    }

    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(f).toString(), sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Cli.Outcome scan(Path in, String out, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "--input", in.toString(), "--as-of", "2026-10-31", "--out", out));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Wherever the test runs: a Hadoop file system that fails every write once its budget is spent. */
    @Test
    void aDiskThatFillsMidRunIsOneMessageAndExit5AndTheEarlierRunIsUntouched(SparkSession spark) throws IOException {
        spark.sparkContext().hadoopConfiguration().set("fs." + FullDiskFileSystem.SCHEME + ".impl",
                FullDiskFileSystem.class.getName());
        Path in = chronology(40);
        Path runs = Files.createDirectories(dir.resolve("runs"));
        String out = FullDiskFileSystem.SCHEME + "://" + runs.resolve("weekly");
        try {
            FullDiskFileSystem.BUDGET.set(Long.MAX_VALUE);
            Cli.Outcome first = scan(in, out);
            assertEquals(ExitCode.OK.code(), first.code(), first.err());
            Map<String, String> earlier = contents(runs.resolve("weekly"));
            List<String> beside = names(runs);

            FullDiskFileSystem.BUDGET.set(60_000);
            Cli.Outcome second = scan(in, out, "--overwrite");

            assertEquals(ExitCode.ENVIRONMENT.code(), second.code(), second.err());
            List<String> errors = second.err().lines().filter(l -> !l.startsWith("[stage]")).toList();
            assertEquals(1, errors.size(), second.err());
            assertTrue(errors.get(0).startsWith("error: " + out.replace("fulldisk://", "fulldisk:") + ": " + FULL)
                            || errors.get(0).startsWith("error: " + out + ": " + FULL), errors.get(0));
            assertEquals(earlier, contents(runs.resolve("weekly")), "the earlier run, byte for byte");
            assertEquals(beside, names(runs), "no staging folder or anything else of the failed run is left");
        } finally {
            FullDiskFileSystem.BUDGET.set(Long.MAX_VALUE);
        }
    }

    /**
     * As root, on a real file system that fills up: a small tmpfs mounted for the test. The failing
     * run has a JVM of its own, so that everything it prints on standard error is seen.
     */
    @Test
    @Tag("slow")
    void aRealFullFileSystemGivesTheSameAndPrintsNoTrace(SparkSession spark) throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m,mode=700", "tmpfs", disk.toString()),
                "this machine does not let the test mount a file system (not root?); the fulldisk: file system "
                        + "test above covers the same promise");
        try {
            // validate, the scan's first half, writes through the same staging folder and commit; a
            // JVM with a whole scan would take this test past a minute.
            Path in = chronology(40);
            Cli.Outcome first = Cli.run("validate", "--input", in.toString(), "--as-of", "2026-10-31", "--out",
                    disk.resolve("weekly").toString());
            assertEquals(ExitCode.OK.code(), first.code(), first.err());
            Map<String, String> earlier = contents(disk.resolve("weekly"));
            List<String> beside = names(disk);
            long used = Files.getFileStore(disk).getTotalSpace() - Files.getFileStore(disk).getUsableSpace();
            // Room for a third of the run again: the second run fills the disk on its way.
            assertTrue(run("mount", "-o", "remount,size=" + (used + used / 3) / 1024 + "k", disk.toString()));

            Process p = ChildJvm.start(ChildJvm.chronolens(null, "022", "validate", "--input", in.toString(),
                    "--as-of", "2026-10-31", "--out", disk.resolve("weekly").toString(), "--overwrite")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD));
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES));

            assertEquals(ExitCode.ENVIRONMENT.code(), p.exitValue(), err);
            List<String> printed = err.lines().filter(l -> !l.startsWith("[stage]")).toList();
            assertEquals(List.of("error: " + disk.resolve("weekly") + ": " + FULL), printed.stream()
                    .map(l -> l.substring(0, Math.min(l.length(), ("error: " + disk.resolve("weekly") + ": " + FULL).length())))
                    .toList(), err);
            assertEquals(earlier, contents(disk.resolve("weekly")), "the earlier run, byte for byte");
            assertEquals(beside, names(disk), "no staging folder or anything else of the failed run is left");
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
