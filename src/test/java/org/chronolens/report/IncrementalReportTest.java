package org.chronolens.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.chronolens.cli.Main;
import org.chronolens.detect.rules.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A weekly job's report takes the pages of children whose case did not change from the run it
 * was compared with, and the result is the report a full render writes, byte for byte.
 */
@org.junit.jupiter.api.Tag("slow")
@ExtendWith(SparkExtension.class)
class IncrementalReportTest {

    @TempDir
    Path dir;

    @Test
    void theNextWeeksReportCopiesUnchangedChildrenAndIsByteIdenticalToAFullRender(SparkSession spark) throws IOException {
        Path root = dir.resolve("weekly");
        // A late extract, empty until the third week: then one missed appointment for one child.
        Path late = TestFiles.csv(dir.resolve("late"), "health-late.csv", TestFiles.HEADER).getParent();
        Path job = TestFiles.csv(dir, "job.yaml", "command: scan", "inputs: [sample-data/chronology/generated, " + late + "]",
                "output_root: " + root, "as_of: 2026-10-24");
        assertEquals(ExitCode.OK.code(), run("job", job.toString()));
        String second = run(job, "2026-10-31");
        assertTrue(second.contains(", 0 unchanged since the earlier run (copied)"),
                "the first compared run says \"not compared\" nowhere, so no page is the same as the first run's: " + second);
        TestFiles.csv(late, "health-late.csv", TestFiles.HEADER,
                "C000024,C000024-C1,C000024-LATE1,2026-11-03,health,appointment,was_not_brought,,,,");
        // The earlier report tampered with: a case's folder gone, one page gone from another case, a
        // file planted in a third. What is missing is rendered, not lost; what was planted stays behind.
        Path earlierReport = root.resolve("runs/as_of=2026-10-31/report/subjects");
        List<Path> folders;
        try (Stream<Path> cases = Files.list(earlierReport)) {
            folders = cases.sorted().filter(c -> !c.getFileName().toString().equals("C000024")).toList();
        }
        deleteTree(folders.get(0));
        Path onePage;
        try (Stream<Path> pages = Files.list(folders.get(1))) {
            onePage = pages.sorted().findFirst().orElseThrow();
        }
        Files.delete(onePage);
        TestFiles.csv(folders.get(2), "planted.html", "<script>alert(1)</script>");
        String third = run(job, "2026-11-07");

        Path week = root.resolve("runs/as_of=2026-11-07");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Report pages: ([\\d,]+) rendered, ([\\d,]+) unchanged since the earlier run \\(copied\\)").matcher(third);
        assertTrue(m.find(), third);
        long rendered = Long.parseLong(m.group(1).replace(",", ""));
        long copied = Long.parseLong(m.group(2).replace(",", ""));
        long children;
        try (Stream<Path> pages = Files.walk(week.resolve("report/subjects"))) {
            children = pages.filter(p -> p.toString().endsWith(".html") && !p.getFileName().toString().contains("~part-")).count();
        }
        assertEquals(children, rendered + copied, "every child's page is rendered or copied");
        assertTrue(copied > children / 2, "most children did not change: " + rendered + " rendered, " + copied + " copied");
        assertTrue(rendered >= 3, "the changed case's children and the missing pages' cases are rendered: " + rendered);
        assertFalse(Files.exists(week.resolve("report/subjects").resolve(folders.get(2).getFileName()).resolve("planted.html")));

        // The same run rendered in full, with nothing to copy from, writes the same bytes.
        Path full = dir.resolve("full");
        TestFiles.copyTree(week, full);
        new ReportJob(spark, Catalogue.standard().entries()).render(full.toString(), Prompts.defaults(), Optional.empty());
        Map<String, byte[]> incremental = files(week.resolve("report"));
        Map<String, byte[]> rendered2 = files(full.resolve("report"));
        assertEquals(rendered2.keySet(), incremental.keySet(), "the same pages");
        for (String page : rendered2.keySet()) {
            assertArrayEquals(rendered2.get(page), incremental.get(page), page);
        }
        assertTrue(TestFiles.read(week.resolve("report/subjects/C000024/C000024-C1.html")).contains("C000024-LATE1"),
                "the changed child's page shows its new event");

        // Keys are kept by compared runs only, and moved into place once the report is whole.
        assertFalse(Files.exists(root.resolve("runs/as_of=2026-10-24/report-pages")), "the first run was not compared");
        assertTrue(Files.isDirectory(week.resolve("report-pages")));
        assertFalse(Files.exists(week.resolve("report-pages.writing")));

        // The as-of date lives in the run's style sheet, not on a child's page.
        assertTrue(TestFiles.read(week.resolve("report/run.css")).contains("content: \"Run as of 2026-11-07\""));
        assertTrue(TestFiles.read(week.resolve("report/run.css")).contains(".as-of::after { content: \"2026-11-07\"; }"));
        String page = TestFiles.read(week.resolve("report/subjects/C000024/C000024-C1.html"));
        assertFalse(page.contains("2026-11-07"), "a child's page holds no as-of date");
        assertTrue(page.contains("<link rel=\"stylesheet\" href=\"../../run.css\">"));
    }

    private String run(Path job, String asOf) {
        StringWriter out = new StringWriter();
        assertEquals(ExitCode.OK.code(), Main.run(new String[] {"job", job.toString(), "--as-of", asOf},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)), out.toString());
        return out.toString();
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
