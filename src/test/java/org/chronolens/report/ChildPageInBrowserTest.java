package org.chronolens.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.rules.Catalogue;
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
 * The sample's children's pages in a real browser, read as a team manager reads them: flags by
 * their plain titles, newest evidence first, with no ranking; and engagement around conferences
 * and reviews with its working, whose two shares can be checked against the threshold from the
 * rows on the page alone. Skipped where Chromium is not installed.
 */
@Tag("slow")
@ExtendWith({SparkExtension.class, SampleRun.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChildPageInBrowserTest {

    @TempDir
    static Path dir;

    private ChromeDriver browser;
    private Path report;

    @BeforeAll
    void open(SampleRun.Run sample) {
        browser = Chromium.start(dir.resolve("profile"));
        report = sample.folder().resolve("report");
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private List<Path> childPages() throws Exception {
        try (Stream<Path> pages = Files.walk(report.resolve("subjects"))) {
            return pages.filter(p -> p.toString().endsWith(".html") && !p.getFileName().toString().contains("-part-"))
                    .sorted().toList();
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void flagsAreHeadedByTheirTitlesNewestEvidenceFirstWithoutARanking() throws Exception {
        List<String> titles = Catalogue.standard().entries().stream().map(RuleEntry::title).toList();
        int pages = 0;
        for (Path page : childPages()) {
            browser.get(page.toUri().toString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> flags = (List<Map<String, Object>>) js("""
                    return Array.prototype.map.call(document.querySelectorAll('section.flag'), function (f) {
                      var dates = Array.prototype.map.call(f.querySelectorAll('table.evidence tbody td.date'),
                          function (td) { return td.textContent; }).sort();
                      return { title: f.querySelector('h3').textContent, past: f.querySelector('.past').textContent,
                               latest: dates.length ? dates[dates.length - 1] : '' };
                    });""");
            String previous = "9999-12-31";
            for (Map<String, Object> f : flags) {
                assertTrue(titles.contains((String) f.get("title")), page.getFileName() + ": " + f.get("title"));
                assertTrue(List.of("How far past the threshold: at the threshold", "How far past the threshold: above it",
                        "How far past the threshold: well past it").contains((String) f.get("past")), (String) f.get("past"));
                String latest = (String) f.get("latest");
                if (!latest.isEmpty()) {
                    assertTrue(latest.compareTo(previous) <= 0, page.getFileName() + ": " + f.get("title") + " ("
                            + latest + ") after a flag whose latest evidence is " + previous);
                    previous = latest;
                }
            }
            String text = (String) js("return document.querySelector('#flags').parentNode.innerText;");
            assertFalse(text.contains("(high)") || text.contains("(medium)"), page.getFileName() + " ranks");
            pages++;
        }
        assertTrue(pages > 100, pages + " pages");
    }

    @Test
    void engagementAroundScrutinyShowsTwoSharesAReaderCanCheckFromTheRows() throws Exception {
        Pattern caption = Pattern.compile("(\\d+) events, (\\d+) went ahead — a share of (\\d+) %; the rule looks for "
                + "at (least|most) (\\d+) % of at least (\\d+) events \\((met|not met)\\)");
        List<String> checked = new ArrayList<>();
        for (Path page : childPages()) {
            if (!Files.readString(page).contains("data-group=\"pre\"")) {
                continue;
            }
            browser.get(page.toUri().toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> w = (Map<String, Object>) js("""
                    var f = document.querySelector('section.flag[id^="compliance-around-scrutiny-"]');
                    var group = function (g) {
                      var t = f.querySelector('table[data-group="' + g + '"]');
                      return { caption: t.caption.textContent, rows: t.tBodies[0].rows.length,
                               ahead: t.querySelectorAll('tbody td.out-ok').length };
                    };
                    return { scrutiny: group('scrutiny'), pre: group('pre'), baseline: group('baseline'),
                             lines: document.querySelectorAll('svg.timeline line.scrutiny').length };""");
            @SuppressWarnings("unchecked")
            Map<String, Object> scrutiny = (Map<String, Object>) w.get("scrutiny");
            assertTrue(((Number) scrutiny.get("rows")).intValue() > 0, page + ": scrutiny listed");
            assertEquals(((Number) scrutiny.get("rows")).longValue(), ((Number) w.get("lines")).longValue(),
                    page + ": a dashed line on the timeline per conference or review");
            for (String g : List.of("pre", "baseline")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> group = (Map<String, Object>) w.get(g);
                Matcher m = caption.matcher((String) group.get("caption"));
                assertTrue(m.find(), page + " " + g + ": " + group.get("caption"));
                int n = Integer.parseInt(m.group(1));
                int ahead = Integer.parseInt(m.group(2));
                assertEquals(n, ((Number) group.get("rows")).intValue(), page + " " + g + ": every event listed");
                assertEquals(ahead, ((Number) group.get("ahead")).intValue(), page + " " + g + ": went ahead, as the rows show");
                assertEquals(Math.round(100.0 * ahead / n), Integer.parseInt(m.group(3)), page + " " + g + ": the share");
                boolean atLeast = m.group(4).equals("least");
                int share = Integer.parseInt(m.group(3));
                boolean met = n >= Integer.parseInt(m.group(6))
                        && (atLeast ? 100.0 * ahead / n >= Integer.parseInt(m.group(5)) : 100.0 * ahead / n <= Integer.parseInt(m.group(5)));
                assertEquals("met", m.group(7), page + " " + g + ": a flagged child meets both sides (" + share + " %)");
                assertTrue(met, page + " " + g);
            }
            checked.add(page.getFileName().toString());
        }
        assertTrue(checked.size() >= 10, "the sample's compliance-around-scrutiny flags: " + checked);
    }
}
