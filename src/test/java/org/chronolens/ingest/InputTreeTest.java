package org.chronolens.ingest;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.io.UsageException;
import org.chronolens.run.ValidateJob;
import org.chronolens.run.ValidateRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.chronolens.TestFiles.csv;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Input folders as they are found on real machines: links, loops, pipes and sockets among the extracts. */
@ExtendWith(SparkExtension.class)
class InputTreeTest {

    @TempDir
    Path dir;

    private Path extract(String name, int rows) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int i = 0; i < rows; i++) {
            lines.add("F1,C1," + name.replaceAll("\\W", "") + i + ",2026-01-" + String.format("%02d", 1 + i % 28)
                    + ",health,appointment,attended,,,,");
        }
        return csv(dir, name, lines.toArray(String[]::new));
    }

    private ValidateRun validate(SparkSession spark) {
        return new ValidateRun(spark, dir.resolve("out"));
    }

    @Test
    void aFolderWithALinkToItsOwnParentIsReadOnceAndTheLoopIsReported(SparkSession spark) throws IOException {
        extract("in/a/health.csv", 30);
        Files.createSymbolicLink(dir.resolve("in/a/loop"), Path.of(".."));

        ValidateJob.Result r = validate(spark).run(dir.resolve("in"));

        assertEquals(30, r.quality().rowsRead(), "each row once, however often the loop leads back");
        assertEquals(0, r.quality().duplicatesDropped());
        assertEquals(1, r.quality().warnings().size(), r.quality().warnings().toString());
        String warning = r.quality().warnings().get(0);
        assertTrue(warning.startsWith("the link "), warning);
        assertTrue(warning.contains("in/a/loop leads back to ") && warning.contains("(a loop); it was not followed"),
                warning);
    }

    @Test
    void aFileThatTwoLinksLeadToIsReadOnceAndSaysSo(SparkSession spark) throws IOException {
        Path file = extract("in/health.csv", 10);
        Files.createSymbolicLink(dir.resolve("in/again.csv"), file.getFileName());
        Files.createDirectories(dir.resolve("in/sub"));
        Files.createSymbolicLink(dir.resolve("in/sub/up"), Path.of(".."));

        ValidateJob.Result r = validate(spark).run(dir.resolve("in"), file);

        assertEquals(10, r.quality().rowsRead());
        assertTrue(r.quality().warnings().stream().anyMatch(w -> w.endsWith("in/again.csv and " + file
                + " are one file (a link leads to it); it was read once")), r.quality().warnings().toString());
    }

    @Test
    void aNamedPipeAmongTheExtractsIsRefusedAsAPipeBeforeAnythingIsRead(SparkSession spark) throws Exception {
        extract("in/health.csv", 5);
        Path pipe = dir.resolve("in/stream.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available here");

        InputRefusedException e = assertThrows(InputRefusedException.class, () -> validate(spark).run(dir.resolve("in")));

        assertTrue(e.getMessage().contains("in/stream.csv: a named pipe (FIFO), not a regular file"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "refused before anything was written");
    }

    @Test
    void aSocketNamedLikeAnExtractIsRefusedAsASocket(SparkSession spark) throws IOException {
        extract("in/health.csv", 5);
        Path socket = dir.resolve("in/listener.csv");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            InputRefusedException e = assertThrows(InputRefusedException.class,
                    () -> validate(spark).run(dir.resolve("in")));

            assertTrue(e.getMessage().contains("in/listener.csv: a socket, not a regular file"), e.getMessage());
        }
    }

    @Test
    void aSpecialFileNamedOnItsOwnIsRefusedAsWhatItIs(SparkSession spark) {
        InputRefusedException e = assertThrows(InputRefusedException.class,
                () -> validate(spark).run(List.of("/dev/null")));

        assertEquals("input '/dev/null' is a character device, not a file; name a .csv or .parquet extract", e.getMessage());
    }

    @Test
    void aLinkToAMissingExtractIsRefusedNamingTheLink(SparkSession spark) throws IOException {
        extract("in/health.csv", 5);
        Files.createSymbolicLink(dir.resolve("in/gone.csv"), dir.resolve("nowhere.csv"));

        InputRefusedException e = assertThrows(InputRefusedException.class, () -> validate(spark).run(dir.resolve("in")));

        assertTrue(e.getMessage().contains("in/gone.csv: a link to nothing that can be read"), e.getMessage());
    }

    @Test
    void aLinkOutOfTheInputIsReadAndWhereItLeadsIsProtectedLikeAnInput(SparkSession spark) throws IOException {
        extract("in/health.csv", 5);
        extract("elsewhere/police.csv", 7);
        Files.createSymbolicLink(dir.resolve("in/police"), dir.resolve("elsewhere"));

        assertEquals(12, validate(spark).run(dir.resolve("in")).quality().rowsRead());

        UsageException e = assertThrows(UsageException.class,
                () -> new ValidateRun(spark, dir.resolve("elsewhere/out")).run(dir.resolve("in")));
        assertTrue(e.getMessage().contains("lies inside the input"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("elsewhere/out")));
    }
}
