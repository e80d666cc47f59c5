package org.chronolens.report;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.chronolens.audit.SampleJob;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.discover.DiscoverJob;
import org.chronolens.discover.DiscoveryParams;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The report taken to a meeting and read on a phone, in headless Chromium: the most-flagged sample
 * child's page prints on A4 opening with a summary that holds every flag's sentence on the first
 * sheet, in no more sheets than one per 25 chronology rows plus two; and at a 390 CSS px wide
 * viewport no page of the report or of the audit pack scrolls sideways (a table or the timeline
 * may scroll inside its own box). A run compared with an earlier one and given acknowledgements
 * shows what is new and the review trail in the summary.
 */
@Tag("slow")
@ExtendWith({SparkExtension.class, SampleRun.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrintAndPhoneInBrowserTest {

    private static final int PHONE = 390;

    @TempDir
    static Path dir;

    private ChromeDriver browser;
    private Path run;
    private Path report;
    private Path pack;

    @BeforeAll
    void openTheSampleReport(SparkSession spark, SampleRun.Run sample) throws Exception {
        browser = Chromium.start(dir.resolve("profile"));
        run = sample.copyTo(dir.resolve("run"));
        new DiscoverJob(spark, Stages.NONE).run(run.toString(), DiscoveryParams.DEFAULTS, null);
        report = run.resolve("report");
        pack = dir.resolve("pack");
        new SampleJob(spark, Stages.NONE).run(new SampleJob.Options(run.toString(), 7, pack.toString(), false,
                SampleJob.By.RULE, 2, null, Prompts.defaults()));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    /** The child with the most flags (max {@code flags} in subjects.csv, the first id on a tie). */
    private CSVRecord mostFlagged(Path runDir) throws Exception {
        return csv(runDir.resolve("subjects.csv")).stream()
                .max(Comparator.<CSVRecord>comparingInt(r -> Integer.parseInt(r.get("flags")))
                        .thenComparing(r -> r.get("subject_id"), Comparator.reverseOrder()))
                .orElseThrow();
    }

    private static Path page(Path reportDir, CSVRecord child) {
        return reportDir.resolve("subjects/" + child.get("case_id") + "/" + child.get("subject_id") + ".html");
    }

    private static List<Path> html(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void noPageScrollsSidewaysOnAPhone() throws Exception {
        List<Path> pages = new ArrayList<>(html(report));
        pages.addAll(html(pack));
        // Every page type: the landing page, patterns, cohorts, the rule pages, the children's pages
        // (and the parts of a long chronology, where there are any), and the audit pack's pages.
        for (String kind : List.of("index.html", "patterns.html", "cohorts.html", "/rules/", "/subjects/")) {
            assertTrue(pages.stream().anyMatch(p -> p.toString().contains(kind)), kind + " among " + pages.size());
        }
        assertTrue(pages.stream().anyMatch(p -> p.startsWith(pack.resolve("subjects"))), "the audit pack's children");
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", PHONE, "height", 844, "deviceScaleFactor", 1, "mobile", false));
        try {
            List<String> wide = new ArrayList<>();
            for (Path p : pages) {
                browser.get(p.toUri().toString());
                long inner = ((Number) js("return window.innerWidth")).longValue();
                assertEquals(PHONE, inner, "the layout viewport is a phone's: " + p);
                long width = ((Number) js("return document.documentElement.scrollWidth")).longValue();
                if (width > PHONE) {
                    wide.add(dir.relativize(p) + " is " + width + " px wide");
                }
            }
            assertEquals(List.of(), wide);
            // The timeline keeps a readable scale and scrolls in its own box rather than shrinking.
            browser.get(page(report, mostFlagged(run)).toUri().toString());
            Map<?, ?> box = (Map<?, ?>) js("var b = document.querySelector('.timeline-box'), s = b.querySelector('svg');"
                    + "return {box: b.clientWidth, svg: s.getBoundingClientRect().width, scroll: b.scrollWidth,"
                    + " overflow: getComputedStyle(b).overflowX}");
            assertTrue(((Number) box.get("svg")).doubleValue() >= 700, box.toString());
            assertTrue(((Number) box.get("scroll")).doubleValue() > ((Number) box.get("box")).doubleValue(), box.toString());
            assertEquals("auto", box.get("overflow"));
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void theMostFlaggedChildPrintsASummaryFirstAndFewSheets() throws Exception {
        CSVRecord child = mostFlagged(run);
        browser.get(page(report, child).toUri().toString());
        long rows = ((Number) js("return document.querySelectorAll('#chronology-table tbody tr').length")).longValue();
        assertTrue(rows > 0, "the chronology is on the page");
        List<String> sentences = csv(run.resolve("flags.csv")).stream()
                .filter(f -> f.get("case_id").equals(child.get("case_id")))
                .filter(f -> f.get("subject_id").equals(child.get("subject_id"))).map(f -> f.get("explanation")).toList();
        assertEquals(Integer.parseInt(child.get("flags")), sentences.size(), "the child's own flags");
        String pdf = (String) browser.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true)).get("data");
        try (PDDocument doc = Loader.loadPDF(Base64.getDecoder().decode(pdf))) {
            long allowed = (rows + 24) / 25 + 2;
            assertTrue(doc.getNumberOfPages() <= allowed,
                    doc.getNumberOfPages() + " sheets for " + rows + " chronology rows; at most " + allowed);
            assertEquals(595, doc.getPage(0).getMediaBox().getWidth(), 2, "A4");
            PDFTextStripper text = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                text.setStartPage(p);
                text.setEndPage(p);
                String sheet = text.getText(doc);
                assertTrue(sheet.contains("Run as of " + SampleRun.AS_OF), "sheet " + p);
                assertTrue(sheet.contains("Prompts for reflection, not a finding"), "sheet " + p);
                if (p == 1) {
                    String first = squeeze(sheet);
                    for (String s : sentences) {
                        assertTrue(first.contains(squeeze(s)), "the first sheet holds \"" + s + "\"");
                    }
                    assertTrue(first.contains(squeeze("not compared")), "says it was not compared");
                }
            }
        }
    }

    @Test
    void aComparedAndReviewedRunSaysWhatIsNewAndShowsTheTrail(SparkSession spark, SampleRun.Run sample) throws Exception {
        Path compared = sample.copyTo(dir.resolve("compared"));
        CSVRecord child = mostFlagged(compared);
        List<CSVRecord> own = csv(compared.resolve("flags.csv")).stream()
                .filter(f -> f.get("case_id").equals(child.get("case_id")))
                .filter(f -> f.get("subject_id").equals(child.get("subject_id"))).toList();
        String newKey = own.get(0).get("flag_key");
        StringBuilder changes = new StringBuilder("change,flag_key,rule_id,case_id,subject_id,window_end,previous_window_end\n");
        for (CSVRecord f : own) {
            changes.append(f.get("flag_key").equals(newKey) ? "new" : "continuing").append(',').append(f.get("flag_key"))
                    .append(',').append(f.get("rule_id")).append(',').append(f.get("case_id")).append(',')
                    .append(f.get("subject_id")).append(',').append(f.get("window_end")).append(",\n");
        }
        Files.writeString(compared.resolve("changes.csv"), changes);
        Files.writeString(compared.resolve("acknowledgements.csv"), "line,flag_key,reviewer,date,outcome,reason,status\n"
                + "2," + own.get(1).get("flag_key") + ",R. Okafor,2026-10-20,discussed,\"Known to the team, plan in place\","
                + "acknowledged\n");
        new ReportJob(spark, Catalogue.standard().entries()).render(compared.toString(), Prompts.defaults(), java.util.Optional.empty());
        browser.get(page(compared.resolve("report"), child).toUri().toString());
        String summary = (String) js("return document.querySelector('.case-summary').innerText");
        assertTrue(summary.contains("1 new"), summary);
        assertTrue(summary.contains((own.size() - 1) + " continuing"), summary);
        assertFalse(summary.contains("not compared"), summary);
        assertTrue(summary.contains("R. Okafor") && summary.contains("Known to the team, plan in place"), summary);
        assertEquals(1L, js("return document.querySelectorAll('.case-summary tr.is-new').length"));
    }
}
