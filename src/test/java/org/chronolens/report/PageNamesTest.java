package org.chronolens.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.audit.SampleJob;
import org.chronolens.check.PiiPolicy;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ValidateJob;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Pages stay apart when the report is copied to a file system that ignores letter case (Windows,
 * macOS): children Ab-1 and aB-1 of one case, and cases Kc-2 and kC-2, as pseudonymisation tools
 * emit them.
 */
@ExtendWith(SparkExtension.class)
class PageNamesTest {

    private static final Pattern HEADING = Pattern.compile("<h1>Child ([^<]+) · case ([^<]+)</h1>");

    @TempDir
    Path dir;

    /** What Windows or macOS would make of a name: one spelling for every case and composition. */
    private static String folded(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    @Test
    void idsThatDifferOnlyByCaseGetNamesThatDifferWithCaseIgnoredAndKeepTheIdReadable() {
        List<String> ids = List.of("Ab-1", "aB-1", "AB-1", "ab-1", "C000123", "c000123", "x.Y_z", "X.y_Z", "7",
                "CON", "con", "C1", "C1.", "c1.", "nul.x");
        Map<String, String> byFolded = new HashMap<>();
        for (String id : ids) {
            String name = PageNames.name(id);
            assertTrue(name.startsWith(id), "the id stays visible: " + name);
            assertNull(byFolded.put(folded(name), id), id + " and " + byFolded.get(folded(name)) + " share " + name);
        }
        assertEquals("C000123", PageNames.name("C000123"), "an id without small letters is its own name");
        assertEquals("Ab-1~1", PageNames.name("Ab-1"));
        assertEquals("aB-1~2", PageNames.name("aB-1"));
        assertEquals("subjects/kC-2~2/Ab-1~1.html", PageNames.subjectPage("kC-2", "Ab-1"));
        assertEquals("CON~w", PageNames.name("CON"), "a Windows device name cannot be a file's");
        assertEquals("nul.x~f~w", PageNames.name("nul.x"), "nor with an extension, in any case");
        assertEquals("C1.~w", PageNames.name("C1."), "Windows would drop the dot and merge the folder with C1's");
        assertEquals("CONTACT", PageNames.name("CONTACT"));
        assertEquals("COM10", PageNames.name("COM10"));
        assertThrows(IllegalStateException.class, () -> PageNames.name("ab-1~3"), "not a checked id");
        assertThrows(IllegalStateException.class, () -> PageNames.name("../x"), "not a checked id");
    }

    @Test
    void aRunWhoseIdsCollideByCaseWritesPagesThatStayApartAndEachShowsItsOwnChild(SparkSession spark) throws Exception {
        Path in = TestFiles.csv(dir, "in/health.csv", HEADER,
                missed("Kc-2", "Ab-1", "E1"), missed("Kc-2", "aB-1", "E2"), missed("kC-2", "Ab-1", "E3"),
                missed("kC-2", "aB-1", "E4"), missed("kC-2", "AB-1", "E5"));
        Path run = dir.resolve("run");
        new ScanJob(spark, Stages.NONE).run(ScanRequest.of(new ValidateJob.Options(List.of(in.toString()),
                LocalDate.of(2026, 10, 31), run.toString(), true, ColumnMapping.identity(), PiiPolicy.REDACT, 0.5),
                Catalogue.standard().defaults()).withReport(Prompts.defaults()));
        Path report = run.resolve("report");

        Map<String, Path> byFolded = new HashMap<>();
        try (Stream<Path> all = Files.walk(report)) {
            for (Path p : all.toList()) {
                Path other = byFolded.put(folded(report.relativize(p).toString()), p);
                assertNull(other, p + " and " + other + " would be one file on Windows or macOS");
            }
        }
        List<Path> pages;
        try (Stream<Path> all = Files.walk(report.resolve("subjects"))) {
            pages = all.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertEquals(5, pages.size(), "a page for each child of each case: " + pages);
        for (Path page : pages) {
            Matcher h = heading(page);
            String html = TestFiles.read(page);
            String events = html.substring(html.indexOf("id=\"chronology-table\""));
            String own = "<tr id=\"ev-" + h.group(2) + "-" + h.group(1) + "-E";
            assertEquals(3, events.split(own, -1).length - 1, page + " lists its own child's three events");
            assertEquals(3, events.split("<tr id=\"ev-", -1).length - 1, page + " and no other child's");
        }

        String rule = TestFiles.read(report.resolve("rules/missed-appointments-1.html"));
        Matcher row = Pattern.compile("<tr><td>([^<]+)</td><td><a href=\"\\.\\./([^\"#]+)#[^\"]+\">([^<]+)</a>").matcher(rule);
        int rows = 0;
        for (; row.find(); rows++) {
            Matcher h = heading(report.resolve(row.group(2)));
            assertEquals(row.group(3) + " / " + row.group(1), h.group(1) + " / " + h.group(2), "the rule page's link leads to its child");
        }
        assertEquals(5, rows, rule);

        Path page = report.resolve(PageNames.subjectPage("Kc-2", "Ab-1"));
        Matcher sibling = Pattern.compile("<a href=\"([^\"]+)\">aB-1</a>").matcher(TestFiles.read(page));
        assertTrue(sibling.find(), "the sibling is linked");
        assertEquals("aB-1 / Kc-2", heading(page.resolveSibling(sibling.group(1))).group(1) + " / Kc-2");

        Path pack = dir.resolve("pack");
        new SampleJob(spark, Stages.NONE).run(new SampleJob.Options(run.toString(), 1, pack.toString(), true,
                SampleJob.By.RULE, 10, null, Prompts.defaults()));
        List<String> sample = Files.readAllLines(pack.resolve(org.chronolens.io.RunLayout.Pack.SAMPLE_CSV.file()));
        assertTrue(sample.size() > 5, "the pack samples every flag");
        for (String line : sample.subList(1, sample.size())) {
            String[] cells = line.split(",");
            String link = line.substring(line.lastIndexOf(",subjects/") + 1);
            Matcher h = heading(pack.resolve(link.substring(0, link.indexOf('#'))));
            assertEquals(cells[6] + " / " + cells[5], h.group(1) + " / " + h.group(2), "the pack's link leads to its child: " + line);
        }
    }

    /** Three missed appointments of one child, enough for a flag; event ids name the case and the child. */
    private static String missed(String caseId, String child, String prefix) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            b.append(i > 1 ? "\n" : "").append(caseId).append(',').append(child).append(',').append(caseId).append('-')
                    .append(child).append('-').append(prefix).append(i).append(",2026-0").append(i)
                    .append("-10,health,appointment,was_not_brought,,,,");
        }
        return b.toString();
    }

    private static Matcher heading(Path page) {
        assertTrue(Files.exists(page), page + " exists");
        Matcher h = HEADING.matcher(TestFiles.read(page));
        assertTrue(h.find(), page.toString());
        return h;
    }
}
