package org.chronolens.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.chronolens.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The output folder's promises, without Spark: only an earlier run or an empty folder is replaced,
 * one run at a time, leftovers matched literally, and a kill at any step of the commit loses
 * neither the previous run nor the next one.
 */
class OutputFolderTest {

    @TempDir
    Path dir;

    static Configuration hadoop() {
        Configuration c = new Configuration();
        c.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        c.setBoolean("fs.file.impl.disable.cache", true);
        return c;
    }

    private void commitRun(Path target, String content) {
        try (OutputFolder out = OutputFolder.claim(target.toString(), true, hadoop())) {
            out.create();
            out.writeText("content.txt", content);
            out.commit("{\"command\": \"validate\"}", true);
        }
    }

    private List<String> besides(Path target) throws IOException {
        try (Stream<Path> s = Files.list(target.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(target.getFileName().toString()))
                    .sorted().toList();
        }
    }

    @Test
    void overwriteReplacesAnEarlierRun() throws Exception {
        Path target = dir.resolve("out");
        commitRun(target, "first");
        commitRun(target, "second");
        assertEquals("second", Files.readString(target.resolve("content.txt")));
        assertTrue(Files.exists(target.resolve("_SUCCESS")));
        assertEquals(List.of(), besides(target), "no staging, replaced or lock file is left");
    }

    /** Was a defect: a scan of 3,000 daily extracts wrote a 1.1 MB manifest, and --overwrite then refused its folder. */
    @Test
    void anEarlierRunOverThousandsOfFilesIsStillARunToReplace() throws Exception {
        Path target = dir.resolve("out");
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            inputs.append(i == 0 ? "" : ", ").append("{\"file\": \"extract-").append(i).append(".csv\", \"sha256\": \"")
                    .append("0".repeat(64)).append("\"}");
        }
        try (OutputFolder out = OutputFolder.claim(target.toString(), true, hadoop())) {
            out.create();
            out.commit("{\"run_id\": \"r1\", \"command\": \"scan\", \"inputs\": [" + inputs + "], \"verdict\": \"OK\"}", true);
        }
        assertTrue(Files.size(target.resolve("manifest.json")) > 2 << 20);
        commitRun(target, "second");
        assertEquals("second", Files.readString(target.resolve("content.txt")));
    }

    @Test
    void overwriteNeverReplacesAFolderThatIsNotARunAndLeavesItExactlyAsItWas() throws Exception {
        Path target = dir.resolve("home");
        Files.createDirectories(target.resolve("photos"));
        Files.writeString(target.resolve("thesis.txt"), "years of work");
        Files.writeString(target.resolve("manifest.json"), "{\"name\": \"a web app, not a run\"}");
        UsageException e = assertThrows(UsageException.class,
                () -> OutputFolder.claim(target.toString(), true, hadoop()));
        assertTrue(e.getMessage().contains("is not an earlier chronolens run") && e.getMessage().contains("left as it was"),
                e.getMessage());
        assertEquals("years of work", Files.readString(target.resolve("thesis.txt")));
        assertTrue(Files.isDirectory(target.resolve("photos")));
        assertEquals(List.of(), besides(target), "not even a lock file is left");
    }

    @Test
    void anEmptyFolderIsUsedAndANonEmptyOneNeedsOverwrite() throws Exception {
        Path target = Files.createDirectories(dir.resolve("empty"));
        try (OutputFolder out = OutputFolder.claim(target.toString(), false, hadoop())) {
            out.create();
            out.commit("{\"command\": \"validate\"}", true);
        }
        UsageException e = assertThrows(UsageException.class, () -> OutputFolder.claim(target.toString(), false, hadoop()));
        assertTrue(e.getMessage().contains("exists and is not empty") && e.getMessage().contains("--overwrite"),
                e.getMessage());
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedNamingTheLiveOne() throws Exception {
        Path target = dir.resolve("out");
        try (OutputFolder live = OutputFolder.claim(target.toString(), true, hadoop())) {
            live.create();
            UsageException e = assertThrows(UsageException.class,
                    () -> OutputFolder.claim(target.toString(), true, hadoop()));
            assertTrue(e.getMessage().contains("output folder") && e.getMessage().contains("is in use by run "
                    + live.runId()) && e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(Files.isDirectory(Path.of(java.net.URI.create(live.workingRoot()))),
                    "the refused run left the live run's staging folder alone");
        }
        commitRun(target, "after");
        assertEquals("after", Files.readString(target.resolve("content.txt")));
    }

    @Test
    void leftoversAreMatchedByTheirLiteralNameNeverAsAGlob() throws Exception {
        Path target = dir.resolve("out[1]{a,b}*");
        Path globVictim = Files.createDirectories(dir.resolve(".out1a.staging-0b7c6a55-3f4e-4d2a-9c1e-5b7a1d2e3f40"));
        Path notARunId = Files.createDirectories(dir.resolve(".out[1]{a,b}*.staging-keep-me"));
        Path dead = Files.createDirectories(dir.resolve(".out[1]{a,b}*.staging-0b7c6a55-3f4e-4d2a-9c1e-5b7a1d2e3f40"));
        commitRun(target, "x");
        assertTrue(Files.exists(globVictim), "a name a glob would have matched is not ours");
        assertTrue(Files.exists(notARunId), "a name that is not a run's staging folder is left");
        assertFalse(Files.exists(dead), "a dead run's staging folder of this target is removed");
    }

    @Test
    void everyFileAndFolderOfACommittedRunIsOwnerOnly() throws Exception {
        Path target = dir.resolve("perm");
        try (OutputFolder out = OutputFolder.claim(target.toString(), true, hadoop())) {
            out.create();
            Path inside = Path.of(java.net.URI.create(out.workingRoot() + "/")).resolve("a/b");
            Files.createDirectories(inside, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.writeString(inside.resolve("c.txt"), "x");
            Files.setPosixFilePermissions(inside.resolve("c.txt"), PosixFilePermissions.fromString("rw-r--r--"));
            out.commit("{\"command\": \"validate\"}", true);
        }
        try (Stream<Path> all = Files.walk(target)) {
            for (Path p : all.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, p.toString());
            }
        }
    }

    /** Each step of the commit, as {@link OutputFolder#commit} names them, and what a kill there leaves. */
    @ParameterizedTest(name = "killed after {0}: {1} is in place, then the re-run commits")
    @CsvSource({"staged, previous", "moved-aside, previous", "renamed, new", "cleaned, new"})
    void aKillAtAnyStepOfTheCommitLosesNoRun(String step, String expected) throws Exception {
        Path target = dir.resolve("out");
        commitRun(target, "previous");

        Process child = crash(target, step, "new");
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "halted at " + step + ": " + new String(child.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8));

        // The next run puts things right before anything else, even if it then fails.
        try (OutputFolder next = OutputFolder.claim(target.toString(), true, hadoop())) {
            assertEquals(expected, Files.readString(target.resolve("content.txt")), "after recovery");
            assertTrue(Files.exists(target.resolve("_SUCCESS")));
            assertEquals(List.of(".out.lock"), besides(target), "only the live run's lock beside it");
        }
        commitRun(target, "re-run");
        assertEquals("re-run", Files.readString(target.resolve("content.txt")));
        assertEquals(List.of(), besides(target));
    }

    private static Process crash(Path target, String step, String content) throws IOException {
        return ChildJvm.java(CommitCrash.class.getName(), null, null, target.toString(), step, content)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
