package org.chronolens.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** A page that cannot be written is reported by the report's folder, never by the page's name, which holds the child's id. */
class PageWriterTest {

    @TempDir
    Path root;

    @Test
    void aPageThatCannotBeWrittenIsReportedWithoutItsNameAnywhereInTheChainOfCauses() throws Exception {
        String page = "children/C000123/C000123-C1.html";
        Files.createDirectories(root.resolve(page)); // a folder where the page goes

        PageWriter writer = new PageWriter(root.toString(), new Configuration());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> writer.write(page, "<p>page</p>"));

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains("C000123"), trace::toString);
        assertTrue(e.getMessage().startsWith("writing the report's pages in "), e.getMessage());
        assertTrue(trace.toString().contains("Is a directory"), "what happened is kept: " + trace);
    }

    @Test
    void aPageCopiedFromAnEarlierReportThatCannotBeWrittenIsReportedTheSameWay() throws Exception {
        String page = "children/C000123/C000123-C1.html";
        Path earlier = Files.createDirectories(root.resolve("earlier"));
        Files.createDirectories(earlier.resolve(page).getParent());
        Files.writeString(earlier.resolve(page), "<p>page</p>");
        Path now = root.resolve("now");
        Files.createDirectories(now.resolve(page));

        PageWriter writer = new PageWriter(now.toString(), new Configuration());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> writer.copy(earlier.toString(), page));

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains("C000123"), trace::toString);
    }
}
