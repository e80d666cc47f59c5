package org.chronolens.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.chronolens.check.IdentifierCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every identifier shape of the corpus, put where identifiers slip through (notes, the outcome of
 * an `other` event, ids, a quarantined row, a malformed row, the file name), appears in no output
 * file, no Parquet value, no page, no file name and no line the commands print.
 */
@ExtendWith(SparkExtension.class)
class IdentifierLeakTest {

    @TempDir
    Path dir;

    /** A flagged child whose every appointment note and every `other` outcome holds one identifier shape. */
    private Path chronology() {
        List<String> rows = new ArrayList<>(List.of(HEADER + ",worker_comment"));
        int day = 1;
        int n = 0;
        for (IdentifierCorpus.Shape s : IdentifierCorpus.POSITIVE) {
            String date = String.format(Locale.ROOT, "2026-%02d-%02d", 1 + (day / 28) % 9, 1 + day % 28);
            rows.add("F1,C1,E" + (++n) + "," + date + ",health,appointment,was_not_brought,,,,\"" + s.text() + "\",\""
                    + s.text() + "\"");
            rows.add("F1,C1,E" + (++n) + "," + date + ",social_care,other,\"" + s.text() + "\",,,,,");
            day += 2;
        }
        rows.add("F1,9434765919,E900,2026-03-01,health,appointment,attended,,,,an NHS number as a child id,");
        rows.add("F1,C1,AB123456C,2026-03-02,health,appointment,attended,,,,an NI number as an event id,");
        rows.add("07700900123,C9,E901,2026-03-03,health,appointment,attended,,,,a phone number as a case id,");
        rows.add("F1,C1,E902,2026-02-30,health,appointment,attended,,,,\"bad date, and mum's mobile 07700 900123\",");
        rows.add("F1,C1,E903,2026-03-04,health,appointment,attended,,,,too,many,fields,SW1A 1AA,carer.one@example.org");
        rows.add("F1,C1,E904,2026-03-05,health,appointment,attended,,,,\"" + "x".repeat(4001) + " AB123456D\",");
        return TestFiles.csv(dir, "in/extract-4010232137.csv", rows.toArray(String[]::new));
    }

    @Test
    void noIdentifierShapeReachesAnyOutputPageFileNameOrMessage(SparkSession spark) throws Exception {
        Path in = chronology();
        Path run = dir.resolve("run");
        Cli.Outcome scan = Cli.run("scan", "--input", in.getParent().toString(), "--as-of", "2026-10-31", "--out",
                run.toString(), "--quarantine-ceiling", "0.5");
        assertEquals(ExitCode.OK, scan.code(), scan.all());
        Path pack = dir.resolve("pack");
        Cli.Outcome sample = Cli.run("sample", "--run", run.toString(), "--seed", "1", "--size", "5", "--out",
                pack.toString());
        assertEquals(ExitCode.OK, sample.code(), sample.all());

        String everything = normalise(scan.all() + sample.all() + outputs(spark, run) + outputs(spark, pack));
        assertTrue(everything.contains("[redacted:nhs_number]") && everything.contains("[redacted:date_of_birth]"),
                "the redaction placeholders are there: the test looks where the identifiers would be");
        List<String> leaked = new ArrayList<>();
        for (IdentifierCorpus.Shape s : IdentifierCorpus.POSITIVE) {
            if (everything.contains(normalise(s.secret()))) {
                leaked.add(s.kind() + ": " + s.secret());
            }
        }
        for (String secret : List.of("9434765919", "ab123456c", "ab123456d", "07700900123", "4010232137", "sw1a1aa",
                "carer.one@example.org")) {
            if (everything.contains(normalise(secret))) {
                leaked.add(secret);
            }
        }
        assertEquals(List.of(), leaked, "identifiers found in the outputs");
        assertTrue(scan.out().contains("pii_detected 3"), "the three rows with identifier ids are quarantined: " + scan.out());
    }

    /** Every file of a folder: its name, its bytes as text, and every value of every Parquet file, decoded. */
    private static String outputs(SparkSession spark, Path root) throws Exception {
        StringBuilder b = new StringBuilder();
        List<Path> parquetFolders = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                b.append(root.relativize(p)).append('\n');
                if (Files.isRegularFile(p)) {
                    b.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\n');
                    if (p.getFileName().toString().endsWith(".parquet") && !parquetFolders.contains(p.getParent())) {
                        parquetFolders.add(p.getParent());
                    }
                }
            }
        }
        for (Path folder : parquetFolders) {
            spark.read().parquet(folder.toString()).toJSON().collectAsList().forEach(j -> b.append(j).append('\n'));
        }
        return b.toString();
    }

    /** Lower case, with the separators an identifier may be written with removed, JSON escapes decoded. */
    private static String normalise(String s) {
        return s.replace("\\u00a0", " ").replace("\\u2013", "-").toLowerCase(Locale.ROOT)
                .replaceAll("[\\s\\u00A0\\u2007\\u202F.\\-\\u2010-\\u2015]", "");
    }
}
