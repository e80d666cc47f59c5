package org.chronolens.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.config.ConfigException;
import org.chronolens.detect.Event;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.util.Stages;
import org.chronolens.run.ValidateJob;
import org.chronolens.check.PiiPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(SparkExtension.class)
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ReportTest {

    private static final String PAYLOAD = "<script>alert(\"x\")</script> & 'q' </textarea> javascript:alert(1)";

    @TempDir
    Path dir;

    /**
     * A small scan whose input file name and prompts carry markup, with a row whose case id starts
     * with '-' (quarantined: ids start with a letter or digit) and a formula for an outcome.
     */
    /** Lives as long as the class: the hostile run is shared by its tests. */
    @TempDir
    static Path classDir;

    private Path hostile;

    /** The hostile scan, made once for the tests that only read it. */
    private Path hostileRun(SparkSession spark) {
        if (hostile == null) {
            hostile = scanWithHostileText(spark, classDir);
        }
        return hostile;
    }

    private Path scanWithHostileText(SparkSession spark, Path dir) {
        Path in = TestFiles.csv(dir, "in/<img src=x onerror=alert(1)>.csv", HEADER,
                "F1,C1,E1,2026-01-01,health,appointment,was_not_brought,,,,",
                "F1,C1,E2,2026-01-10,health,appointment,did_not_attend,,,,Mum said the bus was late",
                "F1,C1,E3,2026-01-20,health,appointment,was_not_brought,,,,",
                "F1,C2,E4,2026-01-20,health,appointment,attended,,,,",
                "F1,,E5,2026-02-01,social_care,strategy_meeting,,,,social_care,",
                "-F2,C9,E6,2026-02-01,health,appointment,attended,,,,",
                "F1,C1,E7,2026-02-01,health,appointment,=cmd|' /C calc'!A0,,,,",
                // Closed, re-referred for C1, closed, re-referred for C2: the family's flag spans both.
                "F3,C1,G1,2026-01-01,social_care,referral,,,,,",
                "F3,,G2,2026-02-01,social_care,case_closed,,,,,",
                "F3,C1,G3,2026-03-01,social_care,referral,,,,,",
                "F3,,G4,2026-04-01,social_care,case_closed,,,,,",
                "F3,C2,G5,2026-05-01,social_care,referral,,,,,");
        Path out = dir.resolve("run");
        ScanJob.Result r = new ScanJob(spark, Stages.NONE).run(ScanRequest.of(new ValidateJob.Options(List.of(in.toString()),
                LocalDate.of(2026, 10, 31), out.toString(), true, ColumnMapping.identity(), PiiPolicy.REDACT, 0.5),
                Catalogue.standard().defaults()));
        assertEquals(ValidateJob.Verdict.OK, r.validation().verdict());
        Path prompts = TestFiles.csv(dir, "prompts.yaml", promptsFile(PAYLOAD.replace("\"", "\\\"")));
        new ReportJob(spark, Catalogue.standard().entries()).render(out.toString(), Prompts.load(prompts), java.util.Optional.empty());
        return out;
    }

    private static String[] promptsFile(String text) {
        List<String> lines = new java.util.ArrayList<>(List.of("themes:"));
        for (String s : Prompts.SECTIONS) {
            lines.addAll(List.of("  " + s + ":", "    title: \"Title " + text + "\"", "    prompts:", "      - \"" + text + "\""));
        }
        return lines.toArray(String[]::new);
    }

    @Test
    void everyPageTypeRendersAndHostileTextStaysInert(SparkSession spark) throws Exception {
        Path run = hostileRun(spark);
        Path report = run.resolve("report");
        String overview = TestFiles.read(report.resolve("index.html"));
        String details = TestFiles.read(report.resolve("run-details.html"));
        String rule = TestFiles.read(report.resolve("rules/missed-appointments-1.html"));
        String subject = TestFiles.read(report.resolve("subjects/F1/C1.html"));

        assertTrue(details.contains("<a href=\"rules/missed-appointments-1.html\">missed-appointments</a>"), details);
        assertTrue(overview.contains("never a risk score of a family"));
        assertTrue(overview.contains("<a href=\"run-details.html\">Run details</a>"), "the landing page leads to the run details");
        assertTrue(rule.contains("../subjects/F1/C1.html#missed-appointments-E1"), rule);
        assertTrue(subject.contains("3 of 4 appointments in 20 days were missed") || subject.contains("3 of 3 appointments"), subject);
        assertTrue(subject.contains("class=\"ev miss evidence\""), "evidence events are marked on the timeline");
        assertTrue(subject.contains("<a href=\"C2.html\">C2</a>"), "a flagged sibling is linked: " + subject);

        assertTrue(details.contains("&lt;img src") && details.contains("alert(1)&gt;.csv"), "file names are escaped");
        assertTrue(subject.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;/textarea&gt;"), subject);
        try (Stream<Path> files = Files.walk(report)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String html = Files.readString(f);
                assertFalse(html.contains("<script>alert"), f + " runs injected script");
                assertFalse(html.contains("<img src=x"), f + " holds injected markup");
                assertFalse(html.contains("</textarea>"), f.toString());
                assertFalse(html.contains("href=\"javascript:"), f.toString());
                assertFalse(html.contains("http:") || html.contains("https:"), f + " refers to a network resource");
            }
        }
    }

    @Test
    void aChildsPageWritesOutEachFlagsEvidenceWithItsNotesAndTheWholeChronology(SparkSession spark) {
        String page = TestFiles.read(hostileRun(spark).resolve("report/subjects/F1/C1.html"));
        String missed = section(page, "id=\"missed-appointments-E1\"");
        assertEquals(List.of("E1", "E2", "E3"), rowIds(missed, "<a href=\"#ev-"), "the evidence, in chronology order");
        assertTrue(missed.contains("<td class=\"note\">Mum said the bus was late</td>"), missed);
        String meeting = section(page, "id=\"strategy-meeting-attendance-E5\"");
        assertTrue(meeting.contains("<td>whole family</td>"), "a family-level event says so: " + meeting);

        String table = page.substring(page.indexOf("<table class=\"events\" id=\"chronology-table\">"));
        assertEquals(List.of("E1", "E2", "E3", "E5"), rowIds(table, "<tr id=\"ev-"),
                "the child's own events and the family's, not a sibling's (E4) nor a quarantined row (E7)");
        assertTrue(table.contains("<option value=\"social_care\">social care</option>")
                || page.contains("<option value=\"social_care\">social care</option>"), "the agency filter offers each agency");
        assertTrue(page.contains("<a href=\"#ev-E2\" tabindex=\"-1\" class=\"ev miss evidence\""),
                "a timeline marker links to its row, outside the tab order");
    }

    @Test
    void aChildsPageShowsEachThemesPromptsOnceNamingTheFlagsThatRaiseThem(SparkSession spark) {
        String page = TestFiles.read(hostileRun(spark).resolve("report/subjects/F1/C1.html"));
        for (String theme : List.of("disguised-compliance", "strategy-meetings")) {
            int at = page.indexOf("<section id=\"prompts-" + theme + "\"");
            assertTrue(at > 0, theme);
            assertEquals(-1, page.indexOf("<section id=\"prompts-" + theme + "\"", at + 1), theme + " once");
        }
        String raised = section(page, "<section id=\"prompts-disguised-compliance\"");
        assertTrue(raised.contains("<a href=\"#missed-appointments-E1\">Appointments missed"), "flags by their titles: " + raised);
        assertTrue(raised.contains("<a href=\"#consecutive-missed-appointments-"), raised);
        String flag = section(page, "id=\"missed-appointments-E1\"");
        assertTrue(flag.contains("3 of"), "the flag keeps its explanation sentence");
        assertTrue(flag.contains("<a href=\"#prompts-disguised-compliance\">"), "and points to its prompts");
        assertFalse(flag.contains("<ul>"), "but does not repeat them");
        assertTrue(flag.contains(">Appointments missed</h3>"), "headed by its title: " + flag);
        assertTrue(flag.contains("rule id: <code>missed-appointments</code>"), "its id on a line for analysts");
        assertTrue(flag.contains("How far past the threshold: "), flag);
        assertFalse(flag.contains("(high)") || flag.contains("(medium)") || flag.contains("(low)") || flag.contains("sev-"),
                "no severity ranking: " + flag);
        assertTrue(flag.contains("Review trail: not yet reviewed."), "a run without acknowledgements: " + flag);
    }

    private static String section(String page, String start) {
        int from = page.indexOf(start);
        assertTrue(from >= 0, start + " in " + page);
        return page.substring(from, page.indexOf("</section>", from));
    }

    private static List<String> rowIds(String html, String marker) {
        List<String> ids = new java.util.ArrayList<>();
        for (int at = html.indexOf(marker); at >= 0 && at < html.indexOf("</table>"); at = html.indexOf(marker, at + 1)) {
            int start = at + marker.length();
            ids.add(html.substring(start, html.indexOf('"', start)));
        }
        return ids;
    }

    /** Was a defect: counts on the pages were formatted in the machine's locale. */
    @Test
    void pagesDoNotDependOnTheMachinesLocale(SparkSession spark) throws Exception {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
            Path run = scanWithHostileText(spark, dir);
            String overview = TestFiles.read(run.resolve("report/run-details.html"));
            assertFalse(overview.matches("(?s).*[\u0660-\u0669].*"), "no Arabic-Indic digits");
            assertTrue(overview.contains(">3<") || overview.contains(">3 "), "counts in ASCII digits");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void exportsAreSafeForSpreadsheetsAndJsonHasEveryFlag(SparkSession spark) throws Exception {
        Path run = hostileRun(spark);
        List<String> quarantine = Files.readAllLines(run.resolve("quarantine.csv"));
        assertTrue(quarantine.stream().anyMatch(l -> l.contains(",'-F2,C9,E6,")), "a cell starting with - is neutralised: "
                + quarantine);
        assertTrue(quarantine.stream().anyMatch(l -> l.contains(",'=cmd|")), "and one starting with =: " + quarantine);
        List<String> csv = Files.readAllLines(run.resolve("flags.csv"));
        List<String> json = Files.readAllLines(run.resolve("flags.json"));
        assertEquals(csv.size() - 1, json.size());
        assertTrue(json.get(0).startsWith("{\"flag_key\":"), json.get(0));
        assertTrue(json.stream().anyMatch(l -> l.contains("\"case_id\":\"F1\"")), "JSON keeps the value as it is");
    }

    @Test
    void aMalformedPromptsFileIsAClearErrorWithItsLine() {
        Path broken = TestFiles.csv(dir, "p.yaml", "themes:", "  escalation:", "    titel: Escalation");
        ConfigException e = assertThrows(ConfigException.class, () -> Prompts.load(broken));
        assertTrue(e.getMessage().contains("p.yaml line 3 (themes.escalation): unknown key 'titel'"), e.getMessage());
    }

    /** A partnership's file that predates a section (a rule added since) keeps loading; the section keeps the built-in prompts. */
    @Test
    void aPartialPromptsFileKeepsTheBuiltInPromptsOfWhatItLeavesOut() {
        Path partial = TestFiles.csv(dir, "q.yaml", "themes:", "  escalation:", "    title: E", "    prompts: [Why?]");
        Prompts p = Prompts.load(partial).forRules(Catalogue.standard().entries());
        assertEquals(List.of("Why?"), p.forFlag("action-drift-without-escalation", "escalation").get(0).prompts());
        assertEquals(Prompts.defaults().section("disguised-compliance").prompts(),
                p.forFlag("child-not-seen", "disguised compliance and non-engagement").get(0).prompts());
        assertTrue(Prompts.load(partial).builtInSections().contains("disguised-compliance"));
        assertFalse(Prompts.load(partial).builtInSections().contains("escalation"));
    }

    @Test
    void aReplacementPromptsFileIsUsedForEachTheme() {
        Prompts p = Prompts.load(TestFiles.csv(dir, "mine.yaml", promptsFile("Our own question?")))
                .forRules(Catalogue.standard().entries());
        assertEquals(List.of("Our own question?"), p.forFlag("child-not-seen", "disguised compliance and non-engagement")
                .get(0).prompts());
        assertEquals(Set.of("disguised-compliance", "resistance-and-hostility"),
                Set.copyOf(p.forFlag("hostility-or-resistance", "disguised compliance and non-engagement").stream()
                        .map(Prompts.Section::key).toList()));
    }

    @Test
    void chartsAndTimelinesEscapeWhateverTheyAreGiven() {
        String bars = Svg.bars("t", List.of(new Svg.Bar(PAYLOAD, 3)));
        assertFalse(bars.contains("<script>"));
        Event e = new Event("F", "C", "\"><script>x</script>", LocalDate.of(2026, 1, 1), null, "health", "appointment",
                "attended", null, null, List.of());
        String svg = Timeline.svg(List.of(e), List.of(), Set.of()).toString();
        assertFalse(svg.contains("<script>"), svg);
        assertTrue(svg.contains("&quot;&gt;&lt;script&gt;"), svg);
    }

    @Test
    void aFamilyFlagWhoseEvidenceSpansTwoChildrenIsOnBothChildrensPagesAndRows(SparkSession spark) {
        Path report = hostileRun(spark).resolve("report");
        for (String child : List.of("C1", "C2")) {
            String page = TestFiles.read(report.resolve("subjects/F3/" + child + ".html"));
            assertTrue(page.contains("id=\"repeat-closure-and-re-referral-"), child + " has the family's flag");
            String other = child.equals("C1") ? "G5" : "G3";
            assertTrue(page.contains("Evidence not in this child's chronology: " + other + "."), child + ": " + page);
        }
        String rows = TestFiles.read(report.resolve(PageNames.LANDING_ROWS));
        assertTrue(rows.contains("[\"F3\",\"C1\",") && rows.contains("[\"F3\",\"C2\","), "a row for each child: " + rows);
        String subjects = TestFiles.read(hostileRun(spark).resolve("subjects.csv"));
        assertTrue(subjects.lines().anyMatch(l -> l.startsWith("F3,C2,") && l.endsWith(",1,repeat-closure-and-re-referral")),
                "the flag counts for the child it names through its evidence: " + subjects);
    }

    @Test
    void flagsPerEvidenceAgencyAreJoinedBySortingNeverThroughTheDriver(SparkSession spark) {
        Path run = hostileRun(spark);
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> flags = spark.read().parquet(run.resolve("flags").toString());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> events = spark.read().parquet(run.resolve("events").toString());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> counts = FlagEvidence.byAgency(FlagEvidence.of(flags, events));
        List<org.apache.spark.sql.Row> rows = counts.collectAsList();
        String plan = counts.queryExecution().executedPlan().toString();
        // The tiny test tables are far below Spark's broadcast threshold: only the hint keeps the sort.
        assertFalse(plan.contains("BroadcastHashJoin"), plan);
        assertTrue(plan.contains("SortMergeJoin"), plan);
        // The same counts worked out by hand from the tiny tables: a flag counts once per agency of its evidence.
        java.util.Map<String, String> agencyOf = new java.util.HashMap<>();
        events.collectAsList().forEach(e -> agencyOf.put(e.getAs("case_id") + "/" + e.getAs("event_id"), e.getAs("agency")));
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        for (org.apache.spark.sql.Row f : flags.collectAsList()) {
            Set<String> agencies = new java.util.TreeSet<>();
            for (String id : f.<String>getAs("evidence_event_ids").split(";")) {
                agencies.add(agencyOf.get(f.getAs("case_id") + "/" + id));
            }
            agencies.forEach(a -> expected.merge(a, 1L, Long::sum));
        }
        java.util.Map<String, Long> actual = new java.util.TreeMap<>();
        rows.forEach(r -> actual.put(r.getString(0), r.getLong(1)));
        assertEquals(expected, actual);
        assertTrue(expected.size() > 1, "the run has evidence from more than one agency: " + expected);
    }
}
