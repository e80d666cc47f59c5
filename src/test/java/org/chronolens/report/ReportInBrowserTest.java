package org.chronolens.report;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.chronolens.audit.SampleJob;
import org.chronolens.cli.ExitCode;
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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sample report opened in a real browser, headless Chromium, as a reviewer would: pages load
 * without a console message, the chronology filter works from the keyboard, a flag's evidence rows
 * are its evidence, axe-core finds no serious or critical WCAG 2.x A/AA violation, and the printed
 * form carries the run's as-of date and what a flag is on every page. Skipped, saying why, where
 * Chromium and its driver are not installed ({@code .ci/run} installs them).
 */
@Tag("slow")
@ExtendWith({SparkExtension.class, SampleRun.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportInBrowserTest {

    private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /** Lives as long as the class: one sample report is opened by every test. */
    @TempDir
    static Path dir;

    private ChromeDriver browser;
    private Path report;
    private Path pack;
    private Path summary;
    private Map<String, CSVRecord> flags;

    @BeforeAll
    void openTheSampleReport(SparkSession spark, SampleRun.Run sample) throws Exception {
        browser = Chromium.start(dir.resolve("profile"));
        Path run = sample.copyTo(dir.resolve("run"));
        new DiscoverJob(spark, Stages.NONE).run(run.toString(), DiscoveryParams.DEFAULTS, null);
        report = run.resolve("report");
        pack = dir.resolve("pack");
        new SampleJob(spark, Stages.NONE).run(new SampleJob.Options(run.toString(), 7, pack.toString(), false,
                SampleJob.By.RULE, 2, null, Prompts.defaults()));
        summary = dir.resolve("summary");
        Cli.Outcome s = Cli.run("audit-summary", "--checklist", "sample-data/audit/checklist-aud-a.csv",
                "sample-data/audit/checklist-aud-b.csv", "--out", summary.toString());
        assertEquals(ExitCode.OK.code(), s.code(), s.all());
        flags = new HashMap<>();
        try (Reader in = Files.newBufferedReader(run.resolve("flags.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                flags.put(r.get("flag_key"), r);
            }
        }
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The child with the most flags: the busiest page of the sample. */
    private Path busiestChild() {
        Map<String, Long> byPage = flags.values().stream().filter(r -> !r.get("subject_id").isEmpty())
                .collect(Collectors.groupingBy(r -> r.get("case_id") + "/" + r.get("subject_id"), Collectors.counting()));
        String page = byPage.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
        return report.resolve("subjects/" + page + ".html");
    }

    private List<Path> childPages() throws Exception {
        try (Stream<Path> pages = Files.walk(report.resolve("subjects"))) {
            return pages.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    private Map<String, Path> pagesToCheck() throws Exception {
        Map<String, Path> pages = new LinkedHashMap<>();
        pages.put("landing page", report.resolve("index.html"));
        pages.put("run details", report.resolve(PageNames.RUN_DETAILS));
        pages.put("rule page", report.resolve("rules/missed-appointments-1.html"));
        pages.put("child's page", busiestChild());
        pages.put("Patterns page", report.resolve("patterns.html"));
        pages.put("cohort page", report.resolve("cohorts.html"));
        pages.put("audit pack", pack.resolve("index.html"));
        pages.put("audit summary", summary.resolve("audit-summary.html"));
        return pages;
    }

    private void open(Path page) {
        browser.get(page.toUri().toString());
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @Test
    void everyKindOfPageOpensWithoutAConsoleMessage() throws Exception {
        List<String> messages = new ArrayList<>();
        // The browser is shared: what other tests left in its log is theirs (axe, for one, fetches a
        // page's linked style sheet by XMLHttpRequest, which a file: page may not do; a reader's
        // browser loads the same sheet by its link).
        browser.manage().logs().get(LogType.BROWSER);
        for (Map.Entry<String, Path> page : pagesToCheck().entrySet()) {
            open(page.getValue());
            assertFalse(browser.getTitle().isEmpty(), page.getKey() + " has a title");
            for (LogEntry e : browser.manage().logs().get(LogType.BROWSER).getAll()) {
                messages.add(page.getKey() + ": " + e.getLevel() + " " + e.getMessage());
            }
        }
        assertEquals(List.of(), messages);
    }

    @Test
    void axeFindsNoSeriousOrCriticalWcagViolationOnAnyKindOfPage() throws Exception {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Path> page : pagesToCheck().entrySet()) {
            open(page.getValue());
            Results results = new AxeBuilder().withTags(WCAG_A_AA).analyze(browser);
            assertNull(results.getErrorMessage(), page.getKey() + ": axe could not run");
            assertFalse(results.getPasses().isEmpty(), page.getKey() + ": axe checked nothing");
            for (Rule r : results.getViolations()) {
                if ("serious".equals(r.getImpact()) || "critical".equals(r.getImpact())) {
                    found.add(page.getKey() + ": " + r.getId() + " (" + r.getImpact() + ") " + r.getHelp() + " at "
                            + r.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theChronologyFilterNarrowsTheTableFromTheKeyboardAndAMarkerLeadsToAHiddenRow() {
        open(busiestChild());
        List<WebElement> rows = browser.findElements(By.cssSelector("#chronology-table tbody tr"));
        int all = rows.size();
        WebElement agency = browser.findElement(By.id("f-agency"));
        agency.sendKeys(Keys.ARROW_DOWN);
        String chosen = agency.getDomProperty("value");
        assertFalse(chosen.isEmpty(), "the arrow key chose the first agency");
        List<WebElement> shown = rows.stream().filter(WebElement::isDisplayed).toList();
        assertTrue(shown.size() > 0 && shown.size() < all, shown.size() + " of " + all + " shown");
        assertTrue(shown.stream().allMatch(r -> chosen.equals(r.getDomAttribute("data-agency"))), chosen);
        assertEquals("Showing " + shown.size() + " of " + all + " events", browser.findElement(By.id("f-shown")).getText());

        WebElement type = browser.findElement(By.id("f-type"));
        type.sendKeys(Keys.ARROW_DOWN);
        String kind = type.getDomProperty("value");
        assertTrue(rows.stream().filter(WebElement::isDisplayed).allMatch(r -> chosen.equals(r.getDomAttribute("data-agency"))
                && kind.equals(r.getDomAttribute("data-type"))), chosen + " and " + kind);

        // A timeline marker of an event the filter hides still leads to its row: the filter gives way.
        WebElement hidden = rows.stream().filter(r -> !r.isDisplayed()).findFirst().orElseThrow();
        String id = hidden.getDomAttribute("id");
        js("location.hash = arguments[0];", id);
        new WebDriverWait(browser, java.time.Duration.ofSeconds(5)).until(b -> hidden.isDisplayed());
        assertEquals("", agency.getDomProperty("value"));
        assertEquals("Showing " + all + " of " + all + " events", browser.findElement(By.id("f-shown")).getText());
    }

    @Test
    void onEveryChildsPageEachFlagsEvidenceRowsAreItsEvidenceAndEachPromptAppearsOnce() throws Exception {
        List<String> prompts = Prompts.defaults().all().stream().flatMap(s -> s.prompts().stream()).toList();
        int pages = 0;
        int checked = 0;
        for (Path page : childPages()) {
            open(page);
            pages++;
            // One script per page reads what the reviewer sees: each flag's key and evidence ids, the
            // links that lead nowhere, and the page's text.
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) js("""
                    var byId = function (h) { return document.getElementById(h.slice(1)); };
                    var flags = Array.prototype.map.call(document.querySelectorAll('section.flag'), function (f) {
                      return { key: f.querySelector('.key code').textContent,
                               ids: Array.prototype.map.call(f.querySelectorAll('table.evidence tbody tr td:last-child'),
                                    function (td) { return td.textContent; }) };
                    });
                    var dead = Array.prototype.filter.call(document.querySelectorAll('table.evidence a, svg.timeline a'),
                        function (a) { return !byId(a.getAttribute('href')); }).length;
                    return { flags: flags, dead: dead, text: document.body.innerText };""");
            assertEquals(0L, seen.get("dead"), page.getFileName() + ": every evidence link and marker leads to a row");
            for (Object o : (List<?>) seen.get("flags")) {
                Map<?, ?> flag = (Map<?, ?>) o;
                CSVRecord expected = flags.get((String) flag.get("key"));
                assertNotNull(expected, page.getFileName() + " " + flag.get("key"));
                assertEquals(List.of(expected.get("evidence_event_ids").split(";")).stream().sorted().toList(),
                        ((List<?>) flag.get("ids")).stream().map(String::valueOf).sorted().toList(),
                        page.getFileName() + " " + flag.get("key"));
                checked++;
            }
            String text = (String) seen.get("text");
            for (String prompt : prompts) {
                int at = text.indexOf(prompt);
                assertTrue(at < 0 || text.indexOf(prompt, at + 1) < 0, page.getFileName() + " repeats: " + prompt);
            }
        }
        long childFlags = flags.values().stream().filter(r -> !r.get("subject_id").isEmpty()).count();
        assertTrue(checked >= childFlags, checked + " flags shown, " + childFlags + " of them a child's own");
        assertTrue(pages > 100, pages + " pages");
    }

    @Test
    void thePrintedChildsPageIsA4WithTheAsOfDateAndWhatAFlagIsOnEveryPage() throws Exception {
        open(busiestChild());
        // As the browser's own print does: the page's CSS decides the paper and its margins.
        String pdf = (String) browser.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true)).get("data");
        try (PDDocument doc = Loader.loadPDF(Base64.getDecoder().decode(pdf))) {
            assertTrue(doc.getNumberOfPages() > 2, doc.getNumberOfPages() + " pages");
            float width = doc.getPage(0).getMediaBox().getWidth();
            assertEquals(595, width, 2, "A4 is 595 points wide");
            PDFTextStripper text = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                text.setStartPage(p);
                text.setEndPage(p);
                String page = text.getText(doc);
                assertTrue(page.contains("Run as of " + SampleRun.AS_OF), "page " + p + ": " + page);
                assertTrue(page.contains("Prompts for reflection, not a finding"), "page " + p);
                assertFalse(page.contains("all agencies"), "page " + p + " shows no filter");
            }
        }
    }
}
