package org.chronolens.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.check.PiiPolicy;
import org.chronolens.detect.Event;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ValidateJob;
import org.chronolens.util.Columns;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.apache.spark.sql.functions.*;
import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * One giant case: a child whose chronology has 100,000 events (a page of 48 MB before), and one
 * whose notes are as long and as full of characters to escape as ingest lets them be. Every page
 * stays under 5 MB and the chronology's parts list every event once, in order.
 */
@ExtendWith(SparkExtension.class)
class LongChronologyTest {

    private static final long FIVE_MB = 5L << 20;
    private static final Pattern ROW = Pattern.compile("<tr id=\"ev-([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void aChildWithAHundredThousandEventsGetsPagesUnderFiveMegabytesThatListEveryEventOnce(SparkSession spark)
            throws Exception {
        int n = 100_000;
        Path run = smallScan(spark);
        Dataset<Row> one = spark.read().parquet(run.resolve("events").toString()).where(col(Columns.EVENT_ID).equalTo("E1"));
        // Every third event a missed appointment, the rest attended, from four agencies over ten years.
        Dataset<Row> events = one.crossJoin(spark.range(n).withColumnRenamed("id", "n"))
                .withColumn(Columns.EVENT_ID, concat(lit("E"), format_string("%06d", col("n"))))
                .withColumn(Columns.EVENT_DATE, date_add(lit(LocalDate.of(2016, 1, 1)), col("n").divide(27).cast("int")))
                .withColumn("agency", element_at(array(lit("health"), lit("education"), lit("social_care"), lit("police")),
                        col("n").mod(4).plus(1).cast("int")))
                .withColumn("outcome", when(col("n").mod(3).equalTo(0), lit("was_not_brought")).otherwise(lit("attended")))
                .withColumn("notes", concat(lit("Seen at the clinic & the carer said \"fine\", note "), col("n")))
                .drop("n");
        List<String> missed = LongStream.range(0, n).filter(i -> i % 3 == 0).mapToObj(i -> String.format("E%06d", i)).toList();
        Dataset<Row> flags = spark.read().parquet(run.resolve("flags").toString())
                .where(col(Columns.RULE_ID).equalTo("missed-appointments"))
                .withColumn(Columns.EVIDENCE_EVENT_IDS, lit(String.join(";", missed)));
        Dataset<Row> subjects = spark.read().parquet(run.resolve("subjects").toString());
        Path root = dir.resolve("report");

        long pages = ReportJob.subjectPages(flags, subjects, events, subjects.select(Columns.CASE_ID).distinct(),
                root.toString(), Prompts.defaults().forRules(Catalogue.standard().entries()), LocalDate.of(2026, 10, 31));

        assertEquals(1, pages, "one child's page");
        Path folder = root.resolve("subjects/F1");
        String page = TestFiles.read(folder.resolve("C1.html"));
        List<Path> parts = partsInOrder(page, folder);
        assertEverySmallEnough(root);
        assertEquals(rowIds(n, "E%06d"), listedIn(parts), "the parts list every event once, in the chronology's order");
        assertFalse(page.contains("<tr id=\"ev-"), "the child's page holds no chronology rows of its own");
        assertTrue(page.contains("class=\"count\""), "the timeline counts the events");

        String flag = page.substring(page.indexOf("id=\"missed-appointments-E000000\""));
        flag = flag.substring(0, flag.indexOf("</section>"));
        Matcher evidence = Pattern.compile("<td><a href=\"([^\"#]+)#ev-([^\"]+)\">").matcher(flag);
        List<String> listed = new ArrayList<>();
        while (evidence.find()) {
            assertTrue(TestFiles.read(folder.resolve(evidence.group(1))).contains("<tr id=\"ev-" + evidence.group(2) + "\""),
                    "an evidence link leads to its row's part");
            listed.add(evidence.group(2));
        }
        assertEquals(missed.subList(0, PageBudget.EVIDENCE_ROWS), listed, "the first of the flag's evidence, in order");
        assertTrue(flag.contains("The other " + (missed.size() - PageBudget.EVIDENCE_ROWS) + " evidence events"), flag);
    }

    @Test
    void notesAsLongAndAsFullOfEscapesAsIngestAllowsStillMakePagesUnderFiveMegabytes() throws Exception {
        // 4,000 characters that the page writes as six each (as Mustache did): 24 KB a row, 72 MB on one page.
        String note = "\"&".repeat(2_000);
        List<ChildPage.Entry> chronology = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            chronology.add(new ChildPage.Entry(new Event("F1", "C1", String.format("E%04d", i), LocalDate.of(2020, 1, 1)
                    .plusDays(i), null, "health", "appointment", "attended", null, null, List.of()), note));
        }
        ChildPage.Pages pages = ChildPage.pages(chronology, List.of(), Prompts.defaults(), "C1");
        Path folder = dir.resolve("subjects/F1");
        Files.createDirectories(folder);
        Map<String, Object> page = new LinkedHashMap<>(pages.page());
        page.put("timeline", Markup.drawn(new StringBuilder()));
        page.put("d", Map.of());
        Files.writeString(folder.resolve("C1.html"), ChildPageHtml.page(new Html(), page).toString());
        for (Map<String, Object> part : pages.parts()) {
            Files.writeString(folder.resolve((String) part.get("href")), ChildPageHtml.part(new Html(), part).toString());
        }

        assertEverySmallEnough(dir);
        assertEquals(rowIds(3_000, "E%04d"),
                listedIn(partsInOrder(TestFiles.read(folder.resolve("C1.html")), folder)));
    }

    @Test
    void aChronologyThatFitsStaysOnTheChildsPage() {
        assertTrue(ChildPage.pages(entries(PageBudget.PART_ROWS), List.of(), Prompts.defaults(), "C1").parts().isEmpty(),
                "no parts of its own");
        assertEquals(2, ChildPage.pages(entries(PageBudget.PART_ROWS + 1), List.of(), Prompts.defaults(), "C1").parts()
                .size(), "one row more and it is split");
    }

    private static List<ChildPage.Entry> entries(int n) {
        List<ChildPage.Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ChildPage.Entry(new Event("F1", "C1", "E" + i, LocalDate.of(2020, 1, 1), null, "health",
                    "appointment", "attended", null, null, List.of()), "seen"));
        }
        return out;
    }

    /** A scan of one child with three missed appointments: the run's tables, as a giant case's would be. */
    private Path smallScan(SparkSession spark) {
        Path in = TestFiles.csv(dir, "in/health.csv", HEADER,
                "F1,C1,E1,2026-01-01,health,appointment,was_not_brought,,,,",
                "F1,C1,E2,2026-01-10,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-01-20,health,appointment,was_not_brought,,,,");
        Path out = dir.resolve("run");
        new ScanJob(spark, Stages.NONE).run(ScanRequest.of(new ValidateJob.Options(List.of(in.toString()),
                LocalDate.of(2026, 10, 31), out.toString(), true, ColumnMapping.identity(), PiiPolicy.REDACT, 0.5),
                Catalogue.standard().defaults()));
        return out;
    }

    /** The parts the child's page links to, in its list's order, each a page beside it. */
    private static List<Path> partsInOrder(String page, Path folder) {
        String list = page.substring(page.indexOf("<ol class=\"parts\">"), page.indexOf("</ol>"));
        List<Path> parts = new ArrayList<>();
        Matcher m = Pattern.compile("<li><a href=\"([^\"]+)\">Part (\\d+)</a>").matcher(list);
        while (m.find()) {
            assertEquals(parts.size() + 1, Integer.parseInt(m.group(2)));
            parts.add(folder.resolve(m.group(1)));
        }
        assertTrue(parts.size() > 1, "the chronology is split: " + list);
        return parts;
    }

    private static List<String> listedIn(List<Path> parts) {
        List<String> ids = new ArrayList<>();
        for (Path p : parts) {
            Matcher m = ROW.matcher(TestFiles.read(p));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static List<String> rowIds(int n, String format) {
        return LongStream.range(0, n).mapToObj(i -> String.format(format, i)).toList();
    }

    private static void assertEverySmallEnough(Path root) throws Exception {
        Set<String> names = new HashSet<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                assertTrue(Files.size(p) < FIVE_MB, p + " is " + Files.size(p) + " bytes");
                assertTrue(names.add(p.toString().toLowerCase(java.util.Locale.ROOT)), p + " twice with case ignored");
            }
        }
        assertTrue(names.size() > 2, names.stream().collect(Collectors.joining(", ")));
    }
}
