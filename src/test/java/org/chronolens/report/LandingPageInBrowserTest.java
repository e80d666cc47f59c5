package org.chronolens.report;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.chronolens.detect.rules.Catalogue;
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

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The landing page ("Children to review") and the run details page in headless Chromium: the
 * search and every filter narrow the list from the keyboard alone, the new marker leads to the
 * flag on the child's page, neither page scrolls sideways on a 390-pixel phone, and axe-core finds
 * no serious or critical WCAG 2.x A/AA violation. The sample run is made a compared and partly
 * reviewed one first: half its cases' flags continuing, one child's flags acknowledged.
 */
@Tag("slow")
@ExtendWith({SparkExtension.class, SampleRun.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LandingPageInBrowserTest {

    private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    @TempDir
    static Path dir;

    private ChromeDriver browser;
    private Path report;

    @BeforeAll
    void openAComparedReviewedSampleReport(SparkSession spark, SampleRun.Run sample) throws Exception {
        browser = Chromium.start(dir.resolve("profile"));
        Path run = sample.copyTo(dir.resolve("run"));
        List<CSVRecord> flags = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(run.resolve("flags.csv"))) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).forEach(flags::add);
        }
        // Cases in the first half (by id) continue from an earlier run; the rest are new.
        TreeSet<String> cases = new TreeSet<>();
        flags.forEach(f -> cases.add(f.get("case_id")));
        Set<String> continuing = Set.copyOf(new ArrayList<>(cases).subList(0, cases.size() / 2));
        List<String> changes = new ArrayList<>(List.of("change,flag_key,rule_id,case_id,subject_id,previous_window_end,window_end,explanation"));
        for (CSVRecord f : flags) {
            String change = continuing.contains(f.get("case_id")) ? "continuing" : "new";
            changes.add(String.join(",", change, f.get("flag_key"), f.get("rule_id"), f.get("case_id"), f.get("subject_id"),
                    "", f.get("window_end"), "x"));
        }
        Files.write(run.resolve("changes.csv"), changes);
        // Every flag of the first child named by a flag is acknowledged, and its family's.
        CSVRecord first = flags.stream().filter(f -> !f.get("subject_id").isEmpty())
                .min(Comparator.comparing(f -> f.get("subject_id"))).orElseThrow();
        List<String> reviewed = flags.stream().filter(f -> f.get("subject_id").equals(first.get("subject_id"))
                || f.get("subject_id").isEmpty() && f.get("case_id").equals(first.get("case_id"))).map(f -> f.get("flag_key")).toList();
        List<String> acks = new ArrayList<>(List.of("line,flag_key,reviewer,date,outcome,reason,status"));
        for (int i = 0; i < reviewed.size(); i++) {
            acks.add((i + 2) + "," + reviewed.get(i) + ",TM-04,2026-10-20,no_action,discussed in supervision,acknowledged");
        }
        Files.write(run.resolve("acknowledgements.csv"), acks);
        Dataset<Row> parquet = spark.read().parquet(run.resolve("flags").toString());
        parquet.withColumn("review", when(col("flag_key").isin(reviewed.toArray()), lit("acknowledged"))
                        .otherwise(col("review")))
                .write().parquet(run.resolve("flags-reviewed").toString());
        deleteTree(run.resolve("flags"));
        Files.move(run.resolve("flags-reviewed"), run.resolve("flags"));
        new ReportJob(spark, Catalogue.standard().entries()).render(run.toString(), Prompts.defaults(), java.util.Optional.empty());
        report = run.resolve("report");
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void open(Path page) {
        browser.get(page.toUri().toString());
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#landing tbody tr"));
    }

    private String shown() {
        return browser.findElement(By.id("l-shown")).getText();
    }

    private static String cell(WebElement row, int i) {
        return row.findElements(By.tagName("td")).get(i).getText();
    }

    @Test
    void theSearchAndEveryFilterNarrowTheListFromTheKeyboardAlone() {
        open(report.resolve("index.html"));
        int all = rows().size();
        assertTrue(all > 100, all + " children listed");
        assertEquals("Showing " + all + " of " + all + " children", shown());

        // The search: typed, by case id.
        String someCase = cell(rows().get(all / 2), 1);
        WebElement search = browser.findElement(By.id("l-search"));
        search.sendKeys(someCase);
        List<WebElement> found = rows();
        assertTrue(found.size() >= 1 && found.size() < all, found.size() + " for " + someCase);
        assertTrue(found.stream().allMatch(r -> cell(r, 1).equals(someCase)), someCase);
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        assertEquals(all, rows().size(), "cleared, the search lists everyone again");

        // Pattern, theme and agency: the arrow key takes the first choice; each narrows the list to
        // the children the data says, and Home goes back to all.
        for (String filter : List.of("l-pattern", "l-theme", "l-agency")) {
            WebElement select = browser.findElement(By.id(filter));
            select.sendKeys(Keys.ARROW_DOWN);
            String value = select.getDomProperty("value");
            assertEquals("0", value, filter);
            int column = Map.of("l-pattern", 3, "l-theme", 4, "l-agency", 5).get(filter);
            long expected = (Long) js("var c = arguments[0]; return window.chronolensChildren.filter(function (r) {"
                    + " return r[c].indexOf(0) >= 0; }).length;", column);
            int n = rows().size();
            assertTrue(n > 0 && n < all, filter + ": " + n + " of " + all);
            assertEquals(Math.min(expected, 200), n, filter);
            if (filter.equals("l-pattern")) {
                String title = select.findElements(By.tagName("option")).get(1).getText();
                assertTrue(rows().stream().allMatch(r -> cell(r, 2).contains(title)), title);
            }
            select.sendKeys(Keys.HOME);
            assertEquals(all, rows().size(), filter + " back to all");
        }

        // New or continuing: the compared run has both.
        WebElement change = browser.findElement(By.id("l-change"));
        change.sendKeys(Keys.ARROW_DOWN);
        List<WebElement> added = rows();
        assertTrue(added.size() > 0 && added.size() < all, added.size() + " new");
        assertTrue(added.stream().allMatch(r -> cell(r, 3).equals("New")));
        change.sendKeys(Keys.ARROW_DOWN);
        List<WebElement> continuing = rows();
        assertEquals(all, added.size() + continuing.size(), "new and continuing are every child");
        assertTrue(continuing.stream().allMatch(r -> cell(r, 3).equals("continuing")));
        change.sendKeys(Keys.HOME);

        // Review: one child's flags are all acknowledged.
        WebElement review = browser.findElement(By.id("l-review"));
        review.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        List<WebElement> done = rows();
        assertTrue(done.size() >= 1 && done.size() < all, shown());
        assertTrue(done.stream().allMatch(r -> cell(r, 5).equals("Acknowledged by TM-04 on 2026-10-20")), shown());
        review.sendKeys(Keys.ARROW_UP);
        assertEquals(all - done.size(), rows().size(), "the rest are not reviewed");
        assertTrue(rows().stream().noneMatch(r -> cell(r, 5).startsWith("Acknowledged")));
        review.sendKeys(Keys.HOME);
        assertEquals(all, rows().size());
    }

    @Test
    void newComesFirstAndTheNewMarkerLeadsToTheFlagOnTheChildsPage() {
        open(report.resolve("index.html"));
        List<String> markers = rows().stream().map(r -> cell(r, 3)).toList();
        int firstContinuing = markers.indexOf("continuing");
        assertTrue(firstContinuing > 0 && markers.subList(firstContinuing, markers.size()).stream()
                .allMatch("continuing"::equals), "new first");
        WebElement marker = rows().get(0).findElement(By.cssSelector("td:nth-child(4) a"));
        String href = marker.getDomAttribute("href");
        marker.sendKeys(Keys.ENTER);
        String url = browser.getCurrentUrl();
        assertTrue(url.endsWith(href), url + " is " + href);
        String anchor = href.substring(href.indexOf('#') + 1);
        assertFalse(browser.findElements(By.id(anchor)).isEmpty(), "the child's page holds the new flag " + anchor);
    }

    @Test
    void theRunDetailsListTheNewFlagsEachLinkedToItsChild() {
        open(report.resolve("run-details.html"));
        List<WebElement> links = browser.findElements(By.cssSelector("#changed-flags ~ div table tbody a"));
        assertFalse(links.isEmpty(), "new flags are linked");
        String href = links.get(0).getDomAttribute("href");
        assertTrue(href.startsWith("subjects/") && href.contains(".html#"), href);
        assertTrue(Files.exists(report.resolve(href.substring(0, href.indexOf('#')))), href);
    }

    @Test
    void neitherPageScrollsSidewaysOnA390PixelPhone() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String page : List.of("index.html", "run-details.html")) {
                open(report.resolve(page));
                long width = (Long) js("return document.documentElement.scrollWidth;");
                assertTrue(width <= 390, page + " is " + width + " px wide");
            }
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void bothPagesOpenWithoutAConsoleMessageAndAxeFindsNoSeriousOrCriticalViolation() {
        List<String> found = new ArrayList<>();
        for (String page : List.of("index.html", "run-details.html")) {
            open(report.resolve(page));
            for (LogEntry e : browser.manage().logs().get(LogType.BROWSER).getAll()) {
                found.add(page + ": " + e.getLevel() + " " + e.getMessage());
            }
            Results results = new AxeBuilder().withTags(WCAG_A_AA).analyze(browser);
            assertNull(results.getErrorMessage(), page + ": axe could not run");
            assertFalse(results.getPasses().isEmpty(), page + ": axe checked nothing");
            for (Rule r : results.getViolations()) {
                if ("serious".equals(r.getImpact()) || "critical".equals(r.getImpact())) {
                    found.add(page + ": " + r.getId() + " (" + r.getImpact() + ") " + r.getHelp() + " at "
                            + r.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * The size decision: 20,000 flagged children, synthetic (six patterns each, ids as the
     * generator writes them), in the rows file beside a copy of the landing page. Prints the
     * file's size and the time to open the page and to search it; docs/report.md quotes them.
     */
    @Test
    void twentyThousandChildrenOpenAndFilterInAFewSeconds() throws Exception {
        Path big = dir.resolve("big");
        Files.createDirectories(big);
        Files.copy(report.resolve("index.html"), big.resolve("index.html"));
        List<LandingRow> rows = new ArrayList<>();
        List<String> rules = Catalogue.standard().entries().stream().map(e -> e.id()).toList();
        for (int i = 0; i < 20_000; i++) {
            String caseId = String.format("C%06d", i / 2);
            rows.add(new LandingRow(caseId, caseId + "-C" + (1 + i % 2), List.of(rules.get(i % rules.size()),
                    rules.get((i + 3) % rules.size()), rules.get((i + 5) % rules.size()), rules.get((i + 7) % rules.size()),
                    rules.get((i + 9) % rules.size()), rules.get((i + 11) % rules.size())),
                    List.of("disguised-compliance", "thresholds"), List.of("health", "social_care", "education"), i % 3 == 0,
                    i % 3 == 0 ? rules.get(i % rules.size()) + "-" + caseId + "-E0001" : null,
                    LocalDate.of(2026, 10, 31).minusDays(i % 700), 6, i % 5 == 0 ? 6 : 0, 0, i % 7 == 0,
                    i % 5 == 0 ? List.of("TM-04") : List.of(), i % 5 == 0 ? LocalDate.of(2026, 10, 20) : null));
        }
        rows.sort(LandingRow.ORDER);
        String script = LandingPage.rowsScript(rows, Catalogue.standard().entries());
        Files.writeString(big.resolve(PageNames.LANDING_ROWS), script);
        long open = System.nanoTime();
        open(big.resolve("index.html"));
        String status = shown();
        double openSeconds = (System.nanoTime() - open) / 1e9;
        // The browser's own account: from the start of navigation to the end of the load event,
        // which is after the rows file is parsed and the first rows are drawn (the script runs before it).
        double loaded = ((Number) js("return performance.getEntriesByType('navigation')[0].loadEventEnd;")).doubleValue() / 1e3;
        assertEquals("Showing 200 of 20,000 children", status);
        browser.findElement(By.id("l-more")).sendKeys(Keys.ENTER);
        assertEquals("Showing 400 of 20,000 children", shown(), "Enter on the button shows the next 200");
        assertEquals(400, rows().size());
        long search = System.nanoTime();
        browser.findElement(By.id("l-search")).sendKeys("C00999");
        String narrowed = shown();
        double searchSeconds = (System.nanoTime() - search) / 1e9;
        assertTrue(narrowed.contains("20,000 flagged in all"), narrowed);
        System.out.printf("landing page at 20,000 children: rows file %,d bytes; opened and rendered in %.2f s "
                + "(navigation to load end %.2f s); a 6-character search in %.2f s%n",
                Files.size(big.resolve(PageNames.LANDING_ROWS)), openSeconds, loaded, searchSeconds);
        assertTrue(openSeconds < 10, openSeconds + " s to open");
    }
}
