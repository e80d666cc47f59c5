package org.chronolens.serve;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.chronolens.report.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A reviewer and an auditor at work in a real browser, through serve: the reviewer acknowledges a
 * flag on the child's page and sees it in the trail, and the next scheduled run applies it; the
 * auditor records three verdicts on the pack's page and audit-summary counts them. The pages run
 * under the server's Content-Security-Policy without a single refusal, and the same page opened
 * from disk has no form. Skipped where Chromium is not installed.
 */
@Tag("slow")
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewInBrowserTest {

    /** The server's today, and the as-of date of the next scheduled run. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 7);
    private static final String FLAG = "missed-appointments|F1|C1";

    @TempDir
    static Path dir;

    private ChromeDriver browser;
    private ReviewServer server;
    private Path root;
    private Path job;
    private Path acks;
    private Path packs;
    private final StringWriter accessLog = new StringWriter();

    @BeforeAll
    void start(SparkSession spark) throws Exception {
        browser = Chromium.start(dir.resolve("profile"));
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int f = 1; f <= 3; f++) {
            rows.add("F" + f + ",C" + f + ",E" + f + "1,2026-01-01,health,appointment,was_not_brought,,,,");
            rows.add("F" + f + ",C" + f + ",E" + f + "2,2026-01-10,health,appointment,did_not_attend,,,,");
            rows.add("F" + f + ",C" + f + ",E" + f + "3,2026-01-20,health,appointment,was_not_brought,,,,");
        }
        Path in = TestFiles.csv(dir, "in/health.csv", rows.toArray(String[]::new)).getParent();
        root = dir.resolve("weekly");
        acks = dir.resolve("acknowledgements.csv");
        job = TestFiles.csv(dir, "job.yaml", "command: scan", "inputs: [" + in + "]", "output_root: " + root,
                "as_of: 2026-10-31", "acknowledgements: " + acks);
        Cli.Outcome first = Cli.run("job", job.toString());
        assertEquals(ExitCode.OK.code(), first.code(), first.all());
        packs = dir.resolve("audit");
        Cli.Outcome sample = Cli.run("sample", "--run", root.resolve("runs/as_of=2026-10-31").toString(), "--seed", "2026",
                "--size", "3", "--out", packs.resolve("2026-11").toString());
        assertEquals(ExitCode.OK.code(), sample.code(), sample.all());
        server = new ReviewServer(new ServeSettings(root, packs, InetAddress.getLoopbackAddress(), 0, null, acks.toString(),
                ServeSettings.MAX_BODY_BYTES, new PrintWriter(accessLog), () -> TODAY));
        server.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (browser != null) {
            browser.quit();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private Path childPage() throws Exception {
        try (Stream<Path> pages = Files.walk(root.resolve("runs/as_of=2026-10-31/report/subjects"))) {
            return pages.filter(p -> p.getFileName().toString().equals("C1.html")).findFirst().orElseThrow();
        }
    }

    /** Opens the printed address, then gives the pseudonym once for the session. */
    private void signIn(String page, String pseudonym) {
        browser.get(server.url());
        // A new session for each person at this browser: one session gives one pseudonym.
        browser.manage().deleteAllCookies();
        browser.get(server.url());
        assertTrue(browser.getPageSource().contains("chronolens: reports and audit packs"), "the printed address opens the list");
        assertFalse(browser.getCurrentUrl().contains("token="), "the token leaves the address bar: " + browser.getCurrentUrl());
        problems();
        browser.get(base() + page);
        if (!browser.findElements(By.id("served-name")).isEmpty()) {
            browser.findElement(By.id("served-name")).sendKeys(pseudonym);
            browser.findElement(By.cssSelector("form.served-name button")).click();
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".served-signed"), pseudonym));
        }
    }

    /** What the browser refused or failed on: a policy that blocked the report's own scripts shows here. */
    private List<String> problems() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER).getAll()) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue() || e.getMessage().contains("Content Security Policy")) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    @Test
    void aReviewerAcknowledgesOnTheChildsPageSeesItInTheTrailAndTheNextRunAppliesIt() throws Exception {
        Path page = childPage();
        browser.get(page.toUri().toString());
        assertTrue(browser.findElements(By.cssSelector("form")).isEmpty(), "from disk the page has no forms");
        problems();

        String url = "/runs/" + root.relativize(page);
        signIn(url, "rev-07");
        WebElement form = browser.findElement(By.cssSelector("form.served-ack[data-flag='" + FLAG + "']"));
        new Select(form.findElement(By.tagName("select"))).selectByVisibleText("discussed in supervision");
        form.findElement(By.tagName("textarea")).sendKeys("Talked through the missed appointments in supervision");
        form.findElement(By.tagName("button")).click();
        By newRow = By.cssSelector("section.flag table.review-trail tr.served-new");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(newRow, "Talked through the missed appointments"));
        String row = browser.findElement(newRow).getText();
        assertTrue(row.contains("2026-11-07") && row.contains("rev-07") && row.contains("discussed in supervision"), row);

        browser.navigate().refresh();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(newRow, "Talked through the missed appointments"));
        assertTrue(browser.findElement(newRow).getText().contains("the next run applies it"), "after a reload, the trail still shows it");
        assertEquals(List.of(), problems(), "the served page runs under its policy without a refusal");
        assertFalse(accessLog.toString().contains("Talked through"), "the access log keeps no note");

        Cli.Outcome next = Cli.run("job", job.toString(), "--as-of", TODAY.toString());
        assertEquals(ExitCode.OK.code(), next.code(), next.all());
        List<CSVRecord> trail = csv(root.resolve("runs/as_of=" + TODAY + "/acknowledgements.csv"));
        assertEquals(1, trail.size());
        assertEquals(FLAG, trail.get(0).get("flag_key"));
        assertEquals("discussed-in-supervision", trail.get(0).get("outcome"));
        assertEquals("acknowledged", trail.get(0).get("status"), "the next scheduled run applies it");
    }

    @Test
    void anAuditorRecordsThreeVerdictsOnThePacksPageAndAuditSummaryCountsThem() throws Exception {
        signIn("/audit/2026-11/index.html", "aud-a");
        List<WebElement> forms = browser.findElements(By.cssSelector("form.served-verdict"));
        assertTrue(forms.size() >= 3, "a verdict form for each sampled flag: " + forms.size());
        String[] verdicts = {"agree", "disagree", "unclear"};
        for (int i = 0; i < 3; i++) {
            WebElement form = forms.get(i);
            new Select(form.findElement(By.tagName("select"))).selectByValue(verdicts[i]);
            form.findElement(By.tagName("input")).sendKeys("Checked against the record " + i);
            form.findElement(By.tagName("button")).click();
            waiting().until(ExpectedConditions.textToBePresentInElement(form.findElement(By.cssSelector(".served-msg")),
                    "Recorded (" + verdicts[i] + ") in checklist.csv"));
        }
        assertEquals(List.of(), problems(), "the pack's page runs under its policy without a refusal");

        Path checklist = packs.resolve("2026-11/checklist.csv");
        assertEquals(3, csv(checklist).stream().filter(r -> r.get("auditor").equals("aud-a")).count());
        Cli.Outcome summary = Cli.run("audit-summary", "--checklist", checklist.toString(), "--out",
                dir.resolve("summary").toString());
        assertEquals(ExitCode.OK.code(), summary.code(), summary.all());
        List<CSVRecord> rules = csv(dir.resolve("summary/audit-summary.csv"));
        assertEquals(3, rules.stream().mapToInt(r -> Integer.parseInt(r.get("audited"))).sum(), summary.out());
        assertEquals(1, rules.stream().mapToInt(r -> Integer.parseInt(r.get("agree"))).sum());
        assertEquals(1, rules.stream().mapToInt(r -> Integer.parseInt(r.get("disagree"))).sum());
        assertEquals(1, rules.stream().mapToInt(r -> Integer.parseInt(r.get("unclear"))).sum());
    }

    @Test
    void everyPageOfTheReportAndThePackRunsUnderThePolicyWithoutARefusal() throws Exception {
        signIn("/", "rev-09");
        List<Path> pages = new ArrayList<>();
        for (Path folder : List.of(root.resolve("runs/as_of=2026-10-31/report"), packs.resolve("2026-11"))) {
            try (Stream<Path> all = Files.walk(folder)) {
                all.filter(p -> p.toString().endsWith(".html")).sorted().forEach(pages::add);
            }
        }
        assertTrue(pages.size() > 5, "the landing page, run details, rule pages, children's pages, the pack: " + pages);
        problems();
        for (Path page : pages) {
            String url = page.startsWith(packs) ? "/audit/" + packs.relativize(page) : "/runs/" + root.relativize(page);
            browser.get(base() + url);
            assertEquals(Boolean.TRUE, browser.executeScript("return !!document.querySelector('script[src=\"/-/review.js\"]')"), url);
            assertEquals(List.of(), problems(), url + " runs its own scripts under the policy");
        }
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (var in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
