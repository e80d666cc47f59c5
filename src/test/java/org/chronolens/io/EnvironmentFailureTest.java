package org.chronolens.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Which failures are the machine's, found however deep Spark and Hadoop wrap them, and how they are told. */
class EnvironmentFailureTest {

    private static final String STAGING = "file:/data/runs/.weekly.staging-392fee8a-f106-44ed-84e7-8d746d5dbc43";

    /** A task's full disk as Spark hands it to the driver: a job failure, a write failure, Hadoop's FSError. */
    private static RuntimeException sparkWriteFailure(String osText) {
        IOException disk = new IOException(osText);
        Error fsError = new Error(disk.toString(), disk); // as Hadoop's FSError wraps a local disk's error
        RuntimeException task = new RuntimeException("[TASK_WRITE_FAILED] Task failed while writing rows to " + STAGING
                + "/_flags.json.parts. SQLSTATE: 58030", fsError);
        return new IllegalStateException("Job aborted due to stage failure: Task 0 in stage 60.0 failed 1 times, "
                + "most recent failure: " + task.getMessage() + "\nDriver stacktrace:", task);
    }

    @Test
    void aFullDiskDeepInsideASparkJobFailureIsFoundAndItsStagingFolderShownAsTheRunFolder() {
        EnvironmentFailure f = EnvironmentFailure.of(sparkWriteFailure("No space left on device")).orElseThrow();

        assertEquals(EnvironmentFailure.Cause.NO_SPACE, f.cause());
        assertEquals("/data/runs/weekly", f.path(), "the staging folder and what is inside it are shown as the run folder");
        assertEquals("/data/runs/weekly: the file system is full (no space left on device). Nothing was committed: the "
                + "run's unfinished outputs were removed and an earlier run in the output folder is untouched. To go on, "
                + "free space on it (a run needs about as much again as the last run's folder) or write elsewhere, then "
                + "run again", f.message("ignored"));
    }

    @Test
    void aReadOnlyFileSystemAndAQuotaAreTheirOwnCauses() {
        assertEquals(EnvironmentFailure.Cause.READ_ONLY,
                EnvironmentFailure.of(sparkWriteFailure("Read-only file system")).orElseThrow().cause());
        assertEquals(EnvironmentFailure.Cause.QUOTA,
                EnvironmentFailure.of(sparkWriteFailure("Disk quota exceeded")).orElseThrow().cause());
    }

    @Test
    void aPermissionTakenAwayNamesTheFileJavaReports() {
        UncheckedIOException e = new UncheckedIOException(new AccessDeniedException("/data/runs/acks.csv"));

        EnvironmentFailure f = EnvironmentFailure.of(e).orElseThrow();

        assertEquals(EnvironmentFailure.Cause.PERMISSION, f.cause());
        assertEquals("/data/runs/acks.csv", f.path());
    }

    @Test
    void withoutAPathInAnyMessageTheCommandsOutputFolderIsNamed() {
        EnvironmentFailure f = EnvironmentFailure.of(new UncheckedIOException(
                new FileSystemException(null, null, "No space left on device"))).orElseThrow();

        assertNull(f.path());
        assertTrue(f.message("out/weekly").startsWith("out/weekly: the file system is full"), f.message("out/weekly"));
    }

    @Test
    void ordinaryFailuresAreNotTheMachines() {
        assertEquals(Optional.empty(), EnvironmentFailure.of(new IllegalStateException("boom", new IOException("Stream closed"))));
        assertEquals(Optional.empty(), EnvironmentFailure.of(new IllegalArgumentException("1/2 of the rows")));
    }

    @Test
    void aNumberWithASlashIsNoPath() {
        assertNull(EnvironmentFailure.of(new IOException("No space left on device after 1/2 of the pages")).orElseThrow()
                .path());
    }

    @Test
    void withoutPathsAFailureKeepsWhatHappenedButNotWhere() {
        String page = "/data/runs/weekly/report/children/C000123/C000123-C1.html";

        IOException denied = EnvironmentFailure.withoutPaths(new AccessDeniedException(page));
        IOException full = EnvironmentFailure.withoutPaths(new FileSystemException(page, null, "No space left on device"));
        IOException other = EnvironmentFailure.withoutPaths(new IOException("Mkdirs failed to create " + page,
                new IOException(page)));

        assertEquals(EnvironmentFailure.Cause.PERMISSION, EnvironmentFailure.of(denied).orElseThrow().cause());
        assertEquals(EnvironmentFailure.Cause.NO_SPACE, EnvironmentFailure.of(full).orElseThrow().cause());
        assertEquals("Mkdirs failed to create (a path)", other.getMessage());
        assertNull(other.getCause(), "causes may name the file too");
        for (IOException e : new IOException[] {denied, full, other}) {
            assertFalse(String.valueOf(e.getMessage()).contains("C000123"), e::toString);
            assertNull(EnvironmentFailure.of(e).map(EnvironmentFailure::path).orElse(null));
        }
    }
}
